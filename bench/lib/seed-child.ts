// `seed-child.ts DIR ITEMS SEED score|no [DECISIONS REVIEWS]`: fills a data folder with generated items (and scores
// them, if asked) in a process of its own, so that what seeding loads is not in the heap of the
// process that measures next. Above all the language detector: the app loads it on its first
// import, never at start, and the figures of a start or of a renderer function must not carry it.
import * as core from '../../src/core/index';
import { scoreAll } from '../rescore';
import { log } from './metrics';

const [dir, itemsArg, seedArg, score, decisionsArg, reviewsArg] = process.argv.slice(2);
const items = Number(itemsArg);
const seed = Number(seedArg);

// Items are classified, their language included, as they are stored.
await (core as { languageReady?: () => Promise<void> }).languageReady?.();
const started = performance.now();
let lastLog = started;
const c = core.openCore({ dataDir: dir!, host: 'test', actor: 'bench' });
try {
  core.loadWorkload(c.db, { items, seed }, (done) => {
    if (performance.now() - lastLog > 5000) {
      lastLog = performance.now();
      log(`  seeding ${items.toLocaleString('en')}: ${Math.round((done / items) * 100)} %`);
    }
  });
  log(`seeded ${items.toLocaleString('en')} items in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // Scored before a browser opens it: otherwise the app's own scoring pass runs during the
  // measurements, and each of its rounds reloads the list under the keys being timed.
  if (score === 'score') await scoreAll(c);
  if (decisionsArg) {
    const t = performance.now();
    const decisions = Number(decisionsArg);
    let last = t;
    const h = core.loadDecisionWorkload(c.db, { decisions, reviews: Number(reviewsArg), seed }, (done) => {
      if (performance.now() - last > 5000) {
        last = performance.now();
        log(`  decisions and reviews: ${Math.round((done / decisions) * 100)} %`);
      }
    });
    log(
      `logged ${h.decisions.toLocaleString('en')} decisions and ${h.reviews.toLocaleString('en')} reviews in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  }
} finally {
  c.close();
}
