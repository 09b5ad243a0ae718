import type { SyncStatus } from '@shared/model';
import { ago, when } from '../../components/format';
import { useStore } from '../../store';

/** A machine-readable time, or none for a time no date can hold (the server's word is not trusted). */
const isoOf = (ms: number) => (Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : undefined);

const events = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'event' : 'events'}`;

/**
 * Server events kept beside the log instead of in it: those this workstation could not apply,
 * listed with the server's author of record and the reason, and a count of other workstations'
 * events the server refused, kept as evidence. Everything in it came from a server and is text.
 */
export function SetAside({ setAside }: { setAside: SyncStatus['setAside'] }) {
  const { unappliable, refusedElsewhere, recent } = setAside;
  if (!unappliable && !refusedElsewhere) return null;
  return (
    <section className="set-aside" aria-labelledby="set-aside-head" data-testid="set-aside">
      <h3 id="set-aside-head">Set aside</h3>
      {unappliable ? (
        <>
          <p data-testid="set-aside-unappliable">
            {events(unappliable)} from the server could not be applied here
            {recent.length < unappliable ? ` (the newest ${recent.length.toLocaleString()} below)` : ''}. They are kept beside the log, not
            in it: the items they touch do not show them.
          </p>
          <ul className="set-aside-list" data-testid="set-aside-list">
            {recent.map((e) => (
              <li key={e.eventId} data-event-id={e.eventId}>
                <strong>{e.action}</strong> on {e.platform}/{e.externalId} by {e.by},{' '}
                <time dateTime={isoOf(e.at)} title={when(e.at)}>
                  {ago(e.at)}
                </time>
                <div className="muted">{e.reason}</div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {refusedElsewhere ? (
        <p className="muted" data-testid="set-aside-refused">
          {events(refusedElsewhere)} the server refused from other workstations {refusedElsewhere === 1 ? 'is' : 'are'} kept as evidence.
        </p>
      ) : null}
    </section>
  );
}

/** Server events this workstation could not apply: a warning in the status bar that opens the sync dialog. */
export function SetAsideCount() {
  const n = useStore((s) => s.sync?.setAside.unappliable ?? 0);
  const open = useStore((s) => s.open);
  if (!n) return null;
  return (
    <button
      type="button"
      className="ghost set-aside-count"
      onClick={() => open({ kind: 'sync' })}
      title="Events from the server this workstation could not apply: the sync dialog lists them with the reason."
      data-testid="set-aside-count"
    >
      <span aria-hidden="true">⚠ </span>
      {n.toLocaleString()} set aside
    </button>
  );
}
