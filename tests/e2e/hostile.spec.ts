import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';

test.use({ seedItems: 0 });

const HOSTILE = [
  '<img src=x onerror="window.__pwned = 1">',
  '<script>window.__pwned = 2</script>',
  '<a href="javascript:window.__pwned=3">refund</a>',
  '<iframe src="https://example.com"></iframe>',
].join(' ');

test('content with HTML and script is shown as literal text and runs nothing', async ({ queue, page }) => {
  await queue.open();
  const dialog = await queue.importDialog();
  const rows = [
    {
      type: 'account',
      platform: 'x',
      id: 'evil',
      handle: '<b>evil</b>',
      name: '<script>window.__pwned=4</script>',
      bio: '<img src=x onerror="window.__pwned=5">',
    },
    {
      type: 'item',
      platform: 'x',
      id: 'h1',
      kind: 'mention',
      author: 'evil',
      createdAt: '2026-11-22T08:00:00Z',
      text: HOSTILE,
      target: '<i>brand</i>',
      url: 'javascript:alert(1)',
    },
  ];
  await dialog.importFiles({
    name: 'hostile.ndjson',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n')),
  });
  await dialog.waitDone('hostile.ndjson');
  await dialog.close();

  await expect(queue.detail).not.toHaveAttribute('data-item-id', '');
  await expect(queue.content).toHaveText(HOSTILE);
  await expect(page.getByTestId('author-card')).toContainText('@<b>evil</b>');
  await expect(page.getByTestId('author-card')).toContainText('<img src=x onerror="window.__pwned=5">');

  // Nothing of it became markup: no injected elements anywhere in the document.
  expect(await page.locator('img, iframe, script:not([src]), a[href^="javascript"]').count()).toBe(0);
  expect(await queue.content.locator('*').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  // Its link is never followed; opening it asks first, and a javascript: URL cannot be opened at all.
  await page.getByRole('button', { name: 'Open outside Vigil…' }).click();
  await expect(page.getByTestId('link-dialog')).toContainText('Only http and https links can be opened.');
  await expectNoAxeViolations(page, '[data-testid="link-dialog"]');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
