// What the status bar and an import say must be true at a glance: a workstation whose server
// went away says "offline" within moments (not "synced just now" until the next periodic
// round), an import that stored nothing is an error with its cause, and a connected
// workstation is told that what it imports stays on it. At 1280×720.
import { expectNoAxeViolations } from './axe';
import { centralServer, connect } from './central-server';
import { expect, test } from './fixtures';
import { offlineSwitch } from './offline-switch';

test.use({ viewport: { width: 1280, height: 720 } });

const ndjson = (name: string, rows: Record<string, unknown>[]) => ({
  name,
  mimeType: 'application/x-ndjson',
  buffer: Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n')),
});

test('the status turns offline within moments of the server going away, and online once it is back', async ({ queue, page }) => {
  const server = await centralServer();
  const relay = await offlineSwitch(server.url);
  try {
    await queue.openWithItems();
    await connect(queue, relay.url, 'ana');
    const indicator = page.getByTestId('sync-indicator');
    await expect(indicator).toContainText('Online');

    relay.offline();
    // The periodic round is half a minute away; the status must not wait for it.
    await expect(indicator).toHaveAttribute('data-state', 'offline', { timeout: 8_000 });
    await expect(indicator).toContainText('Offline');
    await expect(indicator).not.toContainText('synced just now');
    // Work goes on offline, and waits to be sent.
    await queue.decide('a');
    await queue.waitSaved();
    await expect(indicator).toContainText('1 waiting');

    relay.online();
    await expect(indicator).toHaveAttribute('data-state', 'online', { timeout: 20_000 });
    await expect(indicator).toContainText('nothing waiting', { timeout: 20_000 });
  } finally {
    await relay.close();
    await server.app.close();
  }
});

test('an import that stored nothing is an error naming why; one that stored says where its records are', async ({ queue, page }) => {
  const server = await centralServer();
  try {
    await queue.openWithItems();
    // Every row refused: no platform, an unknown kind.
    let dialog = await queue.importDialog();
    await dialog.importFiles(
      ndjson('refused.ndjson', [
        { type: 'item', id: 'r1', kind: 'mention', text: 'no platform' },
        { type: 'item', platform: 'x', id: 'r2', kind: 'sonnet', text: 'odd kind' },
      ]),
    );
    await dialog.waitDone('refused.ndjson');
    await expect(page.getByTestId('toast-error').last().locator('span')).toHaveText(
      'Nothing was imported. 2 rows rejected: the import list says why.',
    );
    await expect(page.getByTestId('toast-success')).toHaveCount(0);
    await expect(dialog.job('refused.ndjson').getByTestId('import-errors')).toBeVisible();
    await dialog.close();

    await connect(queue, server.url, 'ana');
    dialog = await queue.importDialog();
    await expect(dialog.root.getByTestId('import-stays-local')).toHaveText(/stay on this workstation/);
    await expectNoAxeViolations(page, '[data-testid="import-dialog"]');
    await dialog.importFiles(ndjson('local.ndjson', [{ type: 'item', platform: 'x', id: 'l1', kind: 'mention', text: 'imported here' }]));
    await dialog.waitDone('local.ndjson');
    await expect(page.getByTestId('toast-success').last().locator('span')).toHaveText(
      'Import finished: 1 new item. Kept on this workstation only (the server takes items from its connectors).',
    );
    await dialog.close();
  } finally {
    await server.app.close();
  }
});
