import { expect, test } from './fixtures';

test.use({ seedItems: 0 });

test('a first start offers a demo workload, and loading it fills the queues', async ({ queue, page }) => {
  await queue.open();
  await expect(page.getByTestId('onboarding')).toBeVisible();
  await page.getByTestId('load-demo').click();
  await expect(queue.detail).not.toHaveAttribute('data-item-id', '', { timeout: 30_000 });
  await expect(queue.list).toHaveAttribute('data-total', '5000');
  await expect(page.getByTestId('queues')).toContainText('reviews');
  const stats = await queue.stats();
  expect(stats.items).toBe(5000);
  // A queue as it stands now: a few items overdue, not most of them.
  const sla = await queue.host.api<{ open: number; breached: number }>('sla.summary', {});
  expect(sla.open).toBe(5000);
  expect(sla.breached).toBeLessThan(sla.open * 0.12);
});
