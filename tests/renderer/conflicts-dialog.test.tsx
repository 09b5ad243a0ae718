// The supervisor's conflicts dialog against a real core: each conflict is named by its item's
// author and text (as text), with detection's scores; each side says who decided (the author of
// record), what and when; settling asks for a reason and records it; Esc in the reason leaves
// the field and keeps what was typed, even across closing the dialog; the title says what is in
// it; the key caps show their digits; a settled conflict no longer counts as refused here.
// Conflicts arrive through the same pull path a workstation uses.
import { randomUUID } from 'node:crypto';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { expect, it } from 'vitest';
import { Overlays } from '../../src/renderer/src/components/Overlays';
import { SyncIndicator } from '../../src/renderer/src/features/sync/SyncIndicator';
import { useGlobalKeys } from '../../src/renderer/src/features/keyboard/useGlobalKeys';
import { ItemScorer } from '../../src/core/detection/scores/item-scores';
import { applyPage } from '../../src/core/sync/apply';
import { outboxBatch, recordOutcomes } from '../../src/core/sync/outbox';
import { setConnection } from '../../src/core/sync/state';
import { useStore } from '../../src/renderer/src/store';
import type { SyncStatus } from '../../src/shared/model';
import type { ServerEvent } from '../../src/shared/sync';
import { bridgeEachTest } from './helpers/rendered-bridge';

const bridge = bridgeEachTest();
const NOW = Date.now();
const EVIL = '<img src=x onerror="window.__pwned=1">';
const pwned = () => (window as unknown as { __pwned?: number }).__pwned;
const HOTEL_TEXT = `Best hotel ever!!! Amazing staff, amazing pool, amazing everything. Book now at http://deals.example ${EVIL}`;

let seq = 0;
function serverEvent(more: Partial<ServerEvent>): ServerEvent {
  seq++;
  return {
    id: randomUUID(),
    clientId: 'ws-other',
    clientSeq: seq,
    platform: 'hotels',
    externalId: 'hotels-505',
    action: 'approve',
    baseVersion: 0,
    actor: 'ana',
    createdAt: NOW - 10 * 60_000,
    seq,
    status: 'accepted',
    verdict: null,
    receivedAt: NOW - 9 * 60_000,
    by: 'ana',
    role: 'moderator',
    ...more,
  };
}

const idOf = (externalId: string) =>
  bridge().core.db.prepare('SELECT id FROM items WHERE external_id = ?').pluck().get(externalId) as number;

/** Two reviews ana approved and bo, working offline, decided otherwise: two open conflicts. */
async function twoConflicts(role: 'supervisor' | 'moderator' = 'supervisor'): Promise<void> {
  await bridge().importRecords([
    {
      type: 'account',
      platform: 'hotels',
      id: 'u-505',
      handle: `sunny_trips${EVIL}`,
      name: 'Sunny',
      createdAt: '2026-11-01T00:00:00Z',
      followers: 3,
      following: 900,
      posts: 1,
    },
    {
      type: 'item',
      platform: 'hotels',
      id: 'hotels-505',
      kind: 'review',
      author: 'u-505',
      text: HOTEL_TEXT,
      target: 'Hotel Miramar',
      rating: 5,
      createdAt: '2026-11-20T10:00:00Z',
    },
    {
      type: 'item',
      platform: 'hotels',
      id: 'hotels-506',
      kind: 'review',
      text: 'The room was clean and quiet.',
      target: 'Hotel Miramar',
      rating: 4,
      createdAt: '2026-11-20T10:05:00Z',
    },
  ]);
  await bridge().direct('detection.rescore', {});
  const { db } = bridge().core;
  const events = [
    serverEvent({ externalId: 'hotels-505', action: 'approve', reason: 'looks genuine' }),
    serverEvent({ externalId: 'hotels-506', action: 'approve' }),
    serverEvent({
      externalId: 'hotels-505',
      action: 'remove',
      actor: 'bo',
      by: 'bo',
      clientId: 'ws-bo',
      createdAt: NOW - 8 * 60_000,
      status: 'conflict',
      verdict: 'bo decided remove while ana had decided approve on the same version',
      reason: `paid review ${EVIL}`,
    }),
    serverEvent({
      externalId: 'hotels-506',
      action: 'spam',
      actor: 'bo',
      by: 'bo',
      clientId: 'ws-bo',
      createdAt: NOW - 7 * 60_000,
      status: 'conflict',
      verdict: 'bo decided spam while ana had decided approve on the same version',
    }),
  ];
  applyPage(db, { events }, seq, NOW, new ItemScorer(db, {}));
  setConnection(db, { url: 'http://127.0.0.1:8787', user: role === 'supervisor' ? 'sam' : 'bo', role, expiresAt: Date.now() + 3_600_000 });
  const sync = await bridge().direct<SyncStatus>('sync.status', {});
  act(() => useStore.setState({ sync }));
}

/** The window's key handling and its dialogs, as App has them. */
function Window() {
  useGlobalKeys();
  return (
    <>
      <SyncIndicator />
      <Overlays />
    </>
  );
}

async function opened(): Promise<HTMLElement> {
  render(<Window />);
  act(() => useStore.getState().open({ kind: 'conflicts' }));
  const dialog = await screen.findByTestId('conflicts-dialog');
  await waitFor(() => expect(within(dialog).getAllByTestId('conflict-item')).toHaveLength(2));
  return dialog;
}

function press(target: Element, key: string): void {
  act(() => void fireEvent.keyDown(target, { key }));
}

const list = () => screen.getByTestId('conflict-list');
const reasonField = () => screen.getByTestId('conflict-reason') as HTMLTextAreaElement;
const type = (text: string) => act(() => void fireEvent.change(reasonField(), { target: { value: text } }));
const openConflicts = () => bridge().core.db.prepare('SELECT count(*) FROM conflicts WHERE resolved_by IS NULL').pluck().get();

it('names each conflict by its item’s author and text, with scores, and each side by who decided what and when', async () => {
  await twoConflicts();
  const dialog = await opened();
  // An honest title: what is in it, and nothing that is not.
  expect(dialog.querySelector('h2')!.textContent).toBe('Conflicts (2)');
  expect(dialog.getAttribute('aria-label')).toBe('Conflicts (2)');

  const [first, second] = within(dialog).getAllByTestId('conflict-item');
  expect(first!.textContent).toBe(
    `@sunny_trips${EVIL}: “Best hotel ever!!! Amazing staff, amazing pool, amazing…”approved (ana) vs remove (bo)`,
  );
  expect(first!.textContent).not.toContain('hotels-505');
  expect(second!.textContent).toBe('Unknown author: “The room was clean and quiet.”approved (ana) vs spam (bo)');
  expect(first!.getAttribute('aria-selected')).toBe('true');
  expect(list().getAttribute('aria-activedescendant')).toBe(first!.id);
  expect(document.activeElement).toBe(list());

  expect(screen.getByTestId('conflict-heading').textContent).toBe(`review by @sunny_trips${EVIL}`);
  // As the item holds them: a review has no spam score, so none is shown.
  const held = bridge().core.db.prepare("SELECT risk, detection FROM items WHERE external_id = 'hotels-505'").get() as {
    risk: number;
    detection: string;
  };
  const d = JSON.parse(held.detection) as { review: { score: number }; author: { score: number }; spam?: unknown };
  expect(d.spam).toBeUndefined();
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  expect(screen.getByTestId('conflict-scores').textContent).toBe(
    `Detection: risk ${pct(held.risk)} · fake review ${pct(d.review.score)} · fake account ${pct(d.author.score)}`,
  );

  const standing = screen.getByTestId('conflict-standing');
  const cells = [...standing.querySelectorAll('th, td')].map((c) => c.textContent);
  expect(cells).toEqual(['Stands', 'approve (approved)', 'ana', '10 min ago', 'looks genuine']);
  expect(within(standing).getByTestId('event-author').getAttribute('data-verified')).toBe('true');
  expect(standing.querySelector('time')!.getAttribute('dateTime')).toBe(new Date(NOW - 10 * 60_000).toISOString());
  const contender = screen.getByTestId('conflict-contender');
  expect([...contender.querySelectorAll('th, td')].map((c) => c.textContent)).toEqual([
    'Clashed',
    'remove',
    'bo',
    '8 min ago',
    `paid review ${EVIL}`,
  ]);
  expect(screen.getByText('The server: bo decided remove while ana had decided approve on the same version')).toBeTruthy();

  // The key caps carry their digits and the buttons their key.
  const keep = screen.getByTestId('resolve-approve');
  expect(keep.querySelector('kbd')!.textContent).toBe('1');
  expect(keep.getAttribute('aria-keyshortcuts')).toBe('1');
  expect(keep.textContent).toBe('1 Keep approve (ana)');
  expect(screen.getByTestId('resolve-remove').textContent).toBe('2 Take remove (bo)');

  // j moves to the next conflict.
  press(list(), 'j');
  expect(second!.getAttribute('aria-selected')).toBe('true');
  expect(screen.getByTestId('conflict-heading').textContent).toBe('review by an unknown author');
  // Hostile text stays text.
  expect(document.querySelector('img, [onerror]')).toBeNull();
  expect(pwned()).toBeUndefined();
});

it('says an item has no detection scores rather than inventing them', async () => {
  await twoConflicts();
  bridge().core.db.prepare("UPDATE items SET detection = NULL, risk = 0 WHERE external_id = 'hotels-505'").run();
  await opened();
  expect(screen.getByTestId('conflict-scores').textContent).toBe('Not scored by detection.');
});

it('asks for a reason before settling, records the one typed, and says what it settled', async () => {
  await twoConflicts();
  await opened();
  // 2 with no reason: nothing is recorded, the reason is asked for, the choice waits.
  press(list(), '2');
  const problem = await screen.findByTestId('conflict-reason-problem');
  expect(problem.textContent).toBe(
    'Say why you take remove (bo): the reason is recorded with the resolution for everyone it overrules. Type it, then press Enter.',
  );
  expect(problem.getAttribute('role')).toBe('alert');
  expect(document.activeElement).toBe(reasonField());
  expect(reasonField().getAttribute('aria-invalid')).toBe('true');
  expect(reasonField().getAttribute('aria-describedby')).toBe('conflict-reason-problem');
  expect(screen.getByTestId('resolve-remove').className).toContain('pending');
  expect(openConflicts()).toBe(2);

  // Too short is refused too, then Enter records the reason typed with the side chosen.
  type('ok');
  press(reasonField(), 'Enter');
  expect(screen.getByTestId('conflict-reason-problem').textContent).toMatch(
    /^A reason of 3 characters or more, please: say why you take remove \(bo\)/,
  );
  expect(openConflicts()).toBe(2);
  type('  Paid review: the link is a deals site  ');
  expect(screen.queryByTestId('conflict-reason-problem')).toBeNull();
  press(reasonField(), 'Enter');
  await waitFor(() => expect(screen.getAllByTestId('conflict-item')).toHaveLength(1));
  const resolution = bridge()
    .core.db.prepare("SELECT action, reason, payload FROM events WHERE json_extract(payload, '$.resolves') IS NOT NULL")
    .get() as { action: string; reason: string; payload: string };
  expect(resolution).toMatchObject({ action: 'remove', reason: 'Paid review: the link is a deals site' });
  expect(openConflicts()).toBe(1);
  expect(useStore.getState().toasts.map((t) => t.text)).toContain(
    'Conflict settled: remove. Every workstation gets it with the next sync.',
  );
  expect(screen.getByTestId('conflicts-dialog').querySelector('h2')!.textContent).toBe('Conflicts (1)');
  // The next one starts with an empty reason: one supervisor's words are not reused for another call.
  expect(reasonField().value).toBe('');
  expect(document.activeElement).toBe(list());

  // A reason typed first, then a side from the list: settled at once.
  type('Clean and quiet is a genuine review');
  press(list(), '1');
  await screen.findByTestId('conflicts-empty');
  expect(screen.getByTestId('conflicts-dialog').querySelector('h2')!.textContent).toBe('Conflicts (0)');
  expect(
    bridge()
      .core.db.prepare("SELECT reason FROM events WHERE action = 'approve' AND json_extract(payload, '$.resolves') IS NOT NULL")
      .pluck()
      .get(),
  ).toBe('Clean and quiet is a genuine review');
});

it('Esc in the reason leaves the field and keeps the text; the next Esc closes, and the reason is there on coming back', async () => {
  await twoConflicts();
  await opened();
  act(() => reasonField().focus());
  type('Paid review, I checked the link');
  press(reasonField(), 'Escape');
  // Still open, the text kept, the focus back on the list, and a word that it was kept.
  expect(screen.getByTestId('conflicts-dialog')).toBeTruthy();
  expect(reasonField().value).toBe('Paid review, I checked the link');
  expect(document.activeElement).toBe(list());
  expect(screen.getByTestId('conflict-reason-kept').textContent).toBe(
    'Your reason is kept with this conflict, here and when you come back to it. Esc again closes the dialog.',
  );
  // Moving to another conflict and back: each keeps its own reason.
  press(list(), 'j');
  expect(reasonField().value).toBe('');
  press(list(), 'k');
  expect(reasonField().value).toBe('Paid review, I checked the link');

  press(list(), 'Escape');
  expect(screen.queryByTestId('conflicts-dialog')).toBeNull();
  expect(useStore.getState().overlay).toBeNull();
  act(() => useStore.getState().open({ kind: 'conflicts' }));
  await screen.findByTestId('conflict-list');
  expect(reasonField().value).toBe('Paid review, I checked the link');
  // Nothing was recorded meanwhile.
  expect(openConflicts()).toBe(2);
  // And with it, 2 settles at once.
  press(list(), '2');
  await waitFor(() => expect(screen.getAllByTestId('conflict-item')).toHaveLength(1));
  expect(
    bridge()
      .core.db.prepare("SELECT reason FROM events WHERE action = 'remove' AND json_extract(payload, '$.resolves') IS NOT NULL")
      .pluck()
      .get(),
  ).toBe('Paid review, I checked the link');
});

it('lets a moderator see the conflicts but settle none: no reason field, no buttons, and the keys do nothing', async () => {
  await twoConflicts('moderator');
  await opened();
  expect(screen.getByText('Only a supervisor resolves conflicts; you can see them here.')).toBeTruthy();
  expect(screen.queryByTestId('conflict-reason')).toBeNull();
  expect(screen.queryByTestId('resolve-approve')).toBeNull();
  press(list(), '1');
  expect(openConflicts()).toBe(2);
});

it('counts as refused only this workstation’s events still refused: a settled conflict leaves the count', async () => {
  await bridge().importRecords([
    { type: 'item', platform: 'x', id: 'm1', kind: 'mention', text: 'Where is my order?', createdAt: '2026-11-20T10:00:00Z' },
    { type: 'item', platform: 'x', id: 'm2', kind: 'mention', text: 'Still waiting', createdAt: '2026-11-20T10:00:00Z' },
  ]);
  const { db } = bridge().core;
  setConnection(db, { url: 'http://127.0.0.1:8787', user: 'bo', role: 'moderator', expiresAt: Date.now() + 3_600_000 });
  // bo decides both here; the server puts both in conflict with ana's earlier decisions.
  await bridge().direct('decision.apply', { itemIds: [idOf('m1'), idOf('m2')], action: 'spam' });
  const batch = outboxBatch(db, 10);
  recordOutcomes(
    db,
    batch,
    batch.map((b, i) => ({
      id: b.event.id,
      status: 'conflict' as const,
      seq: 10 + i,
      reason: 'bo decided spam while ana had decided approve on the same version',
    })),
    NOW,
    { name: 'bo', role: 'moderator' },
  );
  const show = async () => {
    const sync = await bridge().direct<SyncStatus>('sync.status', {});
    act(() => useStore.setState({ sync }));
  };
  await show();
  render(<SyncIndicator />);
  expect(screen.getByTestId('sync-indicator').textContent).toContain('2 refused from here');

  // A moderator's forged "resolution", which the server refused, settles nothing.
  const forged = serverEvent({
    platform: 'x',
    externalId: 'm1',
    action: 'spam',
    by: 'mal',
    actor: 'mal',
    seq: 15,
    status: 'rejected',
    verdict: 'only a supervisor resolves a conflict',
    payload: { resolves: batch.map((b) => b.event.id) },
  });
  applyPage(db, { events: [forged] }, 15, NOW, new ItemScorer(db, {}));
  await show();
  expect(screen.getByTestId('sync-indicator').textContent).toContain('2 refused from here');

  // The supervisor settles the first (against bo): one is still refused.
  applyPage(
    db,
    {
      events: [
        serverEvent({
          platform: 'x',
          externalId: 'm1',
          action: 'approve',
          by: 'sam',
          actor: 'sam',
          role: 'supervisor',
          seq: 20,
          payload: { resolves: [batch[0]!.event.id] },
        }),
      ],
    },
    20,
    NOW,
    new ItemScorer(db, {}),
  );
  await show();
  expect(screen.getByTestId('sync-indicator').textContent).toContain('1 refused from here');
  // And the second: nothing is refused any more, whichever side was taken.
  applyPage(
    db,
    {
      events: [
        serverEvent({
          platform: 'x',
          externalId: 'm2',
          action: 'spam',
          by: 'sam',
          actor: 'sam',
          role: 'supervisor',
          seq: 21,
          payload: { resolves: [batch[1]!.event.id] },
        }),
      ],
    },
    21,
    NOW,
    new ItemScorer(db, {}),
  );
  await show();
  expect(screen.getByTestId('sync-indicator').textContent).not.toContain('refused');
  expect(useStore.getState().sync!.refused).toEqual([]);
  expect(useStore.getState().sync!.openConflicts).toBe(0);
});

it('is titled by what it holds: flagged work named when there is some, and no conflicts said plainly', async () => {
  await bridge().importRecords([
    { type: 'item', platform: 'x', id: 'm1', kind: 'mention', text: 'Where is my order?', createdAt: '2026-11-20T10:00:00Z' },
  ]);
  const { db } = bridge().core;
  applyPage(
    db,
    {
      events: [
        serverEvent({ platform: 'x', externalId: 'm1', action: 'remove', by: 'bo', actor: 'bo', verdict: 'done while ana held the item' }),
      ],
    },
    seq,
    NOW,
    new ItemScorer(db, {}),
  );
  setConnection(db, { url: 'http://127.0.0.1:8787', user: 'sam', role: 'supervisor', expiresAt: Date.now() + 3_600_000 });
  act(() => useStore.setState({ sync: null }));
  render(<Window />);
  act(() => useStore.getState().open({ kind: 'conflicts' }));
  await screen.findByTestId('flagged-work');
  const dialog = screen.getByTestId('conflicts-dialog');
  expect(dialog.querySelector('h2')!.textContent).toBe('Conflicts (0) and flagged work (1)');
  expect(screen.getByTestId('conflicts-empty').textContent).toBe('No conflicts are waiting: every disagreement has been settled.');
  expect(dialog.textContent).not.toMatch(/audit/i);
});

it('Enter in the reason before a side is chosen records nothing and says how to choose one', async () => {
  await twoConflicts();
  await opened();
  act(() => reasonField().focus());
  type('Paid review');
  press(reasonField(), 'Enter');
  expect(screen.getByTestId('conflict-reason-problem').textContent).toBe(
    'Now choose a side: Esc goes back to the list, then 1 to keep approve (ana), 2 to take remove (bo).',
  );
  expect(reasonField().value).toBe('Paid review');
  expect(openConflicts()).toBe(2);
  // Digits typed in the reason are text, not choices.
  act(() => void fireEvent.keyDown(reasonField(), { key: '2' }));
  expect(openConflicts()).toBe(2);
  expect(screen.getByTestId('conflicts-dialog')).toBeTruthy();
});
