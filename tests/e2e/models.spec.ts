import { expect, test } from './fixtures';

test.use({ seedItems: 0 });

const NOW = Date.parse('2026-11-20T10:00:00Z');
// Spam the built-in rules do not know (no links, no "subscribe"): only the team's decisions teach it.
const SPAM = [
  'Get rich quick with my crypto signals, join now',
  'Cheap followers for sale, message me today',
  'Earn money from home, ask me how',
  'Hot singles in your area want to meet',
  'Best casino bonus, sign up and win big',
];
const HAM = [
  'The drone shots over the lake are beautiful',
  'Does the kettle come in green as well',
  'My order arrived late but support sorted it out',
  'Great explanation of the settings, thanks',
  'Which lens did you use for the night scenes',
];

function file(): Buffer {
  const rows: object[] = [];
  for (let i = 0; i < 60; i++) {
    for (const [p, bank] of [
      ['s', SPAM],
      ['h', HAM],
    ] as const) {
      rows.push({
        type: 'item',
        platform: 'youtube',
        id: `${p}${i}`,
        kind: 'comment',
        author: `${p}a${i}`,
        target: 'Trail test',
        createdAt: new Date(NOW - i * 3_600_000).toISOString(),
        text: `${bank[i % bank.length]} ${i}`,
      });
    }
  }
  return Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

test('a model trained on the team’s decisions is compared with the rules, switched on, and rolled back', async ({ queue, page }) => {
  await queue.open();
  await queue.importNdjson('comments.ndjson', file());
  await expect(queue.list).toHaveAttribute('data-total', '120');

  // The team's earlier decisions: 40 spam, 40 approved.
  const { rows } = await queue.host.api<{ rows: { id: number; externalId: string }[] }>('queue.page', {
    filter: {},
    offset: 0,
    limit: 500,
  });
  const ids = (p: string) => rows.filter((r) => r.externalId.startsWith(p) && Number(r.externalId.slice(1)) < 40).map((r) => r.id);
  await queue.host.api('decision.apply', { itemIds: ids('s'), action: 'spam' });
  await queue.host.api('decision.apply', { itemIds: ids('h'), action: 'approve' });
  const waitingSpam = rows.find((r) => r.externalId === 's50')!.id;

  await queue.press('Control+Shift+M');
  const models = page.getByTestId('model-dialog');
  const spam = models.getByTestId('model-spam');
  await expect(spam).toContainText('40 spam, 40 approved or answered');
  await expect(spam.getByTestId('model-in-use')).toHaveText('built-in rules in use');
  await spam.getByTestId('train').click();
  await expect(spam.getByTestId('training')).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
  await expect(spam.getByTestId('metrics-model')).toContainText('This model (cross-validated)');
  await expect(spam.getByTestId('metrics-rules')).toContainText('Built-in rules');

  await spam.getByTestId('switch-on').click();
  await expect(spam.getByTestId('model-in-use')).toHaveText('model 1 in use');
  await expect(page.getByTestId('scoring')).toHaveCount(0);
  await expect
    .poll(
      async () =>
        (await queue.host.api<{ detection: { spam: { source: string } } }>('item.detail', { itemId: waitingSpam })).detection.spam.source,
    )
    .toBe('model');

  await spam.getByTestId('rollback').click();
  await expect(spam.getByTestId('model-in-use')).toHaveText('built-in rules in use');
  await expect
    .poll(
      async () =>
        (await queue.host.api<{ detection: { spam: { source: string } } }>('item.detail', { itemId: waitingSpam })).detection.spam.source,
    )
    .toBe('rules');
  await page.keyboard.press('Escape');
  await expect(models).toHaveCount(0);
});
