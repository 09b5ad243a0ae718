import { expect, test } from './fixtures';

const NEXT_SENTIMENT: Record<string, string> = { negative: 'neutral', neutral: 'positive', positive: 'negative' };
const NEXT_TYPE: Record<string, string> = {
  Question: 'Complaint',
  Complaint: 'Compliment',
  Compliment: 'Other',
  Other: 'Question',
  Spam: 'Question',
  Fake: 'Question',
};

test.use({ hostGoesDown: true });

test('a moderator corrects the sentiment and the type with a key; the correction is shown and kept', async ({ queue, host, page }) => {
  await queue.openWithItems();
  const itemId = await queue.currentItemId();
  const panel = page.getByTestId('triage');
  await expect(panel).toBeVisible();
  const sentiment = page.getByTestId('triage-sentiment');
  const before = (await sentiment.textContent())!;
  await expect(page.getByTestId('triage-sentiment-by')).not.toHaveText('by moderator');
  await expect(page.getByTestId('triage-language')).not.toBeEmpty();
  await expect(page.getByTestId('triage-action')).not.toBeEmpty();

  await queue.press(';');
  const corrected = NEXT_SENTIMENT[before]!;
  await expect(sentiment).toHaveText(corrected);
  await expect(page.getByTestId('triage-sentiment-by')).toHaveText('by moderator');
  // A correction is not a decision: the item stays where it is.
  await expect(queue.detail).toHaveAttribute('data-item-id', String(itemId));

  const typeBefore = (await page.getByTestId('triage-type').textContent())!;
  await queue.press('y');
  await expect(page.getByTestId('triage-type')).toHaveText(NEXT_TYPE[typeBefore]!);
  await expect(page.getByTestId('triage-type-by')).toHaveText('by moderator');
  await queue.waitSaved();

  // Kept through a re-scoring and a restart: the event log, folded, still says so.
  await host.api('detection.rescore', {});
  await host.restart('kill');
  // A restart makes a new key: the page opens the newly printed address.
  await page.goto(host.url);
  await expect(page.locator('.app[data-ready=true]')).toBeVisible();
  const d = await host.api<{ triage: { sentiment: string; sentimentBy: string; typeBy: string }; events: { action: string }[] }>(
    'item.detail',
    { itemId },
  );
  expect(d.triage).toMatchObject({ sentiment: corrected, sentimentBy: 'moderator', typeBy: 'moderator' });
  expect(d.events.map((e) => e.action)).toEqual(['classify', 'classify']);
  await expect(queue.detail).toHaveAttribute('data-item-id', String(itemId));
  await expect(sentiment).toHaveText(corrected);
  await expect(page.getByTestId('triage-sentiment-by')).toHaveText('by moderator');
});
