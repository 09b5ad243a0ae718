// The queue row at the window sizes moderators use: the due badge has its own place in the
// row, whole and readable; an empty list names the filters that emptied it; a search for an
// author's handle finds their items; the palette names queues as the sidebar does.
import type { Locator } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';

type Box = { x: number; y: number; width: number; height: number };
const box = async (l: Locator): Promise<Box> => {
  const b = await l.boundingBox();
  expect(b, 'the element is laid out').not.toBeNull();
  return b!;
};
const inside = (a: Box, b: Box) => a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

for (const size of [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
]) {
  test(`the due badge sits whole inside its row, readable, at ${size.width}×${size.height}`, async ({ queue, page }) => {
    await page.setViewportSize(size);
    await queue.openWithItems();
    const badges = queue.list.getByTestId('sla-badge');
    await expect(badges.first()).toBeVisible();
    const n = Math.min(await badges.count(), 6);
    for (let i = 0; i < n; i++) {
      const badge = badges.nth(i);
      const row = badge.locator('xpath=ancestor::div[@role="row"][1]');
      const b = await box(badge);
      const r = await box(row);
      expect(inside(b, r), `badge ${JSON.stringify(b)} inside row ${JSON.stringify(r)}`).toBe(true);
      // Readable: a line of text high, wide enough for "overdue 13 d 4 h", at 11 px or more, not cut off.
      expect(b.height).toBeGreaterThanOrEqual(12);
      expect(b.width).toBeGreaterThanOrEqual(30);
      expect(await badge.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(11);
      expect(await badge.evaluate((el) => el.closest('.cell')!.scrollWidth <= el.closest('.cell')!.clientWidth)).toBe(true);
      await expect(badge).toHaveText(/^(overdue )?\d+ (min|h|d)/);
      // Its own place: it covers neither the author, the score nor the age.
      for (const other of ['.cell-author', '.cell-score', '.cell-age', '.cell-text']) {
        const cell = row.locator(other);
        if (!(await cell.count())) continue;
        const o = await box(cell);
        if (o.width > 0) expect(overlap(b, o), `badge over ${other}`).toBe(false);
      }
    }
    await expectNoAxeViolations(page, '[data-testid="queue-list"]');
  });
}

test('an empty search names the filters in force and lifts them; a handle finds its author', async ({ queue, page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await queue.openWithItems();
  const before = await queue.total();
  await page.getByTestId('filter-score').selectOption('0.9');
  await page.getByTestId('search').fill('zzqx nothing like it');
  await page.keyboard.press('Enter');
  const nothing = page.getByTestId('nothing');
  await expect(nothing).toContainText(
    'Nothing here with these filters: waiting items only, search “zzqx nothing like it”, score 90 and above.',
  );
  await expectNoAxeViolations(page, '[data-testid="nothing"]');
  await nothing.getByRole('button', { name: 'Clear the search' }).click();
  await expect(page.getByTestId('search')).toHaveValue('');
  await page.getByTestId('filter-score').selectOption('');
  await expect(queue.list).toHaveAttribute('data-total', String(before));

  // A handle, with its "@" and in another case: that author's items, theirs only.
  const { rows } = await queue.host.api<{ rows: { authorHandle: string | null }[] }>('queue.page', { filter: {}, offset: 0, limit: 1 });
  const handle = rows[0]!.authorHandle!;
  await page.getByTestId('search').fill(`@${handle.toUpperCase()}`);
  await page.keyboard.press('Enter');
  const authors = queue.list.locator('.qrow[data-item-id] .cell-author');
  await expect(authors.first()).toContainText(`@${handle}`);
  // No item's text names this generated handle: every row found is the author's own.
  for (const a of await authors.allTextContents()) expect(a.startsWith(`@${handle}`), a).toBe(true);
});

test('the palette names queues as the sidebar does', async ({ queue, page }) => {
  await queue.openWithItems();
  // The sidebar lists the queues once their counts have arrived, which can be after the first item.
  await expect.poll(() => page.getByTestId('queues').locator('button').count()).toBeGreaterThan(1);
  const sidebar = await page.getByTestId('queues').locator('button > span:first-child').allTextContents();
  await queue.press('Control+k');
  const palette = page.getByTestId('palette');
  await expect(palette).toBeVisible();
  await page.keyboard.type('Go to');
  const options = palette.locator('[cmdk-group-heading]:text("Queues") + [cmdk-group-items] [cmdk-item]');
  await expect(options.first()).toBeVisible();
  const named = (await options.allTextContents()).map((t) => t.replace(/\s*[\d,]+ waiting$/, ''));
  expect(named).toEqual(['Go to all queues', ...sidebar.slice(1).map((s) => `Go to ${s}`)]);
  expect(named.join(' ')).not.toMatch(/Go to queue|fake-accounts/);
  await expectNoAxeViolations(page, '[data-testid="palette"]');
  await queue.press('Escape');
});
