// Server events this workstation keeps beside its log are shown, not hidden: the sync dialog
// lists those it could not apply (action, item, author of record, when, reason) and counts
// other workstations' refused events kept as evidence; the status bar warns and opens the
// dialog. Arranged through the pull path of a real core, with a hostile server's events.
import { randomUUID } from 'node:crypto';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { expect, it } from 'vitest';
import { ItemScorer } from '../../src/core/detection/scores/item-scores';
import { applyPage } from '../../src/core/sync/apply';
import { setConnection } from '../../src/core/sync/state';
import { SetAsideCount } from '../../src/renderer/src/features/sync/SetAside';
import { SyncDialog } from '../../src/renderer/src/features/sync/SyncDialog';
import { useStore } from '../../src/renderer/src/store';
import type { SyncStatus } from '../../src/shared/model';
import type { ServerEvent } from '../../src/shared/sync';
import { bridgeEachTest } from './helpers/rendered-bridge';

const bridge = bridgeEachTest();
const NOW = Date.UTC(2026, 10, 20, 12);
const EVIL = '<img src=x onerror="window.__pwned=1">';

let seq = 0;
function serverEvent(more: Partial<ServerEvent>): ServerEvent {
  seq++;
  return {
    id: randomUUID(),
    clientId: 'ws-other',
    clientSeq: seq,
    platform: 'x',
    externalId: 'm1',
    action: 'approve',
    baseVersion: 0,
    actor: 'bo',
    createdAt: NOW,
    seq,
    status: 'accepted',
    verdict: null,
    receivedAt: NOW,
    by: 'bo',
    role: 'moderator',
    ...more,
  };
}

async function pulled(events: ServerEvent[]): Promise<void> {
  await bridge().importRecords([
    { type: 'item', platform: 'x', id: 'm1', kind: 'mention', text: 'Where is my order?', createdAt: '2026-11-20T10:00:00Z' },
  ]);
  const { db } = bridge().core;
  applyPage(db, { events }, seq, NOW, new ItemScorer(db, {}));
}

async function withStatus(): Promise<SyncStatus> {
  const sync = await bridge().direct<SyncStatus>('sync.status', {});
  act(() => useStore.setState({ sync }));
  return sync;
}

it('lists what could not be applied and counts the refusals kept as evidence, as text', async () => {
  await pulled([
    serverEvent({ action: 'undo', undoOf: randomUUID(), by: `mal ${EVIL}` }),
    serverEvent({ action: 'undo', undoOf: randomUUID() }),
    serverEvent({ action: 'remove', status: 'rejected', verdict: 'only ana undoes ana’s remove', by: 'mal' }),
  ]);
  setConnection(bridge().core.db, { url: 'http://127.0.0.1:8787', user: 'rita', role: 'moderator', expiresAt: Date.now() + 60_000 });
  const status = await withStatus();
  expect(status.setAside).toMatchObject({ unappliable: 2, refusedElsewhere: 1 });
  render(<SyncDialog />);

  const section = screen.getByTestId('set-aside');
  expect(within(section).getByRole('heading').textContent).toBe('Set aside');
  expect(screen.getByTestId('set-aside-unappliable').textContent).toMatch(/^2 events from the server could not be applied here\./);
  const items = within(screen.getByTestId('set-aside-list')).getAllByRole('listitem');
  expect(items).toHaveLength(2);
  const hostile = items.find((li) => li.textContent!.includes('mal'))!;
  expect(hostile.textContent).toContain(`undo on x/m1 by mal ${EVIL},`);
  expect(hostile.textContent).toContain('it undoes an event this workstation does not have');
  expect(hostile.querySelector('time')!.getAttribute('dateTime')).toBe(new Date(NOW).toISOString());
  expect(screen.getByTestId('set-aside-refused').textContent).toBe(
    '1 event the server refused from other workstations is kept as evidence.',
  );
  expect(document.querySelector('img, [onerror]')).toBeNull();
  // Only this workstation's own refusals are listed under its heading: another's is not one of them.
  expect(screen.getByText('Sent from here and refused by the server')).toBeTruthy();
  expect(screen.queryByTestId('sync-refused')).toBeNull();
});

it('warns in the status bar while something could not be applied, and opens the sync dialog', async () => {
  await pulled([serverEvent({ action: 'undo', undoOf: randomUUID() })]);
  await withStatus();
  render(<SetAsideCount />);
  const warning = screen.getByTestId('set-aside-count');
  expect(warning.tagName).toBe('BUTTON');
  expect(warning.textContent).toBe('⚠ 1 set aside');
  act(() => void fireEvent.click(warning));
  expect(useStore.getState().overlay).toEqual({ kind: 'sync' });
  // Not connected (any more): the dialog still shows what was set aside.
  render(<SyncDialog />);
  expect(screen.getByTestId('sync-connect')).toBeTruthy();
  expect(screen.getByTestId('set-aside-unappliable').textContent).toMatch(/^1 event from the server could not be applied here\./);
  expect(screen.queryByTestId('set-aside-refused')).toBeNull();
});

it('shows neither while nothing was set aside, and a refusal elsewhere alone is no warning', async () => {
  await pulled([serverEvent({ action: 'approve' })]);
  await withStatus();
  const { unmount } = render(
    <>
      <SetAsideCount />
      <SyncDialog />
    </>,
  );
  expect(screen.queryByTestId('set-aside')).toBeNull();
  expect(screen.queryByTestId('set-aside-count')).toBeNull();
  unmount();

  const { db } = bridge().core;
  applyPage(
    db,
    { events: [serverEvent({ action: 'spam', status: 'rejected', verdict: 'refused', baseVersion: 1 })] },
    seq,
    NOW,
    new ItemScorer(db, {}),
  );
  await withStatus();
  render(
    <>
      <SetAsideCount />
      <SyncDialog />
    </>,
  );
  expect(screen.queryByTestId('set-aside-count')).toBeNull();
  expect(screen.queryByTestId('set-aside-unappliable')).toBeNull();
  expect(screen.getByTestId('set-aside-refused').textContent).toBe(
    '1 event the server refused from other workstations is kept as evidence.',
  );
});
