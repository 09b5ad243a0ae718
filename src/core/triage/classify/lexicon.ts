// A hand-written English sentiment lexicon for customer messages and reviews: each word's
// valence from -4 (hostile) to +4 (delighted), in the spirit of AFINN and VADER but written
// here from general usage, not fitted on any data set (the team's trained model does that, on
// its own corrections). Service words (rude, dirty, refund, helpful) are in because they carry
// a customer's mood where generic lexicons stay silent.

const WORDS: Record<number, string> = {
  4: `superb outstanding excellent exceptional fantastic amazing awesome wonderful perfect perfection flawless
    phenomenal magnificent spectacular brilliant marvelous marvellous stunning breathtaking heavenly exquisite
    impeccable immaculate terrific fabulous incredible loved love loving adore adored adorable delightful delighted
    thrilled ecstatic best`,
  3: `great beautiful gorgeous lovely elegant luxurious luxury spotless pristine impressive impressed enjoyed enjoy
    enjoyable happy glad pleased pleasure pleasant pleasantly recommend recommended recommending
    friendly helpful courteous attentive accommodating welcoming gracious generous exceeded exceed exceeds
    relaxing relaxed cozy cosy charming comfy comfortable spacious stylish gem favorite favourite favorites
    superior awesome fun glorious joy joyful grateful thankful thanks thank appreciated appreciate kudos bravo
    wow yay seamless smooth impeccably beautifully wonderfully perfectly nicely`,
  2: `good nice clean tidy fresh quiet peaceful convenient conveniently central modern well-appointed polite
    professional prompt efficient quick fast responsive knowledgeable warm warmly cheerful smiling smile smiles
    tasty delicious yummy comfortable worth worthwhile value reasonable affordable bargain easy easily satisfied
    satisfying satisfactory pleasing safe secure reliable upgraded upgrade complimentary free bonus cool neat
    solid sweet kind kindly caring thoughtful respectful cute positive success successful successfully resolved
    fixed solved win winning won liked`,
  1: `ok okay decent fair adequate acceptable helpfully working works sure clear updated handy useful`,
  [-1]: `average mediocre ordinary basic dated older bland lacking lack lacked slow slowly late busy crowded small
    tiny cramped confusing confused unclear odd weird strange tired cold wait waited waiting waits questionable
    meh pricey expensive costly noise noisy loud issue issues problem problems concern concerns inconvenient
    inconvenience unfortunately unfortunate sadly missing fee fees surcharge charges extra downhill allergies
    allergy mediocrity stiff hassle hassles cramped sluggish confusing unanswered`,
  [-2]: `bad poor poorly dirty dusty stained stains stain smelly smell smelled smells stinks stink musty moldy mouldy
    mold mould broken broke leaking leak leaky worn shabby rundown run-down stuffy unhelpful unfriendly
    unprofessional unresponsive uncomfortable uncomfortably overpriced overcharged charged refund refunds
    complain complained complaining complaint complaints disappoint disappointed disappointing disappointment
    dissatisfied unsatisfied unhappy upset annoyed annoying annoyance frustrated frustrating frustration
    irritated irritating angry mad sad sorry regret regretted hate hated hates dislike disliked wrong error
    errors fail failed fails failure fault faulty defective damaged damage scratched lukewarm thin
    hair hairs bugs bug cockroach cockroaches roach roaches stolen theft lost cancel cancelled canceled
    ignored ignore ignoring rushed neglected unacceptable inadequate insufficient lousy crappy cheap
    cheaply sketchy scam spam useless pointless waste wasted wasting avoid avoided blah ugly unclean
    unsanitary ridiculous ridiculously stupid dumb delay delayed delays outdated clogged exorbitant overrated
    overbooked dingy grimy sticky peeling cracked stains ruined ruin ruins unreliable inattentive careless
    rudeness disrespectful misleading misled false mistake mistakes`,
  [-3]: `terrible horrible awful dreadful atrocious appalling abysmal pathetic miserable nightmare nasty gross
    filthy disgusting disgusted revolting repulsive vile sickening sick rude rudely hostile insulting insult
    insulted incompetent incompetence negligent liar lied lying lies dishonest fraud fraudulent rip-off ripoff
    scammed cheated unsafe dangerous infested bedbugs bedbug worst furious outraged outrageous shocking
    shocked horrified horrendous disaster disastrous hell hellish trash garbage junk crap sucks sucked suck
    hideous inexcusable unbelievably`,
  [-4]: `fuck fucking fucked shit shitty bullshit damn damned scum`,
};

/** Multi-word expressions, looked up before the single words they contain. */
const PHRASES: Record<string, number> = {
  'never again': -3,
  'not worth': -2,
  'waste of money': -3,
  'waste of time': -3,
  'stay away': -3,
  'look elsewhere': -2,
  'would not recommend': -3,
  "wouldn't recommend": -3,
  'do not recommend': -3,
  "don't recommend": -3,
  'not recommend': -3,
  'far from': -1,
  'no one': -1,
  'nobody answered': -2,
  'still waiting': -2,
  'still no': -2,
  'no response': -2,
  'no reply': -2,
  'not working': -2,
  "doesn't work": -2,
  'does not work': -2,
  "didn't work": -2,
  'did not work': -2,
  'came back': 1,
  'will be back': 3,
  'would stay again': 3,
  'will stay again': 3,
  'will return': 3,
  'can not wait': 2,
  "can't wait": 2,
  'above and beyond': 3,
  'second to none': 3,
  'top notch': 3,
  'five stars': 3,
  '5 stars': 3,
  'one star': -3,
  '1 star': -3,
  'zero stars': -4,
  'thank you': 2,
  'well done': 2,
  'no problem': 1,
  'no problems': 1,
  'no issues': 1,
  'no complaints': 2,
  'not bad': 1,
  'customer service': 0,
};

export const LEXICON: ReadonlyMap<string, number> = new Map(
  Object.entries(WORDS).flatMap(([w, list]) => list.split(/\s+/).filter(Boolean).map((word) => [word, Number(w)] as const)),
);

export const PHRASE_LEXICON: ReadonlyMap<string, number> = new Map(Object.entries(PHRASES));

/** The words a phrase can start with: only after one of them is a phrase looked for. */
export const PHRASE_STARTS: ReadonlySet<string> = new Set(Object.keys(PHRASES).map((p) => p.split(' ')[0]!));

/** Longest phrase, in words. */
export const MAX_PHRASE = Math.max(...Object.keys(PHRASES).map((p) => p.split(' ').length));

/** Words that turn the next few words round ("not clean", "never helpful"). */
export const NEGATORS: ReadonlySet<string> = new Set(
  `not no never none nobody nothing neither nor without hardly barely scarcely cannot cant can't dont don't doesnt doesn't
   didnt didn't isnt isn't wasnt wasn't werent weren't wont won't wouldnt wouldn't couldnt couldn't shouldnt shouldn't
   aint ain't havent haven't hasnt hasn't hadnt hadn't`.split(/\s+/).filter(Boolean),
);

/**
 * Words that put what follows in the clause out of the real world ("expected a clean room",
 * "would have been nice"): praise there is mostly a disappointed hope.
 */
export const IRREALIS: ReadonlySet<string> = new Set(
  `would should could expected expecting expect hoped hoping hope supposed thought believing believed if wish wished
   assumed imagined promised advertised claimed claims touted`.split(/\s+/).filter(Boolean),
);

/** Words that strengthen (or, below 1, soften) the word after them. */
export const INTENSIFIERS: ReadonlyMap<string, number> = new Map([
  ['very', 1.5], ['really', 1.4], ['extremely', 1.8], ['incredibly', 1.7], ['absolutely', 1.7], ['totally', 1.5],
  ['completely', 1.5], ['utterly', 1.8], ['truly', 1.4], ['so', 1.4], ['too', 1.3], ['super', 1.5], ['most', 1.3],
  ['highly', 1.5], ['exceptionally', 1.7], ['particularly', 1.3], ['especially', 1.3], ['quite', 1.1], ['such', 1.3],
  ['thoroughly', 1.5], ['seriously', 1.4], ['horribly', 1.6], ['terribly', 1.6], ['awfully', 1.5], ['insanely', 1.6],
  ['slightly', 0.5], ['somewhat', 0.6], ['fairly', 0.7], ['rather', 0.8], ['kinda', 0.6],
  ['pretty', 1.2], ['little', 0.6], ['bit', 0.6], ['marginally', 0.5], ['mostly', 0.8], ['almost', 0.7],
]);
