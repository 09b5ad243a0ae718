import { ago } from '../../components/format';
import { ProgressBar } from '../../components/ProgressBar';
import { useStore } from '../../store';
import { FailedReplyCount } from './DeliveryNote';

const DOT: Record<string, string> = { online: 'ok', syncing: 'busy', offline: 'warn', disconnected: 'off', 'signed-out': 'warn' };

/** Online, offline or syncing, what waits, and when it last synced: one glance, one click for more. */
export function SyncIndicator() {
  const sync = useStore((s) => s.sync);
  const open = useStore((s) => s.open);
  if (!sync) return null;
  // A new or long-offline workstation reading the team's backlog: how far it has got.
  const behind = sync.connected && sync.cursor < sync.serverHead;
  if (behind) {
    return (
      <button
        type="button"
        className="ghost sync-indicator"
        onClick={() => open({ kind: 'sync' })}
        data-testid="sync-indicator"
        data-state="catching-up"
      >
        Catching up {sync.cursor.toLocaleString()} of {sync.serverHead.toLocaleString()}
        <ProgressBar value={sync.cursor} max={sync.serverHead} label="Sync catch-up" />
      </button>
    );
  }
  const waiting = sync.outbox ? `${sync.outbox.toLocaleString()} waiting` : 'nothing waiting';
  const text = !sync.connected
    ? 'Not connected'
    : sync.state === 'signed-out'
      ? `Sign in again · ${waiting}`
      : sync.state === 'offline'
        ? `Offline · ${waiting} · nothing is lost`
        : sync.state === 'syncing'
          ? `Syncing · ${waiting}`
          : `Online · ${waiting}${sync.lastSyncAt ? ` · synced ${ago(sync.lastSyncAt)}` : ''}`;
  return (
    <button
      type="button"
      className="ghost sync-indicator"
      onClick={() => open({ kind: 'sync' })}
      data-testid="sync-indicator"
      data-state={sync.connected ? sync.state : 'disconnected'}
    >
      <span className={`dot dot-${DOT[sync.connected ? sync.state : 'disconnected']}`} aria-hidden="true" />
      {text}
      {sync.connected && sync.insecure ? <span className="insecure-mark"> · not encrypted</span> : null}
      {sync.refused.length ? (
        <span
          className="refused-count"
          title="Events made on this workstation that the server refused or put in conflict: the sync dialog lists them."
        >
          {' '}
          · {sync.refused.length} refused from here
        </span>
      ) : null}
    </button>
  );
}

/** Disagreements and bounced cases waiting for a supervisor: everyone sees how many, a click lists them. */
export function ConflictCount() {
  const n = useStore((s) => s.sync?.openConflicts ?? 0);
  const bounced = useStore((s) => s.sync?.bouncedCases ?? 0);
  const failed = useStore((s) => s.sync?.failedReplies ?? 0);
  const open = useStore((s) => s.open);
  return (
    <>
      {n ? (
        <button type="button" className="ghost conflict-count" onClick={() => open({ kind: 'conflicts' })} data-testid="conflict-count">
          {n.toLocaleString()} {n === 1 ? 'conflict' : 'conflicts'}
        </button>
      ) : null}
      {bounced ? (
        <button type="button" className="ghost conflict-count" onClick={() => open({ kind: 'conflicts' })} data-testid="bounced-count">
          {bounced.toLocaleString()} bounced {bounced === 1 ? 'case' : 'cases'}
        </button>
      ) : null}
      <FailedReplyCount count={failed} />
    </>
  );
}
