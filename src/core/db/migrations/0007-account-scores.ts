import type { Migration } from './types';

// The account authenticity verdict is kept with the account: its score, its reasons (JSON
// array of sentences) and when it was computed, so that only accounts imported or changed
// since are scored again. The index serves "most likely fake first".
export const migration0007: Migration = {
  version: 7,
  name: 'account-scores',
  up(db) {
    db.exec(`
      ALTER TABLE accounts ADD COLUMN fake_score REAL;
      ALTER TABLE accounts ADD COLUMN fake_reasons TEXT;
      ALTER TABLE accounts ADD COLUMN scored_at INTEGER;
      CREATE INDEX accounts_fake_score ON accounts (fake_score DESC, id) WHERE fake_score IS NOT NULL;
    `);
  },
};
