import type { Migration } from './types';

// Reply templates the `t` key offers. Admin editing comes with the triage work; these
// defaults make replying usable from the first start. Variables in braces are filled in the
// reply editor, and the text is meant to be edited before it is sent.
const DEFAULTS: [string, string, string][] = [
  [
    'ack-complaint',
    'Complaint: acknowledge and take private',
    'Hi {name}, I am sorry to hear about this. Could you send us a direct message with your order number so we can look into it right away? – {agent}',
  ],
  ['answer-question', 'Question: answer', 'Hi {name}, thanks for asking! '],
  ['thanks', 'Compliment: thank', 'Thank you so much, {name}! We are glad you enjoyed {target}. – {agent}'],
  ['review-response', 'Review: respond to the reviewer', 'Dear {name}, thank you for taking the time to review {target}. '],
];

export const migration0004: Migration = {
  version: 4,
  name: 'reply-templates',
  up(db) {
    db.exec(`
      CREATE TABLE templates (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        body TEXT NOT NULL,
        position INTEGER NOT NULL
      ) STRICT;
    `);
    const insert = db.prepare('INSERT INTO templates (id, name, body, position) VALUES (?, ?, ?, ?)');
    DEFAULTS.forEach(([id, name, body], i) => insert.run(id, name, body, i));
  },
};
