// The screen follows the system: light, dark and high-contrast themes, each passing axe's
// contrast checks on the queue, the item and a dialog; and at 200 % text zoom of a
// 1280×720 window (640×360 CSS pixels) the panes stack and everything stays reachable.
import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';

for (const [name, media] of [
  ['light', { colorScheme: 'light' }],
  ['dark', { colorScheme: 'dark' }],
  ['high-contrast light', { colorScheme: 'light', contrast: 'more' }],
  ['high-contrast dark', { colorScheme: 'dark', contrast: 'more' }],
] as const) {
  test(`the ${name} theme follows the system and passes axe on the queue, the item and a dialog`, async ({ queue, page }) => {
    await page.emulateMedia(media);
    await queue.openWithItems();
    const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
    expect(dark).toBe(media.colorScheme === 'dark');
    // The page's own colours changed with it.
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const luminance =
      background
        .match(/\d+/g)!
        .slice(0, 3)
        .map(Number)
        .reduce((a, b) => a + b, 0) / 3;
    if (dark) expect(luminance).toBeLessThan(80);
    else expect(luminance).toBeGreaterThan(200);
    await page.getByTestId('queue-spam-waves').click();
    await expect(queue.detail.getByTestId('campaign')).toBeVisible();
    await expectNoAxeViolations(page);
    await queue.press('?');
    await expect(page.getByTestId('help')).toBeVisible();
    await expectNoAxeViolations(page, '[data-testid="help"]');
  });
}

test('at 200 % text zoom of 1280×720 the panes stack, nothing runs off the side, and the keyboard still decides', async ({
  queue,
  page,
}) => {
  await page.setViewportSize({ width: 640, height: 360 });
  await queue.openWithItems();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // Each pane can be brought into view, and lies within the window's width.
  for (const part of [page.getByTestId('search'), queue.list, queue.content, queue.detail.getByTestId('detection')]) {
    await part.scrollIntoViewIfNeeded();
    await expect(part).toBeInViewport();
    const box = (await part.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(641);
  }
  const total = await queue.total();
  await queue.decide('a');
  await queue.waitSaved();
  await expect(queue.list).toHaveAttribute('data-total', String(total - 1));
  await expectNoAxeViolations(page);
});
