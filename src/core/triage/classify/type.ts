// What kind of message it is, by rules a moderator can check: a question asks (a question
// mark, or an opening interrogative in one of the languages we read), a complaint names
// something that went wrong or is plainly negative, a compliment praises. A complaint put as
// a question ("why was I charged twice?") is a complaint: it is the grievance that needs an owner.
import type { TriageType } from '../../../shared/model';

const INTERROGATIVES = new Set(
  `how what when where why who whom whose which can could do does did is are was were will would should may shall
   anyone anybody qué que cómo como cuándo cuando dónde donde por porqué quién cuál puedo pueden comment pourquoi
   quand où qui quel quelle quels est-ce pouvez wie was wann wo warum wer welche welcher können kann gibt ist hoe wat
   waar wanneer waarom wie kunt kan is heeft quanto quando onde porque quem qual posso podem come cosa dove perché
   chi quale potete`
    .split(/\s+/)
    .filter(Boolean),
);

/** Phrases that name something gone wrong (English and the commonest of the other languages). */
const COMPLAINT_CUES: readonly [RegExp, string][] = [
  [
    /\b(never|not yet|still not|hasn'?t|has not|didn'?t|did not)\s+(arrived?|received?|delivered|shipped|come|came|showed up)\b/i,
    'something never arrived',
  ],
  [/\b(refund|money back|chargeback|reimburse)/i, 'asks for money back'],
  [/\b(charged|billed)\s+(me\s+)?(twice|two times|double|again|extra|wrong)/i, 'a wrong charge'],
  [
    /\b(still waiting|no (reply|response|answer)|nobody (answers|answered|replied)|no one (answers|answered|replied)|ignored)\b/i,
    'nobody answered',
  ],
  [
    /\b(broken|damaged|defective|faulty|not working|doesn'?t work|does not work|stopped working|won'?t (start|turn on|load))\b/i,
    'something is broken',
  ],
  [/\b(cancel(l?ed)?|unsubscribe|close my account)\b/i, 'wants to cancel'],
  [
    /\b(wrong (item|order|size|address)|missing (item|part|piece)s?|lost (my|the) (order|package|parcel|luggage|bag))\b/i,
    'a wrong or missing order',
  ],
  [
    /\b(rude|unprofessional|unhelpful|dirty|filthy|disgusting|worst|terrible|awful|horrible|unacceptable|ridiculous|scam|ripped off|rip-off)\b/i,
    'harsh words for the service',
  ],
  [/\b(complain(t|ed|ing)?|disappointed|fed up|sick of|frustrat(ed|ing))\b/i, 'says it is unhappy'],
  [
    /\b(reembolso|nunca lleg[óo]|no funciona|roto|queja|remboursement|jamais re[çc]u|ne fonctionne pas|cass[ée]|plainte|erstattung|nie angekommen|funktioniert nicht|kaputt|beschwerde|terugbetaling|nooit aangekomen|werkt niet|kapot|klacht|reembolso|nunca chegou|não funciona|rimborso|mai arrivato|non funziona|rotto|reclamo)\b/iu,
    'names a fault (not in English)',
  ],
];

const PRAISE_CUES: readonly [RegExp, string][] = [
  [/\b(thank(s| you)|thx|cheers|kudos|shout ?out|gracias|merci|danke|obrigad[oa]|grazie|bedankt)\b/i, 'thanks the team'],
  [/\b(love|loved|awesome|amazing|fantastic|excellent|brilliant|wonderful|perfect|superb|outstanding|best)\b/i, 'praise'],
  [/\b(recommend(ed)?|will be back|will come back|five stars|5 stars|highly)\b/i, 'recommends it'],
];

export interface TypeVerdict {
  type: TriageType;
  reasons: string[];
}

/** JavaScript's `\w` and `\s`, for the loop below. */
const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const SPACE = /\s/;

/** The text after the handles it opens with ("@shop @help where is…"), each followed by white space. */
function afterOpeningHandles(t: string): string {
  let at = 0;
  for (;;) {
    if (t.charCodeAt(at) !== 64) return t.slice(at);
    let i = at + 1;
    while (i < t.length && isWordChar(t.charCodeAt(i))) i++;
    if (i === at + 1 || i >= t.length || !SPACE.test(t[i]!)) return t.slice(at);
    while (i < t.length && SPACE.test(t[i]!)) i++;
    at = i;
  }
}

function questionReason(text: string): string | null {
  if (/[?？¿]/.test(text)) return 'asks with a question mark';
  const first = afterOpeningHandles(text.trim().toLowerCase()).match(/^[\p{L}'-]+/u)?.[0];
  if (first && INTERROGATIVES.has(first) && text.trim().split(/\s+/).length >= 3) return `opens with “${first}”`;
  return null;
}

/** `sentiment`: the item's sentiment score in [-1, 1]; `detection`: spam or fake when detection already says so. */
export function classifyType(text: string, sentiment: number, detection?: { type: 'spam' | 'fake'; reason: string }): TypeVerdict {
  if (detection) return { type: detection.type, reasons: [detection.reason] };
  const complaints = COMPLAINT_CUES.filter(([re]) => re.test(text)).map(([, why]) => why);
  const question = questionReason(text);
  const praise = PRAISE_CUES.filter(([re]) => re.test(text)).map(([, why]) => why);
  const negative = sentiment <= -0.35;
  // Strong feeling either way outweighs a single cue of the other kind ("thanks for nothing, worst service ever").
  if (complaints.length && (sentiment < 0.35 || complaints.length > praise.length)) {
    return { type: 'complaint', reasons: [...complaints.slice(0, 2), ...(negative ? ['negative in tone'] : [])] };
  }
  if (question) return { type: 'question', reasons: [question] };
  if (negative) return { type: 'complaint', reasons: ['negative in tone'] };
  if (praise.length || sentiment >= 0.35) return { type: 'compliment', reasons: praise.length ? praise.slice(0, 2) : ['positive in tone'] };
  return { type: 'other', reasons: ['no question, complaint or praise'] };
}
