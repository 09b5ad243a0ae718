import { centralServer, connect } from './central-server';
import { expect, test } from './fixtures';
import { startHost } from './host';
import { QueuePage } from './pages/QueuePage';

test('a decision made on one workstation reaches another through the server, live', async ({ queue, page, browser }) => {
  const server = await centralServer();
  const other = await startHost({ seedItems: 200 });
  const otherPage = await browser.newPage();
  try {
    await queue.openWithItems();
    await connect(queue, server.url, 'ana');
    const second = new QueuePage(otherPage, other);
    await second.openWithItems();
    await connect(second, server.url, 'bo');

    // The same seeded workload on both: the first item is the same platform item.
    const decided = await queue.decide('s');
    await queue.waitSaved();
    const { item } = await queue.host.api<{ item: { externalId: string } }>('item.detail', { itemId: decided });
    await expect(page.getByTestId('sync-indicator')).toContainText('nothing waiting');

    await expect
      .poll(
        async () => {
          const { rows } = await other.api<{ rows: { externalId: string }[] }>('queue.page', {
            filter: { status: 'spam' },
            offset: 0,
            limit: 10,
          });
          return rows.map((r) => r.externalId);
        },
        { timeout: 15_000 },
      )
      .toContain(item.externalId);
    await expect(otherPage.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'online');
  } finally {
    await otherPage.close();
    await other.stop();
    await server.app.close();
  }
});

test('connecting with a wrong password says so, and the workstation keeps working', async ({ queue, page }) => {
  const server = await centralServer();
  try {
    await queue.openWithItems();
    await queue.press('Control+Shift+Y');
    const dialog = page.getByTestId('sync-dialog');
    // Plain http:// to another machine is said before anything is sent; a server on this machine is not.
    await dialog.getByTestId('sync-url').fill('http://moderation.example:8787');
    await expect(dialog.getByTestId('sync-insecure')).toHaveText(
      /^Not encrypted: moderation\.example:8787 is reached over plain http:\/\//,
    );
    await dialog.getByTestId('sync-url').fill(server.url);
    await expect(dialog.getByTestId('sync-insecure')).toHaveCount(0);
    await dialog.getByTestId('sync-name').fill('ana');
    await dialog.getByTestId('sync-password').fill('not it');
    await dialog.getByTestId('sync-connect').click();
    await expect(dialog.getByTestId('sync-error')).toHaveText('That name and password do not match an active account.');
    await queue.press('Escape');
    await expect(page.getByTestId('sync-indicator')).toHaveText('Not connected');
    await queue.decide('a');
    await queue.waitSaved();
  } finally {
    await server.app.close();
  }
});
