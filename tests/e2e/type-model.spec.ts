// The team's type model from the keyboard: a moderator corrects "where is my order?" (the
// rules' question) to a complaint with `y`, item after item; the Type model trains on those
// corrections and the team's other labels, is compared with the rules, switched on, and types
// a new "where is my order?" as a complaint by itself.
import { expect, test } from './fixtures';

test.use({ seedItems: 0 });

const NOW = Date.parse('2026-11-20T10:00:00Z');
const COMPLAINTS = 20;
const PER_TYPE = 24;
// Only the complaints say "where": a search for it lists exactly them.
const BANKS = {
  complaint: [
    'Where is my order? Placed it days ago',
    'where is my parcel, order placed last week?',
    'Any news on my order? Where is it',
    'Where is my delivery? Order number inside',
  ],
  question: [
    'Do you ship to Spain?',
    'What time do you open on Sunday?',
    'Is the blue one back in stock?',
    'Can I pay with PayPal?',
    'Which size should I get?',
  ],
  compliment: [
    'Love the new flavour',
    'The staff were brilliant today',
    'Best coffee in town',
    'Thanks for the quick help',
    'Wonderful shop, lovely people',
  ],
  other: [
    'Just saw your ad on the bus',
    'My cousin works at your Leeds store',
    'Posting this from the train',
    'Watching the match at home tonight',
    'Our team photo from the weekend',
  ],
};

function ndjson(rows: object[]): Buffer {
  return Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

const mention = (id: string, text: string, hoursAgo: number) => ({
  type: 'item',
  platform: 'x',
  id,
  kind: 'mention',
  author: `a-${id}`,
  target: 'Shop',
  createdAt: new Date(NOW - hoursAgo * 3_600_000).toISOString(),
  text,
});

function file(): Buffer {
  return ndjson(
    Object.entries(BANKS).flatMap(([type, bank]) =>
      Array.from({ length: type === 'complaint' ? COMPLAINTS : PER_TYPE }, (_, i) =>
        mention(`${type}-${i}`, `${bank[i % bank.length]} ${i}`, i + 1),
      ),
    ),
  );
}

test('type corrections made with y train the Type model, which, switched on, types a new message', async ({ queue, page }) => {
  await queue.open();
  await queue.importNdjson('mentions.ndjson', file());
  await expect(queue.list).toHaveAttribute('data-total', String(COMPLAINTS + 3 * PER_TYPE));

  // The team's earlier labels: questions escalated as the rules typed them, compliments and
  // others set with the key on other days.
  const { rows } = await queue.host.api<{ rows: { id: number; externalId: string }[] }>('queue.page', {
    filter: {},
    offset: 0,
    limit: 500,
  });
  const ids = (type: string) => rows.filter((r) => r.externalId.startsWith(`${type}-`)).map((r) => r.id);
  await queue.host.api('decision.apply', { itemIds: ids('question'), action: 'escalate' });
  await queue.host.api('item.classify', { itemIds: ids('compliment'), type: 'compliment' });
  await queue.host.api('item.classify', { itemIds: ids('other'), type: 'other' });

  // Today's: every "where is my order?" corrected from question to complaint, with y.
  await queue.search('where');
  await expect(queue.list).toHaveAttribute('data-total', String(COMPLAINTS));
  const type = page.getByTestId('triage-type');
  for (let i = 0; i < COMPLAINTS; i++) {
    const id = await queue.currentItemId();
    await expect(type).toHaveText('Question');
    await queue.press('y');
    await expect(type).toHaveText('Complaint');
    await expect(page.getByTestId('triage-type-by')).toHaveText('by moderator');
    if (i < COMPLAINTS - 1) {
      await queue.press('j');
      await expect(queue.detail).not.toHaveAttribute('data-item-id', String(id));
    }
  }
  await queue.waitSaved();
  await queue.press('/');
  await queue.press('Escape');

  await queue.press('Control+Shift+M');
  const models = page.getByTestId('model-dialog');
  const card = models.getByTestId('model-type');
  await expect(card.getByTestId('model-labels')).toContainText(
    `${PER_TYPE} question, ${COMPLAINTS} complaint, ${PER_TYPE} compliment, ${PER_TYPE} other`,
  );
  await expect(card.getByTestId('model-in-use')).toHaveText('built-in rules in use');
  await card.getByTestId('train').click();
  await expect(card.getByTestId('training')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  await expect(card.getByTestId('metrics-model')).toContainText('This model (cross-validated)');
  await expect(card.getByTestId('metrics-rules')).toContainText('Built-in rules');
  await expect(card.getByTestId('model-metrics')).toContainText('Macro-F1');
  // By type: the rules found none of the team's complaints; the model, cross-validated, does.
  const complaints = card.getByTestId('per-class-complaint').locator('td');
  await expect(complaints.nth(0)).toHaveText(String(COMPLAINTS));
  await expect(complaints.nth(2)).toHaveText('0.00');
  expect(Number(await complaints.nth(1).textContent())).toBeGreaterThan(0.5);

  await card.getByTestId('switch-on').click();
  await expect(card.getByTestId('model-in-use')).toHaveText('model 1 in use');
  await expect(page.getByTestId('scoring')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(models).toHaveCount(0);

  await queue.importNdjson('new.ndjson', ndjson([mention('new-1', 'Where is my order? Ordered it on Friday', 0)]));
  await queue.search('Friday');
  await expect(queue.list).toHaveAttribute('data-total', '1');
  await expect(type).toHaveText('Complaint');
  await expect(page.getByTestId('triage-type-by')).toHaveText('by team model');
  await expect(page.getByTestId('triage')).toContainText('the rules said question');
});
