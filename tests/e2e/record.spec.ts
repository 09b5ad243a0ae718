// The record, as the moderator's and supervisor's screens show it: "Verify the record" from the
// command palette, names no server has confirmed said to be so, and server events this
// workstation set aside shown in the sync dialog and the status bar. Each screen is also
// checked with axe (WCAG 2 A and AA).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkload, openCore } from '../../src/core/index';
import { ItemScorer } from '../../src/core/detection/scores/item-scores';
import { applyPage } from '../../src/core/sync/apply';
import type { ServerEvent } from '../../src/shared/sync';
import { expectNoAxeViolations } from './axe';
import { centralServer, connect } from './central-server';
import { expect, test } from './fixtures';
import { startHost } from './host';
import { AuditDialog } from './pages/AuditDialog';
import { QueuePage } from './pages/QueuePage';

test('Verify the record, from the palette on a seeded workstation, says the record holds', async ({ queue, page }) => {
  await queue.openWithItems();
  await queue.decide('a');
  await queue.decide('e');
  await queue.waitSaved();

  const audit = await AuditDialog.fromPalette(page);
  await audit.finished();
  await expect(audit.verdict).toContainText('The record holds');
  await expect(audit.verdict).toHaveAttribute('data-ok', 'true');
  await expect(audit.field('audit-chain')).toContainText('the chain is intact');
  await expect(audit.field('audit-no-server-log')).toHaveText('This workstation has not synced with a server that signs its log yet.');
  await expectNoAxeViolations(page, '[data-testid="audit-dialog"]');

  // Enter on the focused button checks again.
  await queue.press('Enter');
  await audit.finished();
  await expect(audit.verdict).toContainText('The record holds');
  await queue.press('Escape');
  await audit.expectClosed();
});

test('the history of a workstation that never signed in says its names are not verified by a server', async ({ queue, page }) => {
  await queue.openWithItems();
  const id = await queue.currentItemId();
  await queue.press('n');
  const note = queue.dialog('note-dialog');
  await note.expectOpen();
  await page.keyboard.type('asked the customer for the order number');
  await queue.press('Control+Enter');
  await note.expectClosed();
  await queue.waitSaved();

  await expect(queue.detail).toHaveAttribute('data-item-id', String(id));
  const line = queue.detail.getByTestId('history').getByTestId('history-event').last();
  await expect(line.getByTestId('event-author')).toHaveText('e2e');
  const mark = line.getByTestId('author-unverified');
  await expect(mark).toHaveText('not verified by a server');
  await expect(mark).toHaveAttribute('title', /before a first sign-in/);
  // Nothing the server has, so no proof to offer.
  await expect(line.getByTestId('export-proof')).toHaveCount(0);
  await expectNoAxeViolations(page, '[data-testid="detail"]');
});

test.describe('a workstation with server events set aside', () => {
  let dataDir = '';

  test.beforeEach(async () => {
    // The pull path of core, with events no honest server would send, before the host starts.
    dataDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-set-aside-'));
    const core = openCore({ dataDir, host: 'test' });
    try {
      loadWorkload(core.db, { items: 50, seed: 42 });
      const item = core.db.prepare('SELECT platform, external_id FROM items ORDER BY id LIMIT 1').get() as {
        platform: string;
        external_id: string;
      };
      const now = Date.now() - 5 * 60_000;
      const event = (seq: number, more: Partial<ServerEvent>): ServerEvent => ({
        id: randomUUID(),
        clientId: 'ws-other',
        clientSeq: seq,
        platform: item.platform,
        externalId: item.external_id,
        action: 'approve',
        baseVersion: 0,
        actor: 'bo',
        createdAt: now,
        seq,
        status: 'accepted',
        verdict: null,
        receivedAt: now,
        by: 'bo',
        role: 'moderator',
        ...more,
      });
      applyPage(
        core.db,
        {
          events: [
            event(1, { action: 'undo', undoOf: randomUUID(), by: 'mal <b>bold</b>' }),
            event(2, { action: 'remove', status: 'rejected', verdict: 'not theirs to remove' }),
          ],
        },
        2,
        now,
        new ItemScorer(core.db, {}),
      );
    } finally {
      core.close();
    }
  });

  test.afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  test('the status bar warns, and the sync dialog lists what was set aside', async ({ page }) => {
    const server = await centralServer();
    const host = await startHost({ dataDir });
    try {
      const queue = new QueuePage(page, host);
      await queue.openWithItems();
      const warning = page.getByTestId('set-aside-count');
      await expect(warning).toHaveText('⚠ 1 set aside');
      await warning.focus();
      await queue.press('Enter');

      const sync = queue.dialog('sync-dialog');
      await sync.expectOpen();
      await expect(sync.field('set-aside-unappliable')).toContainText('1 event from the server could not be applied here.');
      const listed = sync.field('set-aside-list').getByRole('listitem');
      await expect(listed).toHaveCount(1);
      await expect(listed).toContainText('undo on ');
      await expect(listed).toContainText('by mal <b>bold</b>');
      await expect(listed).toContainText('it undoes an event this workstation does not have');
      await expect(sync.root.locator('b')).toHaveCount(0);
      await expect(sync.field('set-aside-refused')).toHaveText('1 event the server refused from other workstations is kept as evidence.');
      await expectNoAxeViolations(page, '[data-testid="sync-dialog"]');

      // From the sync dialog to Verify the record, by the keyboard.
      await sync.field('sync-verify').focus();
      await queue.press('Enter');
      const audit = new AuditDialog(page);
      await audit.expectOpen();
      await audit.finished();
      await expect(audit.verdict).toContainText('The record holds');
      await queue.press('Escape');
      await audit.expectClosed();

      // Signed in, the dialog keeps showing them beside the connection's state.
      await connect(queue, server.url, 'ana');
      await queue.press('Control+Shift+Y');
      await sync.expectOpen();
      await expect(sync.field('sync-state')).toHaveText(/online|syncing/);
      await expect(sync.field('set-aside-unappliable')).toContainText('1 event from the server could not be applied here.');
      await expect(sync.root.getByText('Sent from here and refused by the server')).toBeVisible();
      await expectNoAxeViolations(page, '[data-testid="sync-dialog"]');
    } finally {
      await host.stop();
      await server.app.close();
    }
  });
});
