import { ITEM_KINDS, ITEM_STATUSES, type QueueFilter } from '@shared/model';
import { KIND_LABEL, queueLabel, STATUS_LABEL } from '../../components/format';
import { useStore } from '../../store';
import { SlaSummaryView } from '../sla/SlaSummaryView';

export function Sidebar() {
  const counts = useStore((s) => s.counts);
  const facets = useStore((s) => s.facets);
  const filter = useStore((s) => s.filter);
  const setFilter = useStore((s) => s.setFilter);
  const open = useStore((s) => s.open);

  const pick = <K extends keyof QueueFilter>(key: K, value: string) =>
    setFilter({ [key]: value === '' ? undefined : value } as Partial<QueueFilter>);

  return (
    <nav className="sidebar" aria-label="Queues and filters">
      <h2>Queues</h2>
      <ul className="queues" data-testid="queues">
        <li>
          <button type="button" className={filter.queue === undefined ? 'active' : ''} onClick={() => setFilter({ queue: undefined })}>
            <span>All queues</span>
            <span className="count">{counts ? counts.open.toLocaleString() : '…'}</span>
          </button>
        </li>
        {counts?.queues.map((q) => (
          <li key={q.queue}>
            <button
              type="button"
              className={filter.queue === q.queue ? 'active' : ''}
              onClick={() => setFilter({ queue: q.queue })}
              data-testid={`queue-${q.queue}`}
            >
              <span>{queueLabel(q.queue)}</span>
              <span className="count" title={`${q.open} waiting of ${q.total}`}>
                {q.open.toLocaleString()}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <SlaSummaryView />

      <h2>Filters</h2>
      <label>
        Status
        <select
          value={filter.status ?? 'new'}
          onChange={(e) => pick('status', e.target.value === 'new' ? '' : e.target.value)}
          data-testid="filter-status"
        >
          {[...ITEM_STATUSES, 'all' as const].map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Kind
        <select value={filter.kind ?? ''} onChange={(e) => pick('kind', e.target.value)} data-testid="filter-kind">
          <option value="">Any kind</option>
          {ITEM_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Platform
        <select value={filter.platform ?? ''} onChange={(e) => pick('platform', e.target.value)} data-testid="filter-platform">
          <option value="">Any platform</option>
          {facets?.platforms.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label>
        Label
        <select value={filter.label ?? ''} onChange={(e) => pick('label', e.target.value)} data-testid="filter-label">
          <option value="">Any label</option>
          {facets?.labels.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <label>
        About
        <select value={filter.target ?? ''} onChange={(e) => pick('target', e.target.value)} data-testid="filter-target">
          <option value="">Anything</option>
          {facets?.targets.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label>
        Score
        <select
          value={filter.minRisk ?? ''}
          onChange={(e) => setFilter({ minRisk: e.target.value === '' ? undefined : Number(e.target.value) })}
          data-testid="filter-score"
        >
          <option value="">Any score</option>
          {[0.5, 0.7, 0.9].map((v) => (
            <option key={v} value={v}>
              {Math.round(v * 100)} and above
            </option>
          ))}
        </select>
      </label>
      <label>
        Order
        <select
          value={filter.sort ?? 'priority'}
          onChange={(e) => setFilter({ sort: e.target.value === 'risk' || e.target.value === 'due' ? e.target.value : undefined })}
          data-testid="filter-sort"
        >
          <option value="priority">Priority</option>
          <option value="risk">Detection score</option>
          <option value="due">Due first (SLA)</option>
        </select>
      </label>
      <button type="button" className="ghost" onClick={() => open({ kind: 'thresholds' })} data-testid="open-thresholds">
        Detection thresholds…
      </button>
      <button type="button" className="ghost" onClick={() => open({ kind: 'hours' })} data-testid="open-hours">
        Business hours and SLA…
      </button>
      <button type="button" className="ghost" onClick={() => open({ kind: 'models' })} data-testid="open-models">
        Team models…
      </button>
      <button type="button" className="ghost" onClick={() => open({ kind: 'rules' })} data-testid="open-rules">
        Routing rules…
      </button>
      {Object.keys(filter).length ? (
        <button type="button" className="ghost" onClick={() => setFilter({}, true)}>
          Clear filters
        </button>
      ) : null}
    </nav>
  );
}
