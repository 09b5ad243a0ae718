import type { ReplyDelivery } from '@shared/model';
import { when } from '../../components/format';

/** What became of a reply in the outbound queue, as the connector said (its reason is its own words: text only). */
export function deliveryText(d: ReplyDelivery): string {
  if (d.state === 'sent') return `sent${d.by ? ` by ${d.by}` : ''}${d.at ? ` at ${when(d.at)}` : ''}`;
  if (d.state === 'failed') return `failed: ${d.reason ?? 'no reason given'}`;
  if (d.state === 'outbox') return 'waiting to reach the server';
  if (d.state === 'local') return 'recorded here only: not connected to a team server, no connector will post it';
  return 'queued';
}

export function DeliveryNote({ delivery }: { delivery: ReplyDelivery | undefined }) {
  if (!delivery) return null;
  return (
    <span className={`delivery delivery-${delivery.state}`} data-testid="reply-delivery" data-state={delivery.state}>
      {deliveryText(delivery)}
    </span>
  );
}

/** Replies connectors could not post, across the team: a supervisor looks into them. */
export function FailedReplyCount({ count }: { count: number }) {
  if (!count) return null;
  return (
    <span
      className="failed-replies"
      data-testid="failed-replies"
      title="Replies a connector said it could not post; each item's history says why."
    >
      {count.toLocaleString()} {count === 1 ? 'reply' : 'replies'} failed to send
    </span>
  );
}
