import type { Migration } from './types';

// Detection scores now start from a base rate and say how sure they are. An account's verdict
// gains its sureness (fake_sure: JSON of the level and its basis, as the detector gave it; an
// item's sureness goes inside items.detection with its score and reasons). Every verdict is
// worked out again by the next scoring pass: accounts (which, as ever, marks their items too)
// and items whose author is not scored, decided or waiting, so that no score of the old
// kind (an even 0.5 with no evidence) is left beside the new ones.
export const migration0032: Migration = {
  version: 32,
  name: 'score-sureness',
  up(db) {
    db.exec(`
      ALTER TABLE accounts ADD COLUMN fake_sure TEXT;
      UPDATE accounts SET scored_at = NULL WHERE stub = 0 AND scored_at IS NOT NULL;
      UPDATE items SET scored_at = NULL WHERE scored_at IS NOT NULL;
    `);
  },
};
