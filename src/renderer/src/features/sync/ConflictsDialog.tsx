import { useEffect, useRef, useState } from 'react';
import { DECISION_STATUS, type ConflictView, type DecisionAction } from '../../../../shared/model';
import { Dialog } from '../../components/Dialog';
import { ago } from '../../components/format';
import { useStore } from '../../store';

/** The decision that leaves an item in this status (what "keep it" means). */
const ACTION_OF_STATUS = new Map<string, DecisionAction>(Object.entries(DECISION_STATUS).map(([a, s]) => [s, a as DecisionAction]));

interface Choice {
  action: DecisionAction;
  title: string;
}

/** Keep what stands, or side with one of the decisions that clashed with it. */
function choicesOf(c: ConflictView): Choice[] {
  const out: Choice[] = [];
  const standing = ACTION_OF_STATUS.get(c.standing.status);
  if (standing) out.push({ action: standing, title: `Keep ${standing}${c.standing.by ? ` (${c.standing.by})` : ''}` });
  for (const d of c.contenders) {
    if (out.some((o) => o.action === d.action)) continue;
    out.push({ action: d.action as DecisionAction, title: `Take ${d.action} (${d.actor})` });
  }
  return out;
}

/**
 * The supervisor's queue of conflicts: two people decided one item differently on the same
 * version. Each shows what stands and what clashed; the call is recorded as a new decision
 * that settles it on every workstation. Keys: j/k move, 1–9 pick a side.
 */
export function ConflictsDialog() {
  const conflicts = useStore((s) => s.conflicts);
  const flagged = useStore((s) => s.flagged);
  const bounced = useStore((s) => s.bounced);
  const error = useStore((s) => s.conflictsError);
  const load = useStore((s) => s.loadConflicts);
  const resolve = useStore((s) => s.resolveConflict);
  const role = useStore((s) => s.sync?.role ?? null);
  const toast = useStore((s) => s.toast);
  const [at, setAt] = useState(0);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const list = conflicts ?? [];
  const some = list.length > 0;
  // The keys work on the list: it takes focus once there is one.
  useEffect(() => {
    if (some) listRef.current?.focus();
  }, [some]);
  const current = list[Math.min(at, list.length - 1)];
  const supervisor = role === 'supervisor' || role === 'admin';
  const choices = current ? choicesOf(current) : [];

  async function pick(choice: Choice): Promise<void> {
    if (!current || busy) return;
    setBusy(true);
    const ok = await resolve(current.itemId, choice.action, reason);
    setBusy(false);
    if (ok) {
      setReason('');
      toast('success', `Conflict resolved: ${choice.action}. Every workstation gets it with the next sync.`);
    }
  }

  function onKeyDown(e: React.KeyboardEvent): void {
    if ((e.target as HTMLElement).tagName === 'INPUT') return;
    if (e.key === 'j' || e.key === 'ArrowDown') setAt((i) => Math.min(i + 1, list.length - 1));
    else if (e.key === 'k' || e.key === 'ArrowUp') setAt((i) => Math.max(i - 1, 0));
    else if (/^[1-9]$/.test(e.key) && supervisor) {
      const c = choices[Number(e.key) - 1];
      if (c) void pick(c);
    } else return;
    e.preventDefault();
    e.stopPropagation();
  }

  return (
    <Dialog title={`Conflicts (${list.length}) and audit`} wide testId="conflicts-dialog">
      <div className="conflicts" onKeyDown={onKeyDown} role="presentation">
        {!supervisor ? <p className="muted">Only a supervisor resolves conflicts; you can see them here.</p> : null}
        {error ? (
          <p className="error" data-testid="conflicts-error">
            {error}
          </p>
        ) : null}
        {conflicts === null ? <p className="muted">Loading…</p> : null}
        {conflicts !== null && !list.length ? <p className="muted" data-testid="conflicts-empty">No conflicts are waiting: every disagreement has been settled.</p> : null}
        {list.length ? (
          <div className="conflict-layout">
            <ul ref={listRef} tabIndex={0} className="conflict-list" role="listbox" aria-label="Conflicts" data-testid="conflict-list">
              {list.map((c, i) => (
                <li key={c.itemId} role="option" aria-selected={c === current} className={c === current ? 'selected' : ''} onClick={() => setAt(i)}>
                  {c.platform}/{c.externalId} · {c.standing.status} vs {c.contenders.map((d) => d.action).join(', ')}
                </li>
              ))}
            </ul>
            {current ? (
              <section className="conflict-detail" data-testid="conflict-detail">
                {/* Hostile content: a text node only. */}
                <blockquote className="conflict-text">{current.text}</blockquote>
                <p className="muted">
                  {current.kind} by {current.authorHandle ? `@${current.authorHandle}` : 'an unknown author'} · found {ago(current.foundAt)}
                </p>
                <table className="conflict-sides">
                  <tbody>
                    <tr data-testid="conflict-standing">
                      <th>Stands</th>
                      <td>{current.standing.status}</td>
                      <td>{current.standing.by ?? '—'}</td>
                      <td>{ago(current.standing.at)}</td>
                    </tr>
                    {current.contenders.map((d) => (
                      <tr key={d.eventId} data-testid="conflict-contender">
                        <th>Clashed</th>
                        <td>{d.action}</td>
                        <td>{d.actor}</td>
                        <td>{ago(d.createdAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {current.contenders[0]?.reason ? <p className="muted">{current.contenders[0].reason}</p> : null}
                {supervisor ? (
                  <>
                    <label>
                      Reason (recorded with the resolution)
                      <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="conflict resolved" data-testid="conflict-reason" />
                    </label>
                    <div className="row" role="group" aria-label="Resolve">
                      {choices.map((c, i) => (
                        <button key={c.action} type="button" className="primary" disabled={busy} onClick={() => void pick(c)} data-testid={`resolve-${c.action}`}>
                          <kbd>{i + 1}</kbd> {c.title}
                        </button>
                      ))}
                    </div>
                  </>
                ) : null}
              </section>
            ) : null}
          </div>
        ) : null}
        {bounced.length ? (
          <section aria-label="Bounced cases" data-testid="bounced-cases">
            <h3>Bounced cases ({bounced.length})</h3>
            <ul className="flagged">
              {bounced.map((c) => (
                <li key={c.rootItemId}>
                  <strong>{c.customer ? `@${c.customer.handle}` : 'Unknown customer'}</strong> · {c.owners.join(' → ')} · handed over {c.handovers}×
                  {/* Hostile content: a text node only. */}
                  <div className="muted flagged-text">{c.messages[0]?.text ?? ''}</div>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {flagged.length ? (
          <section aria-label="Flagged work" data-testid="flagged-work">
            <h3>Flagged work ({flagged.length})</h3>
            <ul className="flagged">
              {flagged.map((f) => (
                <li key={f.eventId}>
                  <strong>{f.actor}</strong> {f.action} on {f.platform}/{f.externalId} {ago(f.createdAt)} — {f.reason}
                  {/* Hostile content: a text node only. */}
                  <div className="muted flagged-text">{f.text}</div>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </Dialog>
  );
}
