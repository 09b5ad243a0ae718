import { useEffect, useState } from 'react';
import type { ItemSla } from '@shared/hours';
import { call } from '../../api/client';
import { useSlaEpoch } from './slaEpoch';
import { duration } from './timeLeft';

const TARGET = { 'first-response': 'First response', resolution: 'Resolution' } as const;

/** The item's time to breach in business time, its policy, and when its team is back. */
export function SlaPanel({ itemId, version }: { itemId: number; version: number }) {
  const epoch = useSlaEpoch((s) => s.epoch);
  const [sla, setSla] = useState<ItemSla | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void call('sla.item', { itemId }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setSla(r.value);
        setError(null);
      } else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [itemId, version, epoch]);

  if (error) return <p className="error">{error}</p>;
  if (!sla || sla.itemId !== itemId || !sla.policy) return null;
  const left = sla.businessLeftMs;
  return (
    <section className="sla-panel" data-testid="sla-panel" aria-label="Service level">
      <h3>On time</h3>
      {sla.next && left !== null ? (
        <p className={sla.breached ? 'sla-left overdue' : 'sla-left'} data-testid="sla-left" data-breached={sla.breached}>
          {TARGET[sla.next]} {sla.breached ? `overdue by ${duration(-left)}` : `due in ${duration(left)}`} of business time
          <span className="muted"> (at {new Date(sla.due!).toLocaleString()})</span>
        </p>
      ) : sla.next ? (
        <p className="muted" data-testid="sla-left">
          No due: the team has no open hours.
        </p>
      ) : (
        <p className="muted" data-testid="sla-left">
          {sla.firstResponseAt ? `Answered ${new Date(sla.firstResponseAt).toLocaleString()}.` : 'Settled.'}
        </p>
      )}
      {sla.backAtText ? (
        <p className="sla-back" data-testid="sla-back-at">
          {backAtWords(sla, sla.backAtText)}
        </p>
      ) : null}
      <p className="muted">
        {sla.policy.name}: first response {duration(sla.policy.firstResponseMinutes * 60_000)}, resolution{' '}
        {duration(sla.policy.resolutionMinutes * 60_000)} of business time
        {sla.team ? ` · ${sla.team.name}, ${sla.hoursText} (${sla.team.timeZone})` : ''}
      </p>
    </section>
  );
}

/**
 * When the team is back, said only while it is news: "arrived out of hours" holds until the
 * team first opens after the item; an item overdue since says that instead.
 */
export function backAtWords(sla: ItemSla, backAtText: string): string {
  const away = sla.openNow ? '' : ` The team is away; back ${backAtText}.`;
  if (sla.awaitingOpening) return `Arrived out of hours.${away}`;
  if (sla.breached && sla.due !== null) {
    return `Waiting ${duration(sla.now - sla.arrivedAt)} since it arrived (${new Date(sla.arrivedAt).toLocaleString()}), overdue since ${new Date(sla.due).toLocaleString()}.${away}`;
  }
  if (!sla.openNow) return away.trim();
  return `Arrived out of hours; the team was back ${backAtText}.`;
}

/** What the reply editor fills {backAt} and {hours} with for an item (null until known). */
export function useSlaWords(itemId: number | undefined): { backAt: string | null; hours: string | null } {
  const [words, setWords] = useState<{ backAt: string | null; hours: string | null }>({ backAt: null, hours: null });
  useEffect(() => {
    if (itemId === undefined) return;
    let live = true;
    void call('sla.item', { itemId }).then((r) => {
      if (live && r.ok) setWords({ backAt: r.value.backAtText, hours: r.value.hoursText });
    });
    return () => {
      live = false;
    };
  }, [itemId]);
  return words;
}
