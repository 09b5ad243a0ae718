// Two browser workstations and a central server: one goes offline, both decide, it comes
// back; the other sees its decisions, and the item they decided differently reaches a
// supervisor, whose call settles it on both.
import { expect, test } from './fixtures';
import type { Host } from './host';
import { team } from './team';

const statusOn = async (host: Host, externalId: string) => {
  const { rows } = await host.api<{ rows: { externalId: string; status: string }[] }>('queue.page', {
    filter: { status: 'all' },
    offset: 0,
    limit: 500,
  });
  return rows.find((r) => r.externalId === externalId)?.status;
};

test('offline work comes back; a disagreement reaches the supervisor, whose call settles it everywhere', async ({
  queue,
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const { relay, bo, problems, join, close } = await team(queue, browser);
  try {
    // bo's workstation loses the server; he keeps working.
    relay.offline();
    const contested = await queue.decide('a');
    const { item } = await queue.host.api<{ item: { externalId: string } }>('item.detail', { itemId: contested });
    await expect(page.getByTestId('sync-indicator')).toContainText('nothing waiting');
    await bo.queue.decide('s');
    const boOnly = await bo.queue.decide('r');
    const { item: second } = await bo.host.api<{ item: { externalId: string } }>('item.detail', { itemId: boOnly });
    await bo.queue.waitSaved();
    await expect(bo.page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'offline', { timeout: 15_000 });
    await expect(bo.page.getByTestId('sync-indicator')).toContainText('2 waiting · nothing is lost');

    // Back online: bo asks for a sync; his outbox drains and ana sees his work arrive.
    relay.online();
    await bo.queue.press('Control+Shift+Y');
    await bo.page.getByTestId('sync-now').click();
    await bo.queue.press('Escape');
    await expect(bo.page.getByTestId('sync-indicator')).toContainText('nothing waiting', { timeout: 15_000 });
    await expect.poll(() => statusOn(queue.host, second.externalId), { timeout: 15_000 }).toBe('removed');
    // The item both decided is a conflict, seen on both workstations; ana's approval stands meanwhile.
    await expect(page.getByTestId('conflict-count')).toHaveText('1 conflict', { timeout: 15_000 });
    await expect(bo.page.getByTestId('conflict-count')).toHaveText('1 conflict', { timeout: 15_000 });
    expect(await statusOn(bo.host, item.externalId)).toBe('approved');

    // A moderator may look but not settle.
    await bo.page.getByTestId('conflict-count').click();
    await expect(bo.page.getByTestId('conflicts-dialog')).toContainText('Only a supervisor resolves conflicts');
    await expect(bo.page.getByTestId('resolve-spam')).toHaveCount(0);
    await bo.queue.press('Escape');

    // The supervisor's workstation: the conflict is in the queue with both sides.
    const sam = await join('sam');
    await expect(sam.page.getByTestId('conflict-count')).toHaveText('1 conflict', { timeout: 15_000 });
    await sam.page.getByTestId('conflict-count').click();
    const dialog = sam.page.getByTestId('conflicts-dialog');
    await expect(dialog.getByTestId('conflict-standing')).toContainText('approved');
    await expect(dialog.getByTestId('conflict-standing')).toContainText('ana');
    await expect(dialog.getByTestId('conflict-contender')).toContainText('spam');
    await expect(dialog.getByTestId('conflict-contender')).toContainText('bo');
    // Keys: 1 keeps what stands, 2 takes the other side, once the supervisor has said why.
    await sam.queue.press('2');
    await expect(dialog.getByTestId('conflict-reason')).toBeFocused();
    await sam.page.keyboard.type('spam link in the text');
    await sam.queue.press('Enter');
    await expect(dialog.getByTestId('conflicts-empty')).toBeVisible();
    await sam.queue.press('Escape');

    // The resolution reaches both moderators; the conflict is gone everywhere.
    await expect.poll(() => statusOn(queue.host, item.externalId), { timeout: 15_000 }).toBe('spam');
    await expect.poll(() => statusOn(bo.host, item.externalId), { timeout: 15_000 }).toBe('spam');
    await expect(page.getByTestId('conflict-count')).toHaveCount(0, { timeout: 15_000 });
    // bo's history of the item says what became of his decision.
    await bo.queue.filterStatus('spam');
    await expect(bo.queue.list).toHaveAttribute('data-total', '1');
    await expect(bo.page.getByTestId('server-verdict')).toContainText('In conflict, resolved by a supervisor');
    await expect(bo.page.getByTestId('conflict-count')).toHaveCount(0, { timeout: 15_000 });
    expect(problems, 'the other pages logged errors').toEqual([]);
  } finally {
    await close();
  }
});
