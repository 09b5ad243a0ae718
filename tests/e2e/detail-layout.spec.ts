// What a moderator decides on is on the first screen of the item pane: the text, the detection
// scores with their reasons, the campaign and the author. The case work (SLA, classification,
// case, similar cases) follows below, and the keyboard reads it: PageDown and Space scroll the
// pane, ] and [ jump between its parts.
import type { Locator, Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';

/** Whether the element's top lies within the first screen of the window, and (`whole`) all of it. */
async function onFirstScreen(page: Page, el: Locator, whole: boolean): Promise<boolean> {
  const box = await el.boundingBox();
  const height = page.viewportSize()!.height;
  return !!box && box.y >= 0 && (whole ? box.y + box.height <= height : box.y < height - 40);
}

for (const [width, height] of [
  [1280, 720],
  [1440, 900],
] as const) {
  test(`at ${width}×${height} the text, the scores with their reasons, the campaign and the author are on the first screen`, async ({
    queue,
    page,
  }) => {
    await page.setViewportSize({ width, height });
    await queue.openWithItems();
    await page.getByTestId('queue-spam-waves').click();
    const detection = queue.detail.getByTestId('detection');
    await expect(detection.getByTestId('campaign')).toBeVisible();
    expect(await onFirstScreen(page, queue.content, true), 'the text').toBe(true);
    expect(await onFirstScreen(page, detection.locator('h3'), true), 'the Detection heading').toBe(true);
    expect(await onFirstScreen(page, detection.locator('.verdicts li').first(), true), 'the first score with its reasons').toBe(true);
    expect(await onFirstScreen(page, detection.getByTestId('campaign'), false), 'the campaign').toBe(true);
    await expect(queue.detail.getByTestId('author-card')).toBeVisible();
    expect(await onFirstScreen(page, queue.detail.getByTestId('author-card'), false), 'the author card').toBe(true);
    // The case work comes after them.
    const triage = queue.detail.getByTestId('triage');
    await expect(triage).toBeVisible();
    expect((await triage.boundingBox())!.y).toBeGreaterThan((await detection.boundingBox())!.y);
    await expectNoAxeViolations(page, '[data-testid="detail"]');
  });
}

test('PageDown and Space scroll the item pane, ] and [ jump between its parts', async ({ queue, page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await queue.openWithItems();
  const pane = queue.detail;
  await expect(pane.getByTestId('triage')).toBeVisible();
  const scrollTop = () => pane.evaluate((el) => el.scrollTop);
  expect(await scrollTop()).toBe(0);
  // Each key on its own from where the last left the pane (the item may be only a little taller than the pane).
  await queue.press('Space');
  await expect.poll(scrollTop).toBeGreaterThan(0);
  await queue.press('Shift+Space');
  await expect.poll(scrollTop).toBe(0);
  await queue.press('PageDown');
  await expect.poll(scrollTop).toBeGreaterThan(0);
  await queue.press('PageUp');
  await expect.poll(scrollTop).toBe(0);

  // ] brings each part's heading to the top of the pane in turn, [ goes back.
  const headingAtTop = () =>
    pane.evaluate((el) => {
      const top = el.getBoundingClientRect().top;
      const h = [...el.querySelectorAll('h3')].find((x) => Math.abs(x.getBoundingClientRect().top - top - 8) < 6);
      return h?.textContent?.trim() ?? null;
    });
  await queue.press(']');
  await expect.poll(headingAtTop).toMatch(/^Detection/);
  await queue.press(']');
  await expect.poll(headingAtTop).not.toMatch(/^Detection/);
  expect(await headingAtTop()).not.toBeNull();
  await queue.press('[');
  await expect.poll(headingAtTop).toMatch(/^Detection/);
  // None of it decided anything.
  await expect(queue.list).toHaveAttribute('data-total', '200');
});
