import type { Migration } from './types';

// Templates kept by admins: what a template is for (a reply, asking
// for contact details, moving to a private channel — the last two say why, and the reply
// records it), tags to find it by, and who changed it last. Replies sent today are counted
// by the personalisation check ("the same text to many customers"): a partial index keeps
// that a range over today's replies instead of a walk of the whole log.
export const migration0018: Migration = {
  version: 18,
  name: 'template-kinds',
  up(db) {
    db.exec(`
      ALTER TABLE templates ADD COLUMN kind TEXT NOT NULL DEFAULT 'reply' CHECK (kind IN ('reply', 'contact-request', 'private-channel'));
      ALTER TABLE templates ADD COLUMN reason TEXT;
      ALTER TABLE templates ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE templates ADD COLUMN updated_at INTEGER;
      ALTER TABLE templates ADD COLUMN updated_by TEXT;

      CREATE INDEX events_replies_at ON events (created_at) WHERE action = 'reply';
    `);
    // The default complaint answer asks the customer to move to direct messages: say why.
    db.prepare("UPDATE templates SET kind = 'private-channel', reason = ?, tags = '[\"complaint\",\"dm\"]' WHERE id = 'ack-complaint'").run(
      'Order numbers and addresses should not be posted in public.',
    );
    db.prepare(
      `INSERT INTO templates (id, name, body, position, kind, reason, tags)
       VALUES ('ask-contact', 'Contact details: ask for an e-mail or phone number', ?, (SELECT coalesce(max(position), -1) + 1 FROM templates),
         'contact-request', ?, '["contact"]')
       ON CONFLICT (id) DO NOTHING`,
    ).run(
      'Hi {name}, we would like to sort this out with you directly. Could you send us your e-mail address or phone number by private message? Please mention your case {caseRef}. – {agent}',
      'We need a way to reach the customer outside this public thread.',
    );
  },
};
