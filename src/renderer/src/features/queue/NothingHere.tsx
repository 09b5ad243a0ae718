import type { QueueFilter } from '@shared/model';
import { KIND_LABEL, queueLabel, STATUS_LABEL } from '../../components/format';
import { useStore } from '../../store';

export interface FilterInForce {
  key: keyof QueueFilter;
  /** The filter as a moderator reads it: "search “refund”". */
  text: string;
  /** What its button says, and what pressing it sets. */
  action: string;
  patch: Partial<QueueFilter>;
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * Each filter that can hide items, named, with the one step that lifts it. The status counts
 * even by default: only waiting items are shown until another status is picked. The order is
 * not a filter (it hides nothing), so it is left out.
 */
export function filtersInForce(filter: QueueFilter): FilterInForce[] {
  const out: FilterInForce[] = [];
  const clear = (key: keyof QueueFilter, text: string, what: string) =>
    out.push({ key, text, action: `Clear the ${what}`, patch: { [key]: undefined } });
  if (filter.queue !== undefined) clear('queue', `queue “${queueLabel(filter.queue)}”`, 'queue');
  const status = filter.status ?? 'new';
  if (status !== 'all') {
    out.push({
      key: 'status',
      text: `${lower(STATUS_LABEL[status] ?? status)} items only`,
      action: 'Show all statuses',
      patch: { status: 'all' },
    });
  }
  if (filter.search !== undefined) clear('search', `search “${filter.search}”`, 'search');
  if (filter.label !== undefined) clear('label', `label “${filter.label}”`, 'label');
  if (filter.kind !== undefined) clear('kind', `kind “${KIND_LABEL[filter.kind] ?? filter.kind}”`, 'kind');
  if (filter.platform !== undefined) clear('platform', `platform “${filter.platform}”`, 'platform');
  if (filter.target !== undefined) clear('target', `about “${filter.target}”`, '“about” filter');
  if (filter.minRisk !== undefined) clear('minRisk', `score ${Math.round(filter.minRisk * 100)} and above`, 'score floor');
  if (filter.rule !== undefined) clear('rule', `routed by rule “${filter.rule}”`, 'rule');
  return out;
}

/** An empty list says which filters emptied it, and offers to lift each of them or all at once. */
export function NothingHere() {
  const filter = useStore((s) => s.filter);
  const setFilter = useStore((s) => s.setFilter);
  const inForce = filtersInForce(filter);
  if (!inForce.length) {
    return (
      <p className="nothing" data-testid="nothing">
        Nothing here.
      </p>
    );
  }
  return (
    <div className="nothing" data-testid="nothing">
      <p data-testid="nothing-filters">Nothing here with these filters: {inForce.map((f) => f.text).join(', ')}.</p>
      <ul className="nothing-clear">
        {inForce.map((f) => (
          <li key={f.key}>
            <button type="button" className="ghost" onClick={() => setFilter(f.patch)} data-testid={`nothing-clear-${f.key}`}>
              {f.action}
            </button>
          </li>
        ))}
        {inForce.length > 1 ? (
          <li>
            <button
              type="button"
              className="ghost"
              onClick={() => setFilter({ status: 'all', sort: filter.sort }, true)}
              data-testid="nothing-clear-all"
            >
              Clear all filters
            </button>
          </li>
        ) : null}
      </ul>
    </div>
  );
}
