// The words that change what a feeling word means rather than carry one: negators, intensifiers
// and softeners, the hedges of a clause about hopes rather than facts, contrast and concession,
// and the pieces of "will never come back". General English, written here by hand.

const set = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));

/** Words that turn the next feeling word round ("not clean", "never helpful"). */
export const NEGATORS = set(`
  not no never none nobody nothing neither nor without hardly barely scarcely cannot cant can't dont don't doesnt
  doesn't didnt didn't isnt isn't wasnt wasn't werent weren't wont won't wouldnt wouldn't couldnt couldn't shouldnt
  shouldn't aint ain't havent haven't hasnt hasn't hadnt hadn't arent aren't lack lacks lacked lacking`);

/** Two-word negators: "less than helpful", "far from clean", "anything but quiet". */
export const NEGATOR_PAIRS: ReadonlyMap<string, string> = new Map([
  ['less', 'than'],
  ['far', 'from'],
  ['anything', 'but'],
  ['nowhere', 'near'],
  ['lack', 'of'],
  ['absence', 'of'],
  ['devoid', 'of'],
  ['short', 'of'],
]);

/** Words that strengthen (above 1), soften (below 1) or, below 0, turn round at a discount ("less friendly") the word after them. */
export const INTENSIFIERS: ReadonlyMap<string, number> = new Map([
  ['very', 1.5],
  ['really', 1.4],
  ['extremely', 1.8],
  ['incredibly', 1.7],
  ['absolutely', 1.7],
  ['totally', 1.5],
  ['completely', 1.5],
  ['utterly', 1.8],
  ['truly', 1.4],
  ['so', 1.4],
  ['too', 1.3],
  ['super', 1.5],
  ['most', 1.3],
  ['highly', 1.5],
  ['exceptionally', 1.7],
  ['particularly', 1.3],
  ['especially', 1.3],
  ['quite', 1.1],
  ['such', 1.3],
  ['thoroughly', 1.5],
  ['seriously', 1.4],
  ['horribly', 1.6],
  ['terribly', 1.6],
  ['awfully', 1.5],
  ['insanely', 1.6],
  ['unbelievably', 1.7],
  ['remarkably', 1.5],
  ['genuinely', 1.3],
  ['deeply', 1.5],
  ['hugely', 1.6],
  ['immensely', 1.6],
  ['exceedingly', 1.7],
  ['amazingly', 1.5],
  ['ridiculously', 1.6],
  ['overly', 1.3],
  ['excessively', 1.4],
  ['way', 1.3],
  ['even', 1.2],
  ['more', 1.1],
  ['much', 1.2],
  ['definitely', 1.3],
  ['certainly', 1.2],
  ['simply', 1.2],
  ['slightly', 0.5],
  ['somewhat', 0.6],
  ['fairly', 0.7],
  ['rather', 0.8],
  ['kinda', 0.6],
  ['sorta', 0.6],
  ['kind', 0.6],
  ['sort', 0.6],
  ['pretty', 1.2],
  ['little', 0.6],
  ['bit', 0.6],
  ['marginally', 0.5],
  ['mostly', 0.8],
  ['almost', 0.7],
  ['relatively', 0.7],
  ['reasonably', 0.8],
  ['moderately', 0.7],
  ['partly', 0.6],
  ['occasionally', 0.6],
  ['mildly', 0.6],
  ['less', -0.5],
  ['least', -0.6],
]);

/**
 * Words that put what follows in the clause out of the real world ("expected a clean room",
 * "would have been nice", "if you want a quiet stay"): praise there is mostly a disappointed hope.
 */
export const IRREALIS = set(`
  would should could might expected expecting expect expects hoped hoping hope supposed suppose supposedly thought
  believing believed if wish wished wishing assumed imagined promised advertised claimed claims claim touted
  billed boasts boasted wanted seeking anticipated`);

/** "X, but Y": Y is what the writer means. */
export const CONTRAST = set(`but however yet nevertheless nonetheless`);

/** "Although X, Y", "Y, although X" and "Y except X": X is conceded, Y is meant. */
export const CONCESSIVE = set(`although though despite albeit whilst while except`);

/** Words a sentence opens with to turn against the one before ("…lovely lobby. However, the room…"). */
export const TURNS = set(`but however yet still nevertheless nonetheless unfortunately sadly regrettably`);

/** "Never again", "will be back": the future, and the words for coming back. */
export const FUTURE = set(`will would shall won't wouldn't wont wouldnt i'll we'll i'd we'd`);
export const RETURNING = set(`again return returning revisit rebook`);
/** "back" counts only after a verb of coming ("be back", "come back"), not in "call me back". */
export const COMING = set(`be come coming go going head heading`);
