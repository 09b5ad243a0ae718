import { useEffect, useState } from 'react';
import { describeDoc, type ConfigDocInfo } from '@shared/config-sync';
import { call } from '../../api/client';

const when = (t: number) => new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Who last changed a shared configuration document, and when, as the team's server has it
 * (`docs`: exact keys, or `kind:` for all of a kind: the newest is shown). Nothing on a
 * workstation that has never shared it. `refresh`: reread when it changes (after a save).
 */
export function LastChanged({ docs, refresh }: { docs: string[]; refresh?: unknown }) {
  const [info, setInfo] = useState<ConfigDocInfo | null>(null);
  const key = docs.join('\n');
  useEffect(() => {
    let live = true;
    void call('config.docs', { docs: key.split('\n') }).then((r) => {
      if (live && r.ok)
        setInfo(r.value.docs.reduce<ConfigDocInfo | null>((newest, d) => (!newest || d.changedAt > newest.changedAt ? d : newest), null));
    });
    return () => {
      live = false;
    };
  }, [key, refresh]);
  if (!info) return null;
  const single = docs.length === 1 && !docs[0]!.endsWith(':');
  return (
    <p className="muted" data-testid="config-last-changed">
      {single ? 'Shared with the team; last' : `Last shared change: ${describeDoc(info.doc)},`} changed by <strong>{info.changedBy}</strong>{' '}
      on {when(info.changedAt)}
      {info.revision ? ` (revision ${info.revision})` : ''}
      {info.pending ? ' — waiting to reach the server' : ''}.
    </p>
  );
}
