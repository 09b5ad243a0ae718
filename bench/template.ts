// "Answer well": finding a reply template from the keyboard. 500 templates with
// realistic names, tags and bodies are saved through the contract (templates.save), read back
// (templates.list) and indexed as the reply dialog does (shared/template-search); then every
// prefix of a set of queries is searched, as the dialog does on each key press.
import type { ReplyTemplate } from '../src/shared/model';
import { indexTemplates, searchTemplates } from '../src/shared/template-search';
import { log, percentile, type Metric } from './lib/metrics';
import { call, open, tempDir } from './lib/workload';

const TOPICS = [
  'Delivery',
  'Refund',
  'Booking',
  'Room',
  'Order',
  'Payment',
  'Account',
  'Subscription',
  'Warranty',
  'Store',
  'App',
  'Menu',
  'Flight',
  'Parcel',
  'Invoice',
  'Coupon',
  'Allergy',
  'Check-in',
  'Loyalty',
  'Outage',
];
const SITUATIONS = [
  'late',
  'damaged',
  'missing',
  'cancelled',
  'double charged',
  'wrong item',
  'thank you',
  'question',
  'complaint',
  'noise',
  'cleanliness',
  'password reset',
  'price match',
  'opening hours',
  'escalated',
  'follow-up',
  'apology',
  'compensation',
  'out of stock',
  'feedback',
  'survey',
  'closing',
];
const SENTENCES = [
  'Hi {name}, thanks for reaching out about {target}.',
  'I am sorry to hear that your experience was not what you expected.',
  'Could you send us your order number by private message so we can look into it?',
  'We have passed this on to the team on site and they will follow up today.',
  'Your case reference is {caseRef}; please mention it if you contact us again.',
  'Our team is available {hours} and will be back {backAt}.',
  'We would love to make this right and have refunded the delivery fee.',
  'Thank you so much for the kind words, we shared them with the whole team!',
  'The new opening hours are on our website, and the store is open on Sundays too.',
  'A replacement is on its way and should arrive within three working days. – {agent}',
];

function generated(
  n: number,
): { name: string; body: string; tags: string[]; kind: 'reply' | 'contact-request' | 'private-channel'; reason?: string }[] {
  let x = 7;
  const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const topic = pick(TOPICS);
    const situation = pick(SITUATIONS);
    const body = Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => pick(SENTENCES)).join(' ');
    const kind = i % 10 === 0 ? 'contact-request' : i % 10 === 1 ? 'private-channel' : 'reply';
    return {
      name: `${topic}: ${situation} #${i}`,
      body,
      tags: [topic.toLowerCase(), situation.split(' ')[0]!],
      kind,
      ...(kind !== 'reply' ? { reason: 'Details stay out of public threads.' } : {}),
    };
  });
}

const QUERIES = [
  'refund late',
  'delivery damaged',
  'room noise',
  'order number',
  'password reset',
  'opening hours sunday',
  'coupon',
  'check-in follow',
  'zzz nothing',
];

export async function templateSearch(count = 500): Promise<Metric[]> {
  const core = open(tempDir('template'));
  try {
    for (const t of generated(count)) await call(core, 'templates.save', t);
    const { templates } = await call<{ templates: ReplyTemplate[] }>(core, 'templates.list', {});
    const t0 = performance.now();
    const index = indexTemplates(templates);
    const indexMs = performance.now() - t0;
    const samples: number[] = [];
    let found = 0;
    // Warm-up round, then measured rounds: every prefix of every query, as typed.
    for (let round = 0; round < 6; round++) {
      for (const q of QUERIES) {
        for (let k = 1; k <= q.length; k++) {
          const t = performance.now();
          const hits = searchTemplates(index, q.slice(0, k));
          const ms = performance.now() - t;
          if (round > 0) {
            samples.push(ms);
            found += hits.length;
          }
        }
      }
    }
    log(
      `  ${templates.length} templates, ${samples.length} searches, ${(found / samples.length).toFixed(0)} hits on average, index built in ${indexMs.toFixed(1)} ms`,
    );
    return [
      {
        name: 'template.search_ms_p95',
        value: percentile(samples, 95),
        unit: 'ms',
        note: `${templates.length} templates, every prefix of ${QUERIES.length} queries (${samples.length} searches), target ≤ 5 ms`,
      },
      { name: 'template.index_ms', value: indexMs, unit: 'ms', note: `building the dialog's index of ${templates.length} templates` },
    ];
  } finally {
    core.close();
  }
}
