import type { EventView } from '@shared/model';
import { ago, when } from '../../components/format';
import { useStore } from '../../store';
import { DeliveryNote } from '../sync/DeliveryNote';
import { EventAuthor } from './EventAuthor';

const VERB: Record<string, string> = {
  approve: 'approved',
  remove: 'removed',
  escalate: 'escalated',
  spam: 'marked spam',
  fake: 'marked the author fake',
  reply: 'replied',
  reopen: 'reopened',
  label: 'labelled',
  note: 'noted',
  claim: 'claimed',
  release: 'released',
  handover: 'handed over',
  undo: 'undid a decision',
};

function detailOf(e: EventView): string {
  if (e.action === 'label') {
    const removed = Array.isArray(e.payload?.remove) ? (e.payload.remove as string[]) : [];
    return [...e.labels.map((l) => `+${l}`), ...removed.map((l) => `−${l}`)].join(' ');
  }
  if (e.action === 'handover') return `to ${String(e.payload?.to ?? '?')}: ${e.reason ?? ''}`;
  if (e.action === 'reply') {
    // An override of the personalisation check is shown to everyone who reads the item: supervisors audit it.
    const o = e.payload?.override as { reason?: unknown; checks?: unknown } | undefined;
    const checks = Array.isArray(o?.checks) ? o.checks.join(' and ') : 'personalisation';
    return [e.reason, e.note, o ? `sent despite the ${checks} check: ${String(o.reason ?? '')}` : null].filter(Boolean).join(' — ');
  }
  return [e.reason, e.note].filter(Boolean).join(' — ');
}

/** What the server said of the event, when there is something to say. */
function verdictOf(e: EventView): string | null {
  const v = e.server;
  if (!v) return null;
  if (v.status === 'rejected') return `Refused by the server: ${v.reason ?? 'no reason given'}`;
  if (v.status === 'conflict')
    return `In conflict${v.resolvedBy ? ', resolved by a supervisor' : ', waiting for a supervisor'}: ${v.reason ?? ''}`;
  return v.reason ? `Flagged: ${v.reason}` : null;
}

/** An event the server has: the proof that its signed log holds it, as a file anyone can check. */
function ProofButton({ eventId }: { eventId: string }) {
  const exportProof = useStore((s) => s.exportProof);
  const busy = useStore((s) => s.proofFor === eventId);
  return (
    <button
      type="button"
      className="ghost small proof"
      disabled={busy}
      onClick={() => void exportProof(eventId)}
      title="Save a file proving the server’s signed log holds this event; anyone with the server’s public key can check it."
      data-testid="export-proof"
    >
      {busy ? 'Exporting proof…' : 'Export proof'}
    </button>
  );
}

export function History({ events }: { events: EventView[] }) {
  const notes = events.filter((e) => e.action === 'note' && !e.undoneBy);
  return (
    <>
      {notes.length ? (
        <section className="card" aria-label="Notes" data-testid="notes">
          <h3>Notes</h3>
          <ul className="notes">
            {notes.map((n) => (
              <li key={n.id}>
                <EventAuthor event={n} /> <span className="muted">{ago(n.createdAt)}</span>
                <div>{n.note}</div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card" aria-label="History" data-testid="history">
        <h3>History</h3>
        {events.length ? (
          <ol className="events">
            {events.map((e) => (
              <li
                key={e.id}
                className={e.undoneBy ? 'undone' : undefined}
                title={when(e.createdAt)}
                data-testid="history-event"
                data-event-id={e.id}
              >
                <EventAuthor event={e} /> {VERB[e.action] ?? e.action} <span className="muted">{ago(e.createdAt)}</span>
                {e.undoneBy ? <span className="muted"> (undone)</span> : null} <DeliveryNote delivery={e.delivery} />
                {e.server ? <ProofButton eventId={e.id} /> : null}
                {detailOf(e) ? <div className="muted">{detailOf(e)}</div> : null}
                {verdictOf(e) ? (
                  <div className={`server-verdict verdict-${e.server!.status}`} data-testid="server-verdict">
                    {verdictOf(e)}
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">No decisions yet.</p>
        )}
      </section>
    </>
  );
}
