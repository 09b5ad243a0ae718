// A hand-written English sentiment lexicon for customer messages and reviews: each word's
// valence from -4 (hostile) to +4 (delighted), written here from general usage, not fitted on
// any data set (the team's trained model does that, on its own corrections). Service words
// (rude, dirty, refund, helpful) are in because they carry a customer's mood where generic
// lexicons stay silent. Words that name a class of thing rather than judge it ("luxury",
// "premium", "deluxe") carry little: a brand says them of itself, a customer's verdict is in
// the adjectives around them. Regular comparatives, superlatives, adverbs, plurals and negative
// prefixes are found from their base word (wordValue below), so the lists hold base forms and
// the irregular or meaning-shifted inflections.

const WORDS: Record<number, string> = {
  4: `superb outstanding excellent excellence exceptional exceptionally fantastic amazing amazingly awesome
    wonderful perfect perfection flawless flawlessly phenomenal magnificent spectacular brilliant brilliantly
    marvelous marvellous stunning breathtaking heavenly exquisite impeccable immaculate terrific fabulous
    incredible love loved loving adore adored delightful delighted thrilled ecstatic best superlative sublime
    unbeatable unforgettable extraordinary first-rate first-class world-class top-notch faultless divine
    blissful overjoyed elated euphoric rave raving`,
  3: `great beautiful gorgeous lovely elegant luxurious spotless pristine sparkling impressive impressed enjoyed
    enjoy enjoyable happy glad pleased pleasure pleasant recommend recommended recommending friendly helpful
    courteous attentive accommodating welcoming gracious generous exceeded exceed exceeds exceeding relaxing
    relaxed cozy cosy charming comfy comfortable comfort spacious stylish gem favorite favourite superior fun
    glorious joy joyful grateful thankful thanks thank appreciated appreciate appreciative kudos bravo wow yay
    seamless smooth delicious scrumptious tasty exciting excited fascinating remarkable admirable commendable
    splendid fine-looking picturesque memorable enchanting magical fantastically satisfied contented cheerful
    upbeat warmhearted kind-hearted hospitable hospitality personable caring thoughtful considerate
    knowledgeable reliable trustworthy dependable honest genuine sincere competent skilled skillful talented
    efficient prompt punctual speedy swift refreshing refreshed rejuvenating soothing tranquil serene peaceful
    calm inviting dreamy paradise treasure winner wins recommendable worthwhile praise praised compliment
    complimented pamper pampered spoiled spoilt indulgent lavish plush classy chic sleek immaculately
    pleasurable heartwarming touching thrilling stellar fave beloved better`,
  2: `good nice clean tidy fresh quiet convenient well-kept well-appointed well-maintained polite professional
    quick fast responsive warmly smiling smile smiles yummy reasonable affordable bargain easy satisfying
    satisfactory pleasing safe secure upgraded upgrade complimentary bonus neat sweet kindly positive success
    successful resolved fixed solved win winning won liked likes well-organized well-organised organized
    organised helpfulness courtesy friendliness attentiveness cleanliness spotlessly charm character cute lively
    vibrant fun-filled entertaining interesting informative useful handy practical ideal suitable accessible
    roomy airy bright sunny scenic picture-perfect quaint homey homely soft fluffy crisp plentiful ample
    abundant generous-sized varied fresh-baked hearty flavorful flavourful inexpensive economical perk perks
    thoughtfulness quickly promptly efficiently smoothly easily conveniently nicely beautifully wonderfully
    greatly happily gladly gratefully warmth welcome welcomed accommodated helped supportive patiently flexible
    reassuring reassured trust trusted confidence confident improved upgrades benefit benefits advantage
    advantages reward rewarding enjoyment pleasures delight delights happiness satisfaction gratitude relief
    relieved eager glowing sturdy durable well-made well-designed functional intact luxuriously comfortably
    pleasantly clever lucky fortunate blessed desirable viable`,
  1: `ok okay decent fair adequate acceptable works clear fine alright all-right sufficient passable serviceable
    tolerable respectable presentable straightforward easygoing laid-back chill free discount discounted
    improvement improvements updated renovated refurbished modernized modernised central modern cool warm solid
    greeted assisted worth smart dream treat convenience conveniences luxury premium deluxe upscale upmarket
    fancy posh gourmet`,
  [-1]: `hidden thin awake apologize apologized apologies apology apologetic excuses construction average mediocre
    ordinary basic dated older bland lacking lack lacked lacks slow slowly late busy crowded small tiny cramped
    confusing confused unclear odd weird strange tired cold wait waited waiting waits questionable meh pricey
    expensive costly noise noisy loud issue issues problem problems concern concerns inconvenient inconvenience
    unfortunately unfortunate sadly missing fee fees surcharge surcharges charges extra downhill mediocrity
    stiff hassle hassles sluggish unanswered limited cluttered dim dimly dark gloomy drab dull boring bored
    plain so-so uninspired uninspiring forgettable underwhelming underwhelmed unremarkable unexciting generic
    sterile impersonal overcrowded packed queue queues hard lumpy thin-walled worn-out aging ageing
    old-fashioned tacky kitschy cheesy gaudy garish pretentious snobby snobbish awkward clumsy inconsistent
    unpredictable hit-and-miss patchy spotty sparse skimpy meager meagre minimal barebones bare-bones overdone
    underdone undercooked overcooked lukewarm tepid stale soggy greasy salty watery weak weakly complicated
    complex difficult unavailable nuisance bother bothered bothersome irritation distraction disturbing
    disturbed disturbance interrupted interruption steep pricy hefty tight narrow expectation expectations
    supposedly apparently allegedly negative minus downside downsides drawback drawbacks shortcoming
    shortcomings flaw flaws unimpressive unimpressed disinterested uninterested indifferent apathetic`,
  [-2]: `joke gripe gripes pissed bad poor poorly dirty dusty stained stains stain smelly smell smelled smells stinks stink stank musty
    moldy mouldy mold mould broken broke leaking leak leaky worn shabby rundown run-down stuffy unhelpful
    unfriendly unprofessional unresponsive uncomfortable overpriced overcharged overcharge refund refunds
    complain complained complaining complaint complaints disappoint disappointed disappointing disappointment
    disappointments dissatisfied dissatisfaction unsatisfied unhappy upset annoyed annoying annoyance frustrated
    frustrating frustration irritated irritating angry mad sad sorry regret regretted regrettable hate hated
    hates dislike disliked wrong error errors fail failed fails failure fault faulty defective damaged damage
    scratched hair hairs bugs bug cockroach cockroaches roach roaches stolen theft lost cancel cancelled
    canceled ignored ignore ignoring rushed neglected neglect unacceptable inadequate insufficient lousy crappy
    cheap cheaply cheap-looking flimsy sketchy spam useless pointless waste wasted wasting avoid avoided blah
    ugly unclean unsanitary unhygienic ridiculous ridiculously stupid dumb delay delayed delays outdated clogged
    exorbitant overrated overbooked dingy grimy sticky peeling cracked ruined ruin ruins unreliable inattentive
    careless rudeness disrespectful misleading misled false mistake mistakes worse subpar sub-par substandard
    shoddy sloppy messy mess filth stench odor odour reek reeked reeks nauseating uneasy anxious worried worry
    worrying nervous stressful stressed stress hassled unpleasant unpleasantly unwelcoming uninviting
    cold-hearted condescending dismissive arrogant snooty impolite curt abrupt brusque grumpy surly sullen
    clueless inept incapable untrained disorganized disorganised chaotic chaos confusion mix-up mixup mess-up
    screwed botched blunder bungled mishandled unreturned unsolved unresolved unfixed unusable inoperable
    malfunctioning malfunction malfunctioned breakdown outage outages glitch glitches buggy crashing crashed
    crash freezes frozen lagging laggy noisily loudly paper-thin smoky smoke-filled damp wet soaked leaked
    flooded infestation pests pest mice mouse rats rat ants bitten bites itchy rash sickness ill illness nausea
    vomiting headache pain painful hurt hurts injured uncomfortably sore sleepless insomnia exhausting exhausted
    tiresome tedious annoyingly disappointingly tragic sorrow grief lonely gloom depressing depressed dreary
    bleak grim hostility hateful spiteful cruel unfair unfairly unjust biased discriminated overcharging gouge
    gouged gouging extortionate scammy shady dodgy fishy suspicious untrustworthy unreliable-service dishonesty
    deceptive deceived deceiving misrepresented misrepresentation bait-and-switch blame blamed blaming regrets
    unapologetic wasteful lacklustre lackluster second-rate third-rate low-quality poor-quality inferior
    deficient deficiency unkempt neglected-looking decrepit dilapidated rickety crumbling broken-down worn-down
    threadbare stain-covered moth-eaten saggy sagging creaky creaking squeaky squeaking rattling humming buzzing
    clanking banging barking screaming yelling shouting honking drilling jackhammer sirens`,
  [-3]: `dump terrible terribly horrible horribly awful dreadful dreadfully atrocious appalling appalled abysmal
    pathetic miserable nightmare nightmarish nasty gross filthy disgusting disgusted disgust revolting repulsive
    repugnant vile sickening sick rude rudely hostile insulting insult insulted incompetent incompetence
    negligent negligence liar lied lying lies dishonest fraud fraudulent rip-off ripoff scam scammed scams
    cheated cheat cheating unsafe dangerous infested bedbugs bedbug worst furious fuming livid outraged outrage
    outrageous shocking shocked horrified horrendous horrific disaster disastrous catastrophe catastrophic hell
    hellish trash trashy garbage junk crap sucks sucked suck hideous inexcusable unforgivable despicable
    deplorable disgraceful disgrace shameful shame ashamed embarrassing embarrassed humiliating humiliated
    degrading demeaning contemptuous contempt loathe loathed loathsome detest detested hatred abhorrent
    unbearable intolerable insufferable unlivable uninhabitable squalid squalor rancid rotten rotting putrid
    foul poisoning poisoned toxic hazardous hazard harassed harassment threatened threatening abusive abuse
    assaulted robbed stole thieves thief criminal extortion scandalous unacceptably incompetently worthless
    laughable ludicrous absurd farce travesty debacle fiasco dissatisfying frightening frightened scared scary
    terrified terrifying creepy sleazy seedy grungy ghastly wretched lamentable woeful dire pitiful shambles
    shambolic heartbroken devastated devastating distraught distressed distressing traumatic traumatized agony
    agonizing`,
  [-4]: `fuck fucking fucked shit shitty bullshit damn damned scum scumbag asshole bastard crook crooks hellhole
    shithole cesspool pigsty`,
};

/** Multi-word expressions, looked up before the single words they contain. */
const PHRASES: Record<string, number> = {
  // Refusing to come back, warning others off, and comparing unfavourably: a customer's verdict.
  'never again': -3,
  'not worth': -2,
  'not worth it': -3,
  'waste of money': -3,
  'waste of time': -3,
  'stay away': -3,
  'steer clear': -3,
  'look elsewhere': -2,
  'looking elsewhere': -2,
  'stay elsewhere': -2,
  'go elsewhere': -2,
  'went elsewhere': -2,
  'book elsewhere': -2,
  'save your money': -3,
  "don't bother": -3,
  'do not bother': -3,
  "don't waste": -3,
  'do not waste': -3,
  "don't go": -2,
  "don't stay": -3,
  'do not stay': -3,
  'would not recommend': -3,
  "wouldn't recommend": -3,
  'would never recommend': -3,
  'could not recommend': -3,
  "couldn't recommend": -3,
  'do not recommend': -3,
  "don't recommend": -3,
  'not recommend': -3,
  'cannot recommend': -3,
  "can't recommend": -3,
  'fell short': -2,
  'falls short': -2,
  'fall short': -2,
  'falling short': -2,
  'left a lot to be desired': -3,
  'leaves a lot to be desired': -3,
  'much to be desired': -2,
  'expected more': -2,
  'expected better': -2,
  'expect more': -2,
  'expect better': -2,
  'expecting more': -2,
  'expecting better': -2,
  'hoped for more': -2,
  'hoping for more': -2,
  'no apology': -2,
  'not even an apology': -3,
  'without an apology': -2,
  'pissed off': -3,
  'pissed me off': -3,
  'let down': -2,
  'let us down': -2,
  'let me down': -2,
  'blew me away': 3,
  'blown away': 3,
  'look forward to': 2,
  'looking forward to': 1,
  'below expectations': -2,
  'below average': -2,
  'below par': -2,
  'not up to par': -2,
  'not up to standard': -2,
  'nothing special': -2,
  'nothing to write home about': -2,
  'not impressed': -2,
  'far from': -1,
  'less than': -1,
  'no one': -1,
  'nobody answered': -2,
  'still waiting': -2,
  'still no': -2,
  'no response': -2,
  'no reply': -2,
  'no answer': -2,
  'not working': -2,
  'out of order': -2,
  "doesn't work": -2,
  'does not work': -2,
  "didn't work": -2,
  'did not work': -2,
  'rip off': -3,
  'ripped off': -3,
  'taken advantage': -2,
  'fed up': -3,
  'sick of': -3,
  'sick and tired': -3,
  'the last straw': -3,
  'what a joke': -3,
  'thanks for nothing': -3,
  'paper thin': -2,
  'thin walls': -2,
  'a far cry from': -2,
  'not as advertised': -3,
  'not what i expected': -2,
  'not what we expected': -2,
  'not what was advertised': -3,
  'over priced': -2,
  'for the price': -1,
  'one star': -3,
  '1 star': -3,
  'zero stars': -4,
  'no stars': -4,
  // Praise that only makes sense as a whole.
  'came back': 1,
  'above and beyond': 4,
  'second to none': 4,
  'top notch': 3,
  'five stars': 3,
  '5 stars': 3,
  'thank you': 2,
  'well done': 2,
  'no problem': 1,
  'no problems': 1,
  'no issues': 1,
  'no issue': 1,
  'no complaints': 2,
  'not bad': 1,
  'not too bad': 1,
  'exceeded expectations': 3,
  'exceeded our expectations': 3,
  'exceeded my expectations': 3,
  'beyond expectations': 3,
  'home away from home': 3,
  "can't say enough": 3,
  'cannot say enough': 3,
  'could not be happier': 4,
  "couldn't be happier": 4,
  'could not have been better': 4,
  "couldn't have been better": 4,
  'could not ask for more': 3,
  "couldn't ask for more": 3,
  'made us feel welcome': 3,
  'made me feel welcome': 3,
  'value for money': 2,
  'worth every penny': 4,
  'worth the money': 3,
  'worth the price': 3,
  'well worth': 3,
  'highly recommend': 4,
  'highly recommended': 4,
  'would recommend': 3,
  'would definitely recommend': 4,
  'would highly recommend': 4,
  'must see': 2,
  'a must': 2,
  // "like" is a preposition far more often than a feeling; only these are the verb.
  'i like': 2,
  'we like': 2,
  'i really like': 3,
  "don't like": -2,
  'dont like': -2,
  "didn't like": -2,
  'didnt like': -2,
  'do not like': -2,
  'did not like': -2,
  'customer service': 0,
  'kind of': 0,
  'sort of': 0,
  'not enough': -1,
  'needs improvement': -2,
  'room for improvement': -1,
  'hidden gem': 3,
  'good value': 3,
  'great value': 3,
  'poor value': -2,
  'free of charge': 1,
  'good luck': 0,
  'pretty much': 0,
  'so much for': -2,
  'without a doubt': 0,
  'nothing but': 0,
  'all but': 0,
};

/** Emoticons and emoji a customer types as a word. */
const SYMBOLS: Record<string, number> = {
  ':)': 2,
  ':-)': 2,
  ':d': 3,
  ':-d': 3,
  ';)': 1,
  '<3': 3,
  ':(': -2,
  ':-(': -2,
  ":'(": -3,
  ':/': -1,
  ':-/': -1,
  '😀': 3,
  '😃': 3,
  '😄': 3,
  '😁': 3,
  '😊': 3,
  '🙂': 2,
  '😍': 4,
  '🥰': 4,
  '😘': 3,
  '❤': 3,
  '❤️': 3,
  '👍': 2,
  '👏': 3,
  '🙏': 2,
  '🎉': 3,
  '💯': 3,
  '⭐': 2,
  '🔥': 2,
  '😂': 1,
  '😐': -1,
  '😕': -1,
  '🙁': -2,
  '☹': -2,
  '😞': -2,
  '😢': -2,
  '😭': -3,
  '😠': -3,
  '😡': -4,
  '🤬': -4,
  '👎': -3,
  '🤮': -4,
  '🤢': -3,
  '💩': -3,
  '😤': -3,
  '🙄': -2,
};

export const LEXICON: ReadonlyMap<string, number> = new Map([
  ...Object.entries(WORDS).flatMap(([w, list]) =>
    list
      .split(/\s+/)
      .filter(Boolean)
      .map((word) => [word, Number(w)] as const),
  ),
  ...Object.entries(SYMBOLS),
]);

export interface Phrase {
  words: readonly string[];
  value: number;
}

/** Phrases by their first word, longest first: a text is read word by word, never joined up. */
export const PHRASES_BY_START: ReadonlyMap<string, readonly Phrase[]> = (() => {
  const out = new Map<string, Phrase[]>();
  for (const [p, value] of Object.entries(PHRASES)) {
    const words = p.split(' ');
    const list = out.get(words[0]!) ?? [];
    list.push({ words, value });
    out.set(words[0]!, list);
  }
  for (const list of out.values()) list.sort((a, b) => b.words.length - a.words.length);
  return out;
})();

/** Emoticons, for the tokenizer: they are words here, not punctuation. */
export const EMOTICONS: readonly string[] = Object.keys(SYMBOLS).filter((s) => /^[:;<]/.test(s));

const PREFIXES = ['un', 'in', 'im', 'dis', 'non-'];

function inflected(word: string): number | undefined {
  const tries: string[] = [];
  // nicest → nice, dirtiest → dirty, biggest → big; rudely → rude, happily → happy, horribly → horrible
  for (const [end, instead] of [
    ['iest', 'y'],
    ['ier', 'y'],
    ['est', ''],
    ['est', 'e'],
    ['er', ''],
    ['er', 'e'],
    ['ily', 'y'],
    ['ibly', 'ible'],
    ['ably', 'able'],
    ['ly', ''],
    ['ies', 'y'],
    ['es', ''],
    ['s', ''],
  ] as const) {
    if (word.length > end.length + 2 && word.endsWith(end)) tries.push(word.slice(0, -end.length) + instead);
  }
  for (const t of tries) {
    const v = LEXICON.get(t) ?? (/(.)\1$/.test(t) ? LEXICON.get(t.slice(0, -1)) : undefined);
    // A comparative says less than the word itself ("cleaner" of a room is still only relative).
    if (v !== undefined) return word.endsWith('er') ? v * 0.75 : v;
  }
  return undefined;
}

/**
 * A word's valence: the lexicon's own entry, else the entry of its base form (regular
 * inflections), else a negative prefix on a known word ("uninviting", "impolite",
 * "disorganised"), which turns it round at three quarters of its strength.
 */
export function wordValue(word: string): number | undefined {
  const v = LEXICON.get(word);
  if (v !== undefined) return v;
  if (word.length < 4) return undefined;
  // A word longer than any real one is worked out each time, never kept: hostile texts made of
  // long distinct "words" would otherwise fill the cache with megabytes of them.
  if (word.length > DERIVED_LONGEST) return derive(word);
  const known = derived.get(word);
  if (known !== undefined) return known ?? undefined;
  if (derived.size >= DERIVED_MAX) derived.clear();
  const d = derive(word);
  derived.set(word, d ?? null);
  return d;
}

/** Words already looked for by their base: most words of a text are no feeling, and ask again. */
const derived = new Map<string, number | null>();
const DERIVED_MAX = 50_000;
const DERIVED_LONGEST = 40;

function derive(word: string): number | undefined {
  if (!/^[a-z-]+$/.test(word)) return undefined;
  const base = inflected(word);
  if (base !== undefined) return base;
  // "hassle-free", "worry-free": the trouble taken away.
  if (word.endsWith('-free')) {
    const trouble = LEXICON.get(word.slice(0, -5));
    return trouble !== undefined && trouble < 0 ? -0.5 * trouble : undefined;
  }
  for (const p of PREFIXES) {
    if (!word.startsWith(p) || word.length - p.length < 4) continue;
    const rest = word.slice(p.length);
    const r = LEXICON.get(rest) ?? inflected(rest);
    if (r !== undefined && Math.abs(r) >= 1) return -0.75 * r;
  }
  return undefined;
}
