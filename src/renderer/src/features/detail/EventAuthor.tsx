import type { EventView } from '@shared/model';
import { useStore } from '../../store';

/** Why no server has confirmed who made an event, in a sentence: the tooltip and the screen reader's description. */
export function unverifiedWhy(e: Pick<EventView, 'server'>, connected: boolean): string {
  if (e.server)
    return 'The server took this event before it recorded who pushed each one: the name is the one this workstation wrote, which no server has confirmed.';
  if (connected)
    return 'Made on this workstation and waiting in its outbox to reach the team’s server: until the server takes it, no server has confirmed who made it.';
  return 'Made on this workstation while it was not signed in to the team’s server (before a first sign-in): no server has confirmed who made it.';
}

/**
 * Who made an event, as honestly as the record allows: the server's author of record once it
 * has one; before that, the name this workstation wrote, said to be unconfirmed. A different
 * name written in the event is shown beside it. Names are hostile text: text nodes only.
 */
export function EventAuthor({ event }: { event: Pick<EventView, 'author' | 'server'> }) {
  const connected = useStore((s) => s.sync?.connected ?? false);
  const { name, verified, wrote } = event.author;
  const waiting = !verified && connected && !event.server;
  const why = verified ? null : unverifiedWhy(event, connected);
  return (
    <>
      <span className="author" data-testid="event-author" data-verified={verified}>
        {name}
      </span>
      {wrote ? (
        <span className="muted author-wrote" data-testid="author-wrote">
          {' '}
          (made as “{wrote}”)
        </span>
      ) : null}
      {why ? (
        <>
          {' '}
          <span className="muted unverified" title={why} aria-description={why} data-testid="author-unverified">
            {waiting ? 'not verified by a server: waiting to reach the server' : 'not verified by a server'}
          </span>
        </>
      ) : null}
    </>
  );
}
