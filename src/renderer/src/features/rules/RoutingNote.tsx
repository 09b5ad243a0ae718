import type { ItemRouting } from '@shared/rules';

/** "Routed by rule NAME: why", and what the rule set beyond the queue. Rendered as text. */
export function RoutingNote({ routing }: { routing: ItemRouting | null }) {
  if (!routing) return null;
  const extras: string[] = [];
  if (routing.team) extras.push(`team ${routing.team}`);
  if (routing.assignee) extras.push(`for ${routing.assignee}`);
  if (routing.sla) extras.push(`SLA ${routing.sla}`);
  if (routing.boost !== 1) extras.push(`priority ×${routing.boost}`);
  if (routing.labels.length) extras.push(`labels ${routing.labels.join(', ')}`);
  return (
    <p className="routing-note" data-testid="routing-note">
      Routed by rule <strong>{routing.ruleName}</strong>: {routing.why}
      {extras.length ? <span className="muted"> ({extras.join('; ')})</span> : null}
    </p>
  );
}
