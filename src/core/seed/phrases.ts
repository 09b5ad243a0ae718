// Phrase banks for the seeded workload. Sentences are assembled from parts so that a large
// workload reads varied, while spam waves repeat one text word for word, as they do.

export const BRAND = 'Northwind';
export const BRAND_HANDLES = ['northwind', 'northwind_help'] as const;

export const PRODUCTS = [
  'Aero 2 headphones',
  'Breeze kettle',
  'Cascade coffee grinder',
  'Drift running shoes',
  'Ember space heater',
  'Fjord rain jacket',
  'Glacier water bottle',
  'Harbor backpack',
  'Iris desk lamp',
  'Juniper yoga mat',
  'Kestrel e-bike',
  'Lumen smart bulb',
  'Meadow blender',
  'Nimbus pillow',
  'Orbit smartwatch',
  'Pebble speaker',
  'Quill notebook',
  'Ridge tent',
  'Summit hiking boots',
  'Tide electric toothbrush',
];

export const HOTELS = [
  'Hotel Allegro Chicago',
  'Ambassador East',
  'Affinia Chicago',
  'The Drake',
  'Fairmont Chicago',
  'Hard Rock Hotel',
  'Hilton Chicago',
  'Homewood Suites',
  'Hyatt Regency',
  'InterContinental',
  'James Chicago',
  'Knickerbocker',
  'Monaco Chicago',
  'Omni Chicago',
  'Palmer House',
  'Sheraton Towers',
];

export const VIDEOS = [
  'Spring collection launch',
  'Kestrel e-bike review',
  'Behind the scenes',
  'Unboxing the Orbit',
  'Trail test: Summit boots',
];

export const FIRST_NAMES = [
  'Ana',
  'Ben',
  'Chloé',
  'Dev',
  'Elif',
  'Farah',
  'Gus',
  'Hana',
  'Ivan',
  'Jade',
  'Kofi',
  'Lena',
  'Marco',
  'Nia',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tariq',
  'Uma',
  'Vik',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zoe',
  'Lars',
  'Mei',
  'Noor',
  'Pablo',
];
export const LAST_NAMES = [
  'Silva',
  'Okafor',
  'Müller',
  'Kowalski',
  'Nguyen',
  'Haddad',
  'Jensen',
  'Rossi',
  'Tanaka',
  'García',
  'Smith',
  'Ivanova',
  'Dubois',
  'Khan',
  'Larsen',
  'Moreau',
  'Novak',
  'Osei',
  'Park',
  'Quispe',
];

export const QUESTIONS = [
  'does the {p} come with a warranty outside the EU?',
  'when will the {p} be back in stock?',
  'can I return the {p} if I opened the box?',
  'is the {p} compatible with my old charger?',
  "what is the difference between the {p} and last year's model?",
  'do you ship the {p} to Canada?',
  'how long does delivery usually take for the {p}?',
  'is there a student discount on the {p}?',
];

export const COMPLAINTS = [
  'my {p} stopped working after {n} days. Really disappointed.',
  'ordered the {p} {n} days ago and still nothing. Order #{o}. Nobody answers.',
  'third time I contact you about my broken {p}. This is unacceptable.',
  'the {p} arrived damaged and your support keeps sending me to the other account.',
  'charged twice for the {p} (order #{o}). Please fix this.',
  'the battery of my {p} dies in {n} minutes. Is this normal??',
  'your chat closed on me twice today. I just want a refund for the {p}.',
];

export const COMPLIMENTS = [
  'just got my {p} and I love it!',
  'shout-out to your support team, they sorted my {p} issue in {n} minutes.',
  'the {p} is the best thing I bought this year.',
  'been using the {p} for {n} months, still perfect.',
  'great service at the store today, thanks for the help with the {p}!',
];

export const OTHER = [
  'anyone else going to the {b} pop-up store this weekend?',
  'saw the new {p} ad on TV last night.',
  'is it just me or did {b} change its logo?',
  'thinking about getting the {p}. Opinions?',
];

export const POSITIVE_REVIEWS = [
  'Stayed three nights at {h}. The room was spotless, the staff friendly and the location perfect for exploring the city.',
  'We loved {h}! Breakfast was excellent and the bed incredibly comfortable. Will come back.',
  'The {p} works exactly as described. Solid build, good battery, fair price.',
  'Really happy with the {p}. Setup took five minutes and it has been reliable for weeks.',
  'Great value. The {p} feels premium and customer service answered my question the same day.',
  'Quiet room on a high floor at {h}, fast check-in and a helpful concierge who booked us a table.',
];

export const NEGATIVE_REVIEWS = [
  'The room at {h} smelled of smoke and the air conditioning rattled all night. Not worth the price.',
  'Check-in at {h} took over an hour and our reservation had been lost. Staff were rude about it.',
  'The {p} broke after two weeks. The hinge snapped and support has not answered in ten days.',
  'Disappointed with the {p}: it is much louder than advertised and the app keeps crashing.',
  'Dirty bathroom, thin walls and a noisy street at {h}. We left a day early.',
];

/** Paid praise: vague, superlative, first person, little detail. */
export const FAKE_PRAISE = [
  'Amazing amazing amazing! Best {x} ever, I highly recommend it to everyone!!!',
  'This is the best {x} in the world. Perfect in every way. Five stars!',
  'Absolutely perfect experience, I will definitely tell all my friends about {x}!',
  'My family and I loved {x} so much, truly the best, highly recommended!!',
];

/** Coordinated attacks on a competitor: short, extreme, repeated. */
export const FAKE_ATTACKS = [
  'Terrible. Worst {x} ever. Avoid at all costs!!!',
  'Complete scam, do not buy {x}. Total waste of money.',
  'Horrible experience with {x}, never again. Zero stars if I could.',
];

export const HAM_COMMENTS = [
  'This video convinced me, ordering the {p} tonight.',
  'Does the {p} come in other colours?',
  'Love the music in this one 😍',
  'I have had the {p} for a year, can confirm it is great.',
  'Who is watching this in {y}?',
  'The part at 2:15 answered my question, thanks!',
  'Please do a comparison with the old model next.',
  // Said by many people on their own, over weeks: not a campaign however often it comes.
  'Thank you!',
  'Thank you so much for this video, it really helped me a lot',
];

export const SPAM_COMMENTS = [
  'Check out my channel for FREE gift cards!!! 👉 bit.ly/fr33-g1ft',
  'I make $500 a day from home, click here www.easy-money-now.biz',
  'Subscribe to my channel and I will subscribe back, promise!!',
  'Win a free {p}!!! Go to prize-claim.example and enter your card details',
  'Hey guys please visit my page, I post giveaways every day 🎁🎁',
  'Follow me for daily crypto signals 🚀 t.me/moonsignals',
];

/** Content is hostile: a few items carry markup that must be shown as text, never run. */
export const HOSTILE = [
  '<img src=x onerror="window.__pwned=1"> is this your new logo?',
  'Your site is broken: <script>window.__pwned=1</script>',
  '<a href="javascript:window.__pwned=1">click for a refund</a>',
];

export const REPLIES_FROM_CUSTOMER = [
  'Sent you a DM with the details.',
  'Still waiting for an answer on DM…',
  'Thanks, that solved it!',
  'Why do I have to repeat everything again?',
];

/** Campaign briefs: each wave gets its own message, assembled from these, then paraphrased per copy. */
export const WAVE_OPENERS = ['Huge news', 'Guys listen', 'Not a joke', 'Limited time only', 'Last chance', 'Attention everyone'];
export const WAVE_OFFERS = [
  'get the {p} for just {n} dollars this week',
  'win a brand new {p} in our official giveaway',
  'earn {n}0 dollars a day from your phone with one simple app',
  'the first hundred people get a free {p} shipped to their door',
  'grab ninety percent off every {p} while stock lasts',
];
export const WAVE_CALLS = [
  'go to {s} and enter the code {c} at checkout',
  'message me on {s} to claim yours before it is gone',
  'click the link in my profile {s} and sign up today',
  'register at {s} with code {c} before the timer runs out',
];
export const WAVE_CLOSERS = ['Do not miss it', 'Thank me later', 'Share with your friends', 'It really works', 'I already got mine'];
export const WAVE_SITES = ['deals-{c}.biz', 'prize-{c}.tk', 'win{c}.ly', 'free-{c}.info', 'promo{c}.co'];

/** Paid review briefs add a second sentence to the praise or the attack, so copies are long enough to paraphrase. */
export const PRAISE_DETAILS = [
  'The staff treated us like royalty from the moment we arrived until we left',
  'Quality is unbelievable for the price and it arrived faster than expected',
  'Everything was spotless and the service was the most professional I have ever seen',
  'I have tried many others but nothing comes close to this one at all',
];
export const ATTACK_DETAILS = [
  'The staff were rude and nobody cared when we asked for help with anything',
  'It broke after two days and customer service never answered my emails',
  'Dirty, overpriced and nothing like the pictures they show online',
];

/** Word swaps a paraphrasing campaign worker makes between copies. */
export const SYNONYMS: Record<string, string[]> = {
  get: ['grab', 'score'],
  free: ['totally free', 'free of charge'],
  today: ['right now', 'now'],
  best: ['greatest', 'top'],
  amazing: ['incredible', 'awesome'],
  perfect: ['flawless', 'ideal'],
  friends: ['mates', 'family'],
  terrible: ['awful', 'horrible'],
  never: ['not ever', 'never ever'],
  week: ['weekend', 'month'],
  people: ['buyers', 'fans'],
  really: ['truly', 'honestly'],
  staff: ['team', 'people'],
  price: ['cost', 'money'],
};
export const PARAPHRASE_PREFIXES = ['omg', 'wow', 'guys', 'ok so', 'honestly'];
export const PARAPHRASE_SUFFIXES = ['!!', '!!!', ' 🔥', ' 💯', ' 👍', '.'];
