import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';

test.use({ seedItems: 0 });

const T0 = Date.parse('2026-11-20T10:00:00Z');
const MIN = 60_000;
const wave = 'Huge news! win a brand new Aero headphones in our official giveaway, go to prize-77.tk and enter the code 77 at checkout';

/** Eight accounts posting one message within minutes, among genuine comments spread over days. */
function file(): Buffer {
  const rows: object[] = [];
  for (let i = 0; i < 8; i++) {
    rows.push({
      type: 'account',
      platform: 'youtube',
      id: `w${i}`,
      handle: `promo${i}`,
      followers: 2,
      following: 800,
      createdAt: '2026-11-01T00:00:00Z',
    });
    rows.push({
      type: 'item',
      platform: 'youtube',
      id: `wave-${i}`,
      kind: 'comment',
      author: `w${i}`,
      target: 'Unboxing the Orbit',
      createdAt: new Date(T0 + i * 2 * MIN).toISOString(),
      text: i % 3 ? wave : `omg ${wave} 🔥`,
    });
  }
  for (let i = 0; i < 6; i++) {
    rows.push({
      type: 'account',
      platform: 'youtube',
      id: `g${i}`,
      handle: `viewer${i}`,
      followers: 300,
      following: 200,
      posts: 900,
      createdAt: '2019-01-01T00:00:00Z',
    });
    rows.push({
      type: 'item',
      platform: 'youtube',
      id: `ham-${i}`,
      kind: 'comment',
      author: `g${i}`,
      target: 'Unboxing the Orbit',
      createdAt: new Date(T0 - i * 26 * 60 * MIN).toISOString(),
      text: i % 2 ? 'Thank you!' : `Does the Orbit ${i} come in other colours?`,
    });
  }
  return Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

test('a campaign found on import is shown with its reasons and decided in one bulk action', async ({ queue, page }) => {
  await queue.open();
  await queue.importNdjson('comments.ndjson', file());

  // Detection routes the wave into its own queue once the import is scored.
  const waves = page.getByTestId('queue-spam-waves');
  await expect(waves).toContainText('Spam waves');
  await expect(waves.locator('.count')).toHaveText('8');
  await waves.click();
  await expect(queue.list).toHaveAttribute('data-total', '8');

  const panel = page.getByTestId('detection');
  await expect(panel.getByTestId('campaign')).toContainText('8 items from 8 accounts');
  await expect(panel.getByTestId('campaign')).toContainText('same or nearly the same text from 8 accounts');

  await queue.press('w');
  const campaign = page.getByTestId('campaign-dialog');
  await expect(campaign.getByTestId('campaign-examples')).toContainText('prize-77.tk');
  // Named by what it says, over its real span of time; the dialog has the keyboard, not the reason field.
  await expect(campaign).toHaveAttribute('aria-label', /^Campaign of 8 posts: “.*Aero headphones/);
  await expect(campaign.getByTestId('campaign-summary')).toContainText('(14 min, ');
  await expect(campaign).toBeFocused();
  for (const [action, key] of [
    ['spam', 's'],
    ['fake', 'f'],
    ['remove', 'r'],
    ['approve', 'a'],
  ]) {
    await expect(campaign.getByTestId(`campaign-${action}`)).toHaveAttribute('aria-keyshortcuts', key!);
  }
  await expectNoAxeViolations(page, '[data-testid="campaign-dialog"]');
  // Keys typed into the reason are the reason's: "s", "a" and "r" decide nothing there.
  await campaign.getByTestId('campaign-reason').click();
  await page.keyboard.type('giveaway scam wave');
  await expect(campaign).toBeVisible();
  await queue.press('Tab');
  await queue.press('s');
  await expect(campaign).toHaveCount(0);
  await expect(page.getByTestId('toast-success').last()).toContainText('8 waiting items marked spam');

  await expect(queue.position).toHaveText('empty');
  const stats = await queue.stats();
  expect(stats.byStatus.spam).toBe(8);
  // The genuine comments, "Thank you!" among them, are left waiting in their own queue.
  expect(stats.byStatus.new).toBe(6);
  const { campaigns } = await queue.host.api<{ campaigns: { itemIds: number[] }[] }>('campaigns.list', {});
  const detail = await queue.host.api<{ events: { action: string; reason: string | null }[] }>('item.detail', {
    itemId: campaigns[0]!.itemIds[0]!,
  });
  expect(detail.events.map((e) => [e.action, e.reason])).toEqual([['spam', 'giveaway scam wave']]);

  // The whole campaign comes back with one u.
  await queue.press('u');
  await expect(page.getByTestId('toast-success').last()).toContainText('Undone: Marked as spam 8 items of a campaign');
  await expect.poll(async () => (await queue.stats()).byStatus.new).toBe(14);
  await expect(queue.list).toHaveAttribute('data-total', '8');
});

test('filters by score, sorts by score, and a threshold moves items between queues', async ({ queue, page }) => {
  await queue.open();
  await queue.importNdjson('comments.ndjson', file());
  await expect(page.getByTestId('queue-spam-waves').locator('.count')).toHaveText('8');

  await page.getByTestId('filter-sort').selectOption('risk');
  await page.getByTestId('filter-score').selectOption('0.7');
  await expect(queue.list).toHaveAttribute('data-total', '8');
  await page.getByTestId('filter-score').selectOption('');
  await expect(queue.list).toHaveAttribute('data-total', '14');
  // Highest score first: the wave before the genuine comments.
  expect((await queue.rowTexts())[0]).toContain('prize-77.tk');

  // Raise the spam-waves threshold above the campaign's score: its items go back to comments.
  await page.getByTestId('open-thresholds').click();
  const thresholds = page.getByTestId('thresholds-dialog');
  await thresholds.getByTestId('threshold-spam-waves').fill('100');
  await thresholds.getByTestId('threshold-spam').fill('100');
  await thresholds.getByTestId('threshold-fake-accounts').fill('100');
  await thresholds.getByRole('button', { name: 'Save and re-route' }).click();
  await expect(thresholds).toHaveCount(0);
  await expect(page.getByTestId('queue-spam-waves').locator('.count')).toHaveText('0');
  await expect(page.getByTestId('queue-comments').locator('.count')).toHaveText('14');
});

test('the Spam Waves queue by campaign: one row per campaign, opened with Enter and decided with one key', async ({ queue, page }) => {
  await queue.open();
  await queue.importNdjson('comments.ndjson', file());
  const waves = page.getByTestId('queue-spam-waves');
  await expect(waves.locator('.count')).toHaveText('8');
  await waves.click();
  await page.getByTestId('show-campaigns').click();
  await expect(page.getByTestId('show-campaigns')).toHaveAttribute('aria-pressed', 'true');
  const rows = page.getByTestId('campaign-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Campaign of 8 posts: “');
  await expect(rows.first()).toContainText('8 of 8 items waiting, from 8 accounts');
  await expect(rows.first()).toContainText('(14 min, ');
  await expect(rows.first()).toContainText('same or nearly the same text from 8 accounts');
  await expectNoAxeViolations(page, '.listpane');

  await rows.first().focus();
  await queue.press('Enter');
  const dialog = page.getByTestId('campaign-dialog');
  await expect(dialog).toBeFocused();
  await queue.press('s');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('No campaign has items waiting.')).toBeVisible();
  expect((await queue.stats()).byStatus.spam).toBe(8);
  // Back to one row per item: the queue is empty now.
  await page.getByTestId('show-items').click();
  await expect(page.getByTestId('campaign-list')).toHaveCount(0);
});
