import { useEffect, useRef, useState } from 'react';
import { DECISION_STATUS, type ConflictView, type DecisionAction, type EventView } from '@shared/model';
import { Dialog } from '../../components/Dialog';
import { ago, textStart, when } from '../../components/format';
import { Kbd } from '../../components/Kbd';
import { useStore } from '../../store';
import { EventAuthor } from '../detail/EventAuthor';

/** The decision that leaves an item in this status (what "keep it" means). */
const ACTION_OF_STATUS = new Map<string, DecisionAction>(Object.entries(DECISION_STATUS).map(([a, s]) => [s, a as DecisionAction]));

/** As the core checks it: a reason says why, it is not a placeholder. */
const REASON_MIN = 3;

interface Choice {
  action: DecisionAction;
  title: string;
}

/** Keep what stands, or side with one of the decisions that clashed with it. */
export function choicesOf(c: ConflictView): Choice[] {
  const out: Choice[] = [];
  const standing = ACTION_OF_STATUS.get(c.standing.status);
  const by = c.standing.decision?.author.name ?? c.standing.by;
  if (standing) out.push({ action: standing, title: `Keep ${standing}${by ? ` (${by})` : ''}` });
  for (const d of c.contenders) {
    if (out.some((o) => o.action === d.action)) continue;
    out.push({ action: d.action as DecisionAction, title: `Take ${d.action} (${d.author.name})` });
  }
  return out;
}

/** The item as a person knows it: its author and how its text begins (whitespace folded, cut at a word). */
export function itemName(c: Pick<ConflictView, 'authorHandle' | 'text'>, max = 60): string {
  const start = textStart(c.text, max);
  return `${c.authorHandle ? `@${c.authorHandle}` : 'Unknown author'}: “${start || 'no text'}”`;
}

/** Each side in a few words, for the list: "approved (ana) vs spam (bo)". */
function sidesLine(c: ConflictView): string {
  const by = c.standing.decision?.author.name ?? c.standing.by;
  return `${c.standing.status}${by ? ` (${by})` : ''} vs ${c.contenders.map((d) => `${d.action} (${d.author.name})`).join(', ')}`;
}

const pct = (n: number) => `${Math.round(n * 100)}%`;

/** Detection's scores in words, those a detector gave only. */
function scoresLine(s: NonNullable<ConflictView['scores']>): string {
  const parts = [`risk ${pct(s.risk)}`];
  if (s.spam !== null) parts.push(`spam ${pct(s.spam)}`);
  if (s.review !== null) parts.push(`fake review ${pct(s.review)}`);
  if (s.author !== null) parts.push(`fake account ${pct(s.author)}`);
  return parts.join(' · ');
}

const ACCEPTED: EventView['server'] = { status: 'accepted', reason: null, resolvedBy: null };
const IN_CONFLICT: EventView['server'] = { status: 'conflict', reason: null, resolvedBy: null };

/** What the dialog holds, named honestly: the conflicts, and supervisors' other reviews where there are some. */
function titleOf(conflicts: number, flagged: number, bounced: number): string {
  const parts = [`Conflicts (${conflicts})`];
  if (flagged) parts.push(`flagged work (${flagged})`);
  if (bounced) parts.push(`bounced cases (${bounced})`);
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]!}`;
}

/** A time as "5 min ago", the exact moment on hover and for assistive technology. */
function At({ ms }: { ms: number | null }) {
  if (ms === null) return <>—</>;
  return (
    <time dateTime={new Date(ms).toISOString()} title={when(ms)}>
      {ago(ms)}
    </time>
  );
}

/**
 * The supervisor's queue of conflicts: two people decided one item differently on the same
 * version. Each shows the item (its author, text and detection scores), what stands and what
 * clashed, each with who decided, what and when; the call is recorded as a new decision, with
 * the supervisor's reason, that settles it on every workstation. Keys: j/k move, 1–9 pick a
 * side (the reason is asked for first, then Enter records); Esc in the reason goes back to the
 * list keeping the text, and a reason typed stays with its conflict until it is recorded.
 */
export function ConflictsDialog() {
  const conflicts = useStore((s) => s.conflicts);
  const flagged = useStore((s) => s.flagged);
  const bounced = useStore((s) => s.bounced);
  const error = useStore((s) => s.conflictsError);
  const drafts = useStore((s) => s.conflictReasons);
  const setDraft = useStore((s) => s.setConflictReason);
  const load = useStore((s) => s.loadConflicts);
  const resolve = useStore((s) => s.resolveConflict);
  const role = useStore((s) => s.sync?.role ?? null);
  const toast = useStore((s) => s.toast);
  const [at, setAt] = useState(0);
  // What the dialog asks or says about one conflict; moving to another leaves it behind.
  const [said, setSaid] = useState<{ itemId: number; pending: Choice | null; problem: string | null; note: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);

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
  const reason = current ? (drafts[current.itemId] ?? '') : '';

  const here = said && current && said.itemId === current.itemId ? said : null;
  const pending = here?.pending ?? null;
  const problem = here?.problem ?? null;
  const note = here?.note ?? null;
  const say = (next: { pending: Choice | null; problem: string | null; note: string | null }) => {
    if (current) setSaid({ itemId: current.itemId, ...next });
  };

  async function pick(choice: Choice): Promise<void> {
    if (!current || busy) return;
    if (reason.trim().length < REASON_MIN) {
      say({
        pending: choice,
        note: null,
        problem: reason.trim()
          ? `A reason of ${REASON_MIN} characters or more, please: say why you ${choice.title.toLowerCase()}, then press Enter.`
          : `Say why you ${choice.title.toLowerCase()}: the reason is recorded with the resolution for everyone it overrules. Type it, then press Enter.`,
      });
      reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    const ok = await resolve(current.itemId, choice.action, reason);
    setBusy(false);
    if (ok) {
      setSaid(null);
      toast('success', `Conflict settled: ${choice.action}. Every workstation gets it with the next sync.`);
      listRef.current?.focus();
    }
  }

  // The keys work wherever the focus is in the dialog, except while typing the reason.
  function onKeyDown(e: React.KeyboardEvent): void {
    const tag = (e.target as HTMLElement).tagName;
    if (tag === 'TEXTAREA' || tag === 'INPUT') return;
    if (e.key === 'j' || e.key === 'ArrowDown') setAt((i) => Math.min(i + 1, list.length - 1));
    else if (e.key === 'k' || e.key === 'ArrowUp') setAt((i) => Math.max(i - 1, 0));
    else if (/^[1-9]$/.test(e.key) && supervisor && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const c = choices[Number(e.key) - 1];
      if (c) void pick(c);
    } else return;
    e.preventDefault();
    e.stopPropagation();
  }

  function onReasonKeyDown(e: React.KeyboardEvent<HTMLTextAreaElement>): void {
    if (e.key === 'Escape') {
      // Esc leaves the field, never the dialog: the reason stays, and a second Esc closes.
      e.preventDefault();
      e.stopPropagation();
      say({
        pending: null,
        problem: null,
        note: reason.trim()
          ? 'Your reason is kept with this conflict, here and when you come back to it. Esc again closes the dialog.'
          : null,
      });
      listRef.current?.focus();
    } else if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      if (pending) void pick(pending);
      else {
        const keys = choices.map((c, i) => `${i + 1} to ${c.title.toLowerCase()}`).join(', ');
        say({ pending: null, note: null, problem: `Now choose a side: Esc goes back to the list, then ${keys}.` });
      }
    }
  }

  const activeId = current ? `conflict-${current.itemId}` : undefined;
  const decided = current?.standing.decision ?? null;
  return (
    <Dialog title={titleOf(list.length, flagged.length, bounced.length)} wide testId="conflicts-dialog">
      <div className="conflicts" onKeyDown={onKeyDown} role="presentation">
        {!supervisor ? <p className="muted">Only a supervisor resolves conflicts; you can see them here.</p> : null}
        {error ? (
          <p className="error" role="alert" data-testid="conflicts-error">
            {error}
          </p>
        ) : null}
        {conflicts === null ? <p className="muted">Loading…</p> : null}
        {conflicts !== null && !list.length ? (
          <p className="muted" data-testid="conflicts-empty">
            No conflicts are waiting: every disagreement has been settled.
          </p>
        ) : null}
        {list.length ? (
          <div className="conflict-layout">
            <ul
              ref={listRef}
              tabIndex={0}
              className="conflict-list"
              role="listbox"
              aria-label="Conflicts"
              aria-activedescendant={activeId}
              data-testid="conflict-list"
            >
              {list.map((c, i) => (
                <li
                  key={c.itemId}
                  id={`conflict-${c.itemId}`}
                  role="option"
                  aria-selected={c === current}
                  className={c === current ? 'selected' : ''}
                  onClick={() => setAt(i)}
                  data-testid="conflict-item"
                >
                  {/* Hostile content: text nodes only. */}
                  <span className="conflict-name">{itemName(c)}</span>
                  <span className="muted conflict-line">{sidesLine(c)}</span>
                </li>
              ))}
            </ul>
            {current ? (
              <section className="conflict-detail" aria-labelledby="conflict-heading" data-testid="conflict-detail">
                <h3 id="conflict-heading" className="conflict-heading" data-testid="conflict-heading">
                  {current.kind} by {current.authorHandle ? `@${current.authorHandle}` : 'an unknown author'}
                </h3>
                {/* Hostile content: a text node only. */}
                <blockquote className="conflict-text">{current.text}</blockquote>
                <p className="muted" data-testid="conflict-scores">
                  {current.scores ? `Detection: ${scoresLine(current.scores)}` : 'Not scored by detection.'}
                </p>
                <p className="muted">
                  Item {current.externalId} on {current.platform} · conflict found <At ms={current.foundAt} />
                </p>
                <table className="conflict-sides" aria-label="Who decided what, and when">
                  <thead>
                    <tr>
                      <th scope="col">Side</th>
                      <th scope="col">Decision</th>
                      <th scope="col">By</th>
                      <th scope="col">When</th>
                      <th scope="col">Their reason</th>
                    </tr>
                  </thead>
                  <tbody>
                    <tr data-testid="conflict-standing">
                      <th scope="row">Stands</th>
                      <td>{decided ? `${decided.action} (${current.standing.status})` : current.standing.status}</td>
                      <td>
                        {decided ? (
                          <EventAuthor event={{ author: decided.author, ...(decided.synced ? { server: ACCEPTED } : {}) }} />
                        ) : (
                          (current.standing.by ?? '—')
                        )}
                      </td>
                      <td>
                        <At ms={decided?.createdAt ?? current.standing.at} />
                      </td>
                      <td>{decided?.said ?? '—'}</td>
                    </tr>
                    {current.contenders.map((d) => (
                      <tr key={d.eventId} data-testid="conflict-contender">
                        <th scope="row">Clashed</th>
                        <td>{d.action}</td>
                        <td>
                          <EventAuthor event={{ author: d.author, server: IN_CONFLICT }} />
                        </td>
                        <td>
                          <At ms={d.createdAt} />
                        </td>
                        <td>{d.said ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {current.contenders[0]?.reason ? <p className="muted">The server: {current.contenders[0].reason}</p> : null}
                {supervisor ? (
                  <>
                    <label className="conflict-reason">
                      Why you settle it this way (required; recorded with the resolution)
                      <textarea
                        ref={reasonRef}
                        rows={2}
                        value={reason}
                        onChange={(e) => {
                          setDraft(current.itemId, e.target.value);
                          if (problem && e.target.value.trim().length >= REASON_MIN) say({ pending, note, problem: null });
                        }}
                        onKeyDown={onReasonKeyDown}
                        aria-required="true"
                        aria-invalid={problem ? true : undefined}
                        aria-describedby={problem ? 'conflict-reason-problem' : undefined}
                        data-testid="conflict-reason"
                      />
                    </label>
                    {problem ? (
                      <p id="conflict-reason-problem" className="error" role="alert" data-testid="conflict-reason-problem">
                        {problem}
                      </p>
                    ) : null}
                    {note ? (
                      <p className="muted" role="status" data-testid="conflict-reason-kept">
                        {note}
                      </p>
                    ) : null}
                    <div className="row" role="group" aria-label="Settle the conflict">
                      {choices.map((c, i) => (
                        <button
                          key={c.action}
                          type="button"
                          className={pending?.action === c.action ? 'primary pending' : 'primary'}
                          disabled={busy}
                          aria-keyshortcuts={String(i + 1)}
                          onClick={() => void pick(c)}
                          data-testid={`resolve-${c.action}`}
                        >
                          <Kbd combo={String(i + 1)} /> {c.title}
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
                  <strong>{c.customer ? `@${c.customer.handle}` : 'Unknown customer'}</strong> · {c.owners.join(' → ')} · handed over{' '}
                  {c.handovers}×{/* Hostile content: a text node only. */}
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
