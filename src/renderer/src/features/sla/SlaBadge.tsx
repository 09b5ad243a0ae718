import { useSlaClock } from './slaEpoch';
import { duration, urgencyOf } from './timeLeft';

/** Time to breach in a queue row (wall-clock time to the next due; overdue in red). */
export function SlaBadge({ due }: { due: number | null }) {
  const now = useSlaClock((s) => s.now);
  if (due === null) return null;
  const u = urgencyOf(due, now);
  const at = new Date(due).toLocaleString();
  return (
    <span
      className={u === 'overdue' ? 'badge danger sla' : u === 'soon' ? 'badge warn sla' : 'badge sla'}
      title={`${u === 'overdue' ? 'Overdue since' : 'Due'} ${at}`}
      data-testid="sla-badge"
      data-urgency={u}
    >
      {u === 'overdue' ? `overdue ${duration(now - due)}` : duration(due - now)}
    </span>
  );
}
