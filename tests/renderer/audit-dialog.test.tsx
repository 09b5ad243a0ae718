// "Verify the record" checks as it opens and says in one line whether the record holds, then
// what it checked and each problem. An intact log from a real core holds; a log edited behind
// core's back (the append-only trigger dropped on a raw connection) does not, and the dialog
// says where. A check that cannot be made is said as a message, not a crash.
import Database from 'better-sqlite3';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { expect, it } from 'vitest';
import { AuditDialog } from '../../src/renderer/src/features/audit/AuditDialog';
import { useStore } from '../../src/renderer/src/store';
import type { CoreApi } from '../../src/shared/contract';
import type { AuditReport } from '../../src/shared/model';
import { bridgeEachTest } from './helpers/rendered-bridge';

const bridge = bridgeEachTest();
const EVIL = '<img src=x onerror="window.__pwned=1">';

/** Three events on two items, made through core. */
async function someWork(): Promise<void> {
  await bridge().importRecords(
    ['m1', 'm2'].map((id) => ({
      type: 'item',
      platform: 'x',
      id,
      kind: 'mention',
      text: `message ${id}`,
      createdAt: '2026-11-20T10:00:00Z',
    })),
  );
  const ids = bridge().core.db.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[];
  await bridge().direct('decision.apply', { itemIds: ids, action: 'approve' });
  await bridge().direct('item.note', { itemId: ids[0], text: 'checked' });
}

const verdict = () => screen.getByTestId('audit-verdict');
const done = () => waitFor(() => expect(useStore.getState().audit.running).toBe(false));

it('checks as it opens, shows its progress, and says the record holds', async () => {
  await someWork();
  const first = render(<AuditDialog />);
  // Running: an indeterminate progress bar, and the button disabled.
  const bar = screen.getByRole('progressbar', { name: 'Verifying the record' });
  expect(bar.hasAttribute('aria-valuenow')).toBe(false);
  expect((screen.getByTestId('audit-run') as HTMLButtonElement).disabled).toBe(true);
  await done();

  expect(verdict().textContent).toMatch(/^The record holds · checked /);
  expect(verdict().getAttribute('data-ok')).toBe('true');
  expect(screen.getByTestId('audit-chain').textContent).toContain('3 entries, each linked to the one before: the chain is intact.');
  expect(screen.getByTestId('audit-no-server-log').textContent).toBe(
    'This workstation has not synced with a server that signs its log yet.',
  );
  expect(screen.queryByTestId('audit-problems')).toBeNull();
  expect(screen.queryByRole('progressbar')).toBeNull();
  const again = screen.getByTestId('audit-run') as HTMLButtonElement;
  expect(again.disabled).toBe(false);
  expect(again.textContent).toBe('Verify again');
  expect(bridge().calls.filter((c) => c === 'audit.verify')).toHaveLength(1);

  act(() => void fireEvent.click(again));
  await done();
  expect(bridge().calls.filter((c) => c === 'audit.verify')).toHaveLength(2);
  expect(verdict().textContent).toMatch(/^The record holds/);

  // Opened again, it checks again: the last verdict is not shown as this one's.
  first.unmount();
  render(<AuditDialog />);
  expect(screen.queryByTestId('audit-verdict')).toBeNull();
  expect(screen.getByRole('progressbar', { name: 'Verifying the record' })).toBeTruthy();
  await done();
  expect(bridge().calls.filter((c) => c === 'audit.verify')).toHaveLength(3);
});

it('says the record does not hold when an entry was edited behind core’s back, and where', async () => {
  await someWork();
  const raw = new Database(bridge().core.db.name);
  try {
    raw.exec('DROP TRIGGER events_append_only_update');
    raw.prepare("UPDATE events SET action = 'remove' WHERE seq = 2").run();
  } finally {
    raw.close();
  }
  render(<AuditDialog />);
  await done();
  expect(verdict().textContent).toMatch(/^The record does not hold · checked .* · 1 problem found$/);
  expect(verdict().getAttribute('data-ok')).toBe('false');
  expect(screen.getByTestId('audit-chain').textContent).toContain('the chain is broken (see below)');
  const problems = screen.getByTestId('audit-problems').querySelectorAll('li');
  expect(problems).toHaveLength(1);
  expect(problems[0]!.getAttribute('data-where')).toBe('chain');
  expect(problems[0]!.textContent).toBe(
    "This workstation’s log, at position 1: entry 1 of this workstation's own log, or the one before it, was changed, removed or inserted after it was written",
  );
});

it('says so when the check cannot be made', async () => {
  bridge().disconnect();
  render(<AuditDialog />);
  await done();
  expect(screen.getByTestId('audit-error').textContent).toBe(
    'The record could not be checked: The desktop host did not answer: the test core is closed',
  );
  expect(screen.queryByTestId('audit-verdict')).toBeNull();
  expect((screen.getByTestId('audit-run') as HTMLButtonElement).disabled).toBe(false);
});

// Core fills the server-log part once the workstation keeps a copy of the server's signed log;
// until then this report stands in for that answer, as the contract types it.
it('says what it found of the server’s log in words, its problems as text', async () => {
  const report: AuditReport = {
    ok: false,
    checkedAt: Date.UTC(2026, 10, 20, 12),
    chain: { entries: 12 },
    serverLog: {
      entries: 4096,
      kept: 812,
      checkpoint: { size: 4000, signedAt: Date.UTC(2026, 10, 20, 11), key: 'ed25519:9f2c…e1' },
      server: 'inconsistent',
    },
    problems: [
      { where: 'server', position: 3999, what: `the server now answers a different entry here ${EVIL}` },
      { where: 'server-log', position: null, what: 'a checkpoint does not verify with the server’s key' },
    ],
  };
  (window.vigil as CoreApi)['audit.verify'] = async () => JSON.parse(JSON.stringify({ ok: true, value: report }));
  render(<AuditDialog />);
  await done();
  expect(verdict().textContent).toMatch(/^The record does not hold · .* · 2 problems found$/);
  const log = screen.getByTestId('audit-server-log').textContent!;
  expect(log).toContain('4,096 entries copied here; this workstation keeps 812 events of them, the rest as their hashes only.');
  expect(screen.getByTestId('audit-checkpoint').textContent).toMatch(
    /^Newest verified checkpoint: the first 4,000 entries, signed by the server .* with the key ed25519:9f2c…e1\.$/,
  );
  expect(screen.getByTestId('audit-server-answer').textContent).toBe(
    'The server’s log today does not extend what this workstation saw: entries it signed before were changed or removed.',
  );
  expect(screen.queryByTestId('audit-no-server-log')).toBeNull();
  const problems = [...screen.getByTestId('audit-problems').querySelectorAll('li')].map((li) => li.textContent);
  expect(problems).toEqual([
    `The team’s server, at position 3,999: the server now answers a different entry here ${EVIL}`,
    'This workstation’s copy of the server’s log: a checkpoint does not verify with the server’s key',
  ]);
  expect(document.querySelector('img, [onerror]')).toBeNull();
});
