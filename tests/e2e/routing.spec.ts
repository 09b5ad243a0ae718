import { expect, test } from './fixtures';
import { RulesDialog } from './pages/RulesDialog';

test.use({ seedItems: 0 });

/** Genuine customers, one message each, hours apart (a burst from one account would be detection's). */
function file(rows: { id: string; text: string }[]): Buffer {
  const out: object[] = [];
  rows.forEach((r, i) => {
    out.push({
      type: 'account',
      platform: 'x',
      id: `u-${r.id}`,
      handle: `customer_${r.id}`,
      followers: 300 + i,
      following: 200,
      posts: 900,
      createdAt: '2019-03-01T00:00:00Z',
    });
    out.push({
      type: 'item',
      platform: 'x',
      id: r.id,
      kind: 'mention',
      author: `u-${r.id}`,
      createdAt: new Date(Date.parse('2026-11-20T09:30:00Z') + i * 3_600_000).toISOString(),
      text: r.text,
      target: 'Northwind',
    });
  });
  return Buffer.from(out.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

test('an admin adds a rule, sees how many items it would match, saves, and a new item lands in its queue with the reason', async ({
  queue,
  page,
}) => {
  await queue.open();
  await queue.importNdjson(
    'first.ndjson',
    file([
      { id: 'p1', text: '@northwind I want a REFUND for my kettle' },
      { id: 'p2', text: 'Love the new jacket' },
      { id: 'p3', text: 'Remboursement svp, refund now' },
      { id: 'p4', text: 'refunded already, thanks' },
    ]),
  );

  await queue.press('Control+Shift+R');
  const rules = new RulesDialog(page);
  await rules.expectOpen();
  await rules.addRule('Refunds');
  await rules.condition(0, 'keywords', 'any', 'refund, remboursement');
  await rules.field('rule-queue').fill('billing');
  await rules.field('rule-owner').selectOption('team');
  await rules.field('rule-owner-name').fill('Billing EU');
  // Whole words only: "refunded" is not "refund".
  await expect(rules.preview).toHaveText('would match 2 of the last 4 items');
  await expect(rules.field('rule-examples')).toContainText('text has “refund”');

  // A mistake is named before anything is saved.
  await rules.field('rule-boost').fill('50');
  await expect(rules.preview).toContainText('boost');
  await expect(rules.field('rules-save')).toBeDisabled();
  await rules.field('rule-boost').fill('2');
  await expect(rules.preview).toHaveText('would match 2 of the last 4 items');
  await rules.save();
  await expect(page.getByTestId('toast-success').last()).toContainText('2 of 4 waiting items routed again');

  await queue.importNdjson('second.ndjson', file([{ id: 'p5', text: 'Where is my refund?' }]));
  const billing = page.getByTestId('queue-billing');
  await expect(billing.locator('.count')).toHaveText('3');
  await billing.click();
  await expect(queue.list).toHaveAttribute('data-total', '3');
  const note = page.getByTestId('routing-note');
  await expect(note).toContainText('Routed by rule Refunds: text has “refund”');
  await expect(note).toContainText('team Billing EU');
  // The rule's team holds the case until someone takes it.
  const owner = page.getByTestId('case-panel').getByTestId('case-owner');
  await expect(owner).toHaveText('waiting with Billing EU, by routing rule (o takes it)');
  await queue.press('o');
  await expect(owner).toHaveText(/^owned by /);
  const detail = await queue.host.api<{ routing: { ruleName: string } | null; item: { queue: string } }>('item.detail', {
    itemId: await queue.currentItemId(),
  });
  expect(detail.routing?.ruleName).toBe('Refunds');
  expect(detail.item.queue).toBe('billing');
});
