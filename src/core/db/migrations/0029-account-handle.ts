import type { Migration } from './types';

// A queue search finds an author's items by handle ("@anna_k" or "anna_k"), in any case:
// accounts are looked up by handle without reading them all.
export const migration0029: Migration = {
  version: 29,
  name: 'account-handle',
  up(db) {
    db.exec('CREATE INDEX accounts_handle ON accounts (handle COLLATE NOCASE)');
  },
};
