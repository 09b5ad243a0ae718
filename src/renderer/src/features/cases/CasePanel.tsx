import { useEffect } from 'react';
import { ago, when } from '../../components/format';
import { useStore } from '../../store';
import { DeliveryNote } from '../sync/DeliveryNote';

const ACTION_LABEL: Record<string, string> = {
  message: 'wrote',
  'case-take': 'took the case',
  'case-handover': 'handed the case over',
  'case-resolve': 'resolved the case',
  'case-reopen': 'reopened the case',
  link: 'linked a message',
  unlink: 'took a message out',
};

/** The case the item belongs to: one customer, one matter, one owner, everything done on it. */
export function CasePanel({ itemId }: { itemId: number }) {
  const c = useStore((s) => (s.caseOf === itemId ? s.currentCase : null));
  const load = useStore((s) => s.loadCase);
  const detail = useStore((s) => s.details.get(itemId));
  // Reloaded with the item's details, which every decision and case action refreshes.
  useEffect(() => {
    void load(itemId);
  }, [itemId, load, detail]);
  if (!c) return null;
  const targets = [...new Set(c.messages.map((m) => m.target).filter(Boolean))];
  return (
    <section className="card case" aria-label="Case" data-testid="case-panel" data-status={c.status} data-bounced={c.bounced}>
      <h3>
        Case · {c.messages.length} {c.messages.length === 1 ? 'message' : 'messages'}
        {targets.length > 1 ? ` to ${targets.join(', ')}` : ''}
      </h3>
      <p>
        {c.customer ? `@${c.customer.handle}` : 'Unknown customer'} · opened {ago(c.openedAt)} ·{' '}
        <span data-testid="case-owner">
          {c.owner
            ? c.ownerRouted
              ? `waiting with ${c.owner}, by routing rule (o takes it)`
              : `owned by ${c.owner}`
            : 'nobody owns it yet (o takes it)'}
        </span>{' '}
        · <span data-testid="case-status">{c.status === 'resolved' ? `resolved: ${c.outcome ?? ''}` : 'open'}</span>
        {c.handovers ? ` · handed over ${c.handovers}×` : ''}
        {c.bounced ? (
          <strong className="bounced" data-testid="case-bounced">
            {' '}
            · bounced ({c.owners.join(' → ')})
          </strong>
        ) : null}
      </p>
      <ol className="case-timeline">
        {c.timeline.slice(-12).map((t, i) => (
          <li key={`${t.at}-${i}`} title={when(t.at)}>
            <span className="author">{t.actor}</span> {ACTION_LABEL[t.action] ?? t.action}
            {t.detail ? <span className="muted"> — {t.detail}</span> : null} <span className="muted">{ago(t.at)}</span>{' '}
            <DeliveryNote delivery={t.delivery} />
          </li>
        ))}
      </ol>
    </section>
  );
}
