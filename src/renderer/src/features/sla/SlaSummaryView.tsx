import { useEffect, useState } from 'react';
import type { SlaSummary } from '@shared/hours';
import { call } from '../../api/client';
import { QUEUE_LABEL } from '../../components/format';
import { useStore } from '../../store';
import { useSlaEpoch } from './slaEpoch';

/** Breaches, visible and counted: overdue items per queue, fetched with the queue counts. */
export function SlaSummaryView() {
  const counts = useStore((s) => s.counts);
  const epoch = useSlaEpoch((s) => s.epoch);
  const [summary, setSummary] = useState<SlaSummary | null>(null);
  useEffect(() => {
    let live = true;
    void call('sla.summary', {}).then((r) => live && r.ok && setSummary(r.value));
    return () => {
      live = false;
    };
  }, [counts, epoch]);
  if (!summary || summary.open === 0) return null;
  return (
    <section className="sla-summary" data-testid="sla-summary" aria-label="Service level">
      <h2>On time</h2>
      <p>
        <span className={summary.breached ? 'badge danger' : 'badge'} data-testid="sla-breached">
          {summary.breached.toLocaleString()} overdue
        </span>{' '}
        <span className="muted">
          of {summary.open.toLocaleString()} open · {summary.dueSoon.toLocaleString()} due within the hour
        </span>
      </p>
      <ul className="muted">
        {summary.queues
          .filter((q) => q.breached > 0)
          .map((q) => (
            <li key={q.queue}>
              {QUEUE_LABEL[q.queue] ?? q.queue}: {q.breached.toLocaleString()} overdue
            </li>
          ))}
        {summary.lateFirstResponses ? <li>{summary.lateFirstResponses.toLocaleString()} first responses given late</li> : null}
      </ul>
    </section>
  );
}
