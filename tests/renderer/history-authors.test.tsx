// The item's history says who made each event as honestly as the record allows: a name no
// server has confirmed says so (and why), the server's author of record stands as it is, and a
// different name written in the event is shown beside it. An event the server has offers its
// proof; a refusal is said in a toast. Against a real core; server events arrive through the
// same pull path a workstation uses.
import { randomUUID } from 'node:crypto';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { expect, it, vi } from 'vitest';
import { applyPage } from '../../src/core/sync/apply';
import { setConnection } from '../../src/core/sync/state';
import { ItemScorer } from '../../src/core/detection/scores/item-scores';
import { Toasts } from '../../src/renderer/src/components/Toasts';
import { History } from '../../src/renderer/src/features/detail/History';
import { useStore } from '../../src/renderer/src/store';
import type { CoreApi } from '../../src/shared/contract';
import type { ItemDetail, SyncStatus } from '../../src/shared/model';
import type { ServerEvent } from '../../src/shared/sync';
import { bridgeEachTest } from './helpers/rendered-bridge';

const bridge = bridgeEachTest();
const NOW = Date.UTC(2026, 10, 20, 12);
const EVIL = '<img src=x onerror="window.__pwned=1">';
const pwned = () => (window as unknown as { __pwned?: number }).__pwned;

async function anItem(): Promise<number> {
  await bridge().importRecords([
    { type: 'item', platform: 'x', id: 'm1', kind: 'mention', text: 'Where is my order?', createdAt: '2026-11-20T10:00:00Z' },
  ]);
  return bridge().core.db.prepare("SELECT id FROM items WHERE external_id = 'm1'").pluck().get() as number;
}

let seq = 0;
function serverEvent(more: Partial<ServerEvent>): ServerEvent {
  seq++;
  return {
    id: randomUUID(),
    clientId: 'ws-other',
    clientSeq: seq,
    platform: 'x',
    externalId: 'm1',
    action: 'label',
    labels: ['seen'],
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

/** Takes the events in as a pull from the server would. */
function pulled(events: ServerEvent[]): void {
  const { db } = bridge().core;
  applyPage(db, { events }, seq, NOW, new ItemScorer(db, {}));
}

async function showHistory(itemId: number): Promise<void> {
  const sync = await bridge().direct<SyncStatus>('sync.status', {});
  const detail = await bridge().direct<ItemDetail>('item.detail', { itemId });
  act(() => useStore.setState({ sync }));
  render(
    <>
      <History events={detail.events} />
      <Toasts />
    </>,
  );
}

const lines = () => screen.getAllByTestId('history-event');

it('says a name made before any sign-in is not verified by a server, and why', async () => {
  const id = await anItem();
  await bridge().direct('decision.apply', { itemIds: [id], action: 'escalate' });
  await showHistory(id);
  const [line] = lines();
  expect(within(line!).getByTestId('event-author').textContent).toBe('rita');
  const mark = within(line!).getByTestId('author-unverified');
  expect(mark.textContent).toBe('not verified by a server');
  expect(mark.className).toContain('muted');
  expect(mark.getAttribute('title')).toMatch(
    /^Made on this workstation while it was not signed in .*before a first sign-in.*no server has confirmed who made it\.$/,
  );
  expect(mark.getAttribute('aria-description')).toBe(mark.getAttribute('title'));
  expect(within(line!).queryByTestId('author-wrote')).toBeNull();
  // Nothing the server has: nothing to prove.
  expect(within(line!).queryByTestId('export-proof')).toBeNull();
});

it('says it waits to reach the server while connected and the event is still in the outbox', async () => {
  const id = await anItem();
  setConnection(bridge().core.db, { url: 'http://127.0.0.1:8787', user: 'rita', role: 'moderator', expiresAt: Date.now() + 60_000 });
  await bridge().direct('item.note', { itemId: id, text: 'called the customer' });
  await showHistory(id);
  for (const where of [screen.getByTestId('history'), screen.getByTestId('notes')]) {
    const mark = within(where).getByTestId('author-unverified');
    expect(mark.textContent).toBe('not verified by a server: waiting to reach the server');
    expect(mark.getAttribute('title')).toMatch(/waiting in its outbox to reach the team’s server/);
  }
});

it('shows the server’s author of record, and a different name written in the event beside it, as text', async () => {
  const id = await anItem();
  pulled([
    serverEvent({ action: 'label', labels: ['seen'], actor: 'bo', by: 'bo' }),
    serverEvent({ action: 'escalate', baseVersion: 1, actor: 'root', by: 'bo' }),
    serverEvent({ action: 'note', labels: [], note: 'looked at it', baseVersion: 2, actor: `root ${EVIL}`, by: `mal ${EVIL}` }),
  ]);
  await showHistory(id);
  const [label, escalate, note] = lines();

  expect(within(label!).getByTestId('event-author').textContent).toBe('bo');
  expect(within(label!).getByTestId('event-author').getAttribute('data-verified')).toBe('true');
  expect(within(label!).queryByTestId('author-unverified')).toBeNull();
  expect(within(label!).queryByTestId('author-wrote')).toBeNull();

  expect(within(escalate!).getByTestId('event-author').textContent).toBe('bo');
  expect(within(escalate!).getByTestId('author-wrote').textContent).toBe(' (made as “root”)');
  expect(within(escalate!).queryByTestId('author-unverified')).toBeNull();

  // Hostile names stay text, in the history and in the notes.
  expect(within(note!).getByTestId('event-author').textContent).toBe(`mal ${EVIL}`);
  expect(within(note!).getByTestId('author-wrote').textContent).toBe(` (made as “root ${EVIL}”)`);
  expect(within(screen.getByTestId('notes')).getByTestId('event-author').textContent).toBe(`mal ${EVIL}`);
  expect(document.querySelector('img, [onerror]')).toBeNull();
  expect(pwned()).toBeUndefined();
});

it('offers the proof of an event the server has, and says why there is none', async () => {
  const id = await anItem();
  await bridge().direct('decision.apply', { itemIds: [id], action: 'escalate' });
  const theirs = serverEvent({ action: 'label', labels: ['seen'], baseVersion: 1 });
  pulled([theirs]);
  await showHistory(id);
  const [mine, taken] = lines();
  expect(within(mine!).queryByTestId('export-proof')).toBeNull();
  expect(taken!.getAttribute('data-event-id')).toBe(theirs.id);
  const button = within(taken!).getByTestId('export-proof') as HTMLButtonElement;
  // A button in the tab order: the keyboard reaches it.
  expect(button.tagName).toBe('BUTTON');
  expect(button.tabIndex).toBe(0);
  expect(button.textContent).toBe('Export proof');

  button.focus();
  await act(async () => {
    fireEvent.click(button);
    await bridge().quiet();
  });
  const toast = screen.getByTestId('toast-error');
  expect(toast.textContent).toContain(
    'No proof of this event: This workstation has no copy of a signed server log yet: sign in to the team server and sync first.',
  );
  expect(toast.getAttribute('role')).toBe('alert');
  expect(bridge().calls).toContain('audit.proof');
  expect(button.disabled).toBe(false);
});

// Core answers a proof once it keeps a copy of the server's signed log; until then this answer
// stands in for it, as the contract types it.
it('saves the proof as a file of its own name and says what it proves', async () => {
  const id = await anItem();
  const theirs = serverEvent({ action: 'label', labels: ['seen'] });
  pulled([theirs]);
  const proof = {
    fileName: `vigil-proof-${theirs.id}.json`,
    file: '{"entry":1}',
    summary: `label on x/m1 was logged by bo ${EVIL}: entry 1 of 1`,
  };
  const asked: unknown[] = [];
  (window.vigil as CoreApi)['audit.proof'] = async (args) => {
    asked.push(args);
    return JSON.parse(JSON.stringify({ ok: true, value: proof }));
  };
  const saved: { name: string; href: string }[] = [];
  const blobs = new Map<string, Blob>();
  const created = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
    const href = `blob:vigil-test/${blobs.size}`;
    blobs.set(href, b as Blob);
    return href;
  });
  const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, href: this.href });
  });
  try {
    await showHistory(id);
    await act(async () => {
      fireEvent.click(screen.getByTestId('export-proof'));
      await bridge().quiet();
    });
    expect(asked).toEqual([{ eventId: theirs.id }]);
    expect(saved.map((s) => s.name)).toEqual([proof.fileName]);
    expect(await blobs.get(saved[0]!.href)!.text()).toBe(proof.file);
    expect(screen.getByTestId('toast-success').textContent).toContain(proof.summary);
    expect(document.querySelector('img, [onerror]')).toBeNull();
  } finally {
    created.mockRestore();
    clicked.mockRestore();
  }
});
