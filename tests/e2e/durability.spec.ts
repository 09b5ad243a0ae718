import { expect, test } from './fixtures';

test.use({ hostGoesDown: true });

test('decisions survive the host being killed and restarted', async ({ queue, host, page }) => {
  await queue.openWithItems();
  const decided: Record<number, string> = {};
  for (const [key, status] of [['a', 'approved'], ['r', 'removed'], ['e', 'escalated'], ['s', 'spam'], ['a', 'approved']] as const) {
    decided[await queue.decide(key)] = status;
  }
  await queue.waitSaved();

  // No clean shutdown: an acknowledged decision must already be on disk.
  await host.restart('kill');
  await page.reload();
  await expect(page.locator('.app[data-ready=true]')).toBeVisible();

  for (const [id, status] of Object.entries(decided)) {
    const d = await host.api<{ item: { status: string }; events: { action: string }[] }>('item.detail', { itemId: Number(id) });
    expect(d.item.status).toBe(status);
    expect(d.events).toHaveLength(1);
  }
  await queue.filterStatus('approved');
  await expect(queue.list).toHaveAttribute('data-total', '2');
});
