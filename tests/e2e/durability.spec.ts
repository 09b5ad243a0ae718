import { expect, test } from './fixtures';

test.use({ hostGoesDown: true });

test('decisions survive the host being killed and restarted', async ({ queue, host, page }) => {
  await queue.openWithItems();
  const decided: Record<number, string> = {};
  for (const [key, status] of [
    ['a', 'approved'],
    ['r', 'removed'],
    ['e', 'escalated'],
    ['s', 'spam'],
    ['a', 'approved'],
  ] as const) {
    decided[await queue.decide(key)] = status;
  }
  await queue.waitSaved();

  const shownAtRestart = await queue.currentItemId();

  // No clean shutdown: an acknowledged decision must already be on disk.
  await host.restart('kill');
  // The page still holds the session of the launch that was killed. Its next call is refused,
  // and the window says how to go on instead of failing quietly; the decision is not stored.
  await queue.press('a');
  await expect(page.getByTestId('host-restarted')).toContainText('Vigil was restarted');
  await expect(page.getByTestId('host-restarted')).toContainText('Open the address it printed');
  // The new launch printed a new address; the old page opens it, as the moderator would.
  await page.goto(host.url);
  await expect(page.locator('.app[data-ready=true]')).toBeVisible();
  expect(new URL(page.url()).search, 'the key leaves the address bar').toBe('');

  for (const [id, status] of Object.entries(decided)) {
    const d = await host.api<{ item: { status: string }; events: { action: string }[] }>('item.detail', { itemId: Number(id) });
    expect(d.item.status).toBe(status);
    expect(d.events).toHaveLength(1);
  }
  const refused = await host.api<{ item: { status: string }; events: unknown[] }>('item.detail', { itemId: shownAtRestart });
  expect(refused.item.status).toBe('new');
  expect(refused.events).toHaveLength(0);
  await queue.filterStatus('approved');
  await expect(queue.list).toHaveAttribute('data-total', '2');
});
