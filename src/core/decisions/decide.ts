import type { Database } from 'better-sqlite3';
import type { ArgsOut } from '../../shared/contract';
import { VigilFailure } from '../../shared/errors';
import type { DecisionOutcome } from '../../shared/model';
import { CLAIM_LEASE_MS } from '../../shared/sync';
import { eventById, type Actor } from './log';
import { recordEvents } from './project';

/** `extra`: more payload per item (a reply's case reference and override, from triage/answer/check.ts). */
export function applyDecision(
  db: Database,
  who: Actor,
  a: ArgsOut<'decision.apply'>,
  extra?: ReadonlyMap<number, Record<string, unknown>>,
): DecisionOutcome[] {
  const base = a.templateId ? { templateId: a.templateId } : null;
  return recordEvents(
    db,
    who,
    unique(a.itemIds).map((itemId) => {
      const more = extra?.get(itemId);
      return { itemId, action: a.action, reason: a.reason ?? null, note: a.note ?? null, payload: more ? { ...base, ...more } : base };
    }),
  );
}

/** Undo is a new event naming the one it cancels; the cancelled event stays in the log. */
export function undoEvents(db: Database, who: Actor, eventIds: readonly string[]): DecisionOutcome[] {
  // Who may undo what is the team's rule (checked in recordEvents with the rest); these say it in a moderator's words first.
  const targets = unique(eventIds).map((id) => {
    const e = eventById(db, id);
    if (!e) throw new VigilFailure('not_found', `There is no event ${id} to undo.`, { eventId: id });
    if (e.action === 'undo')
      throw new VigilFailure('undo_refused', 'An undo cannot itself be undone; decide again instead.', { eventId: id });
    if (e.undoneBy) throw new VigilFailure('undo_refused', 'That decision was already undone.', { eventId: id, undoneBy: e.undoneBy });
    return { itemId: e.itemId, action: 'undo' as const, undoOf: id };
  });
  return recordEvents(db, who, targets);
}

export function labelItems(db: Database, who: Actor, a: ArgsOut<'item.label'>): DecisionOutcome[] {
  const remove = a.remove.filter((l) => !a.add.includes(l));
  return recordEvents(
    db,
    who,
    unique(a.itemIds).map((itemId) => ({ itemId, action: 'label', labels: unique(a.add), payload: remove.length ? { remove } : null })),
  );
}

export function noteItem(db: Database, who: Actor, a: ArgsOut<'item.note'>): DecisionOutcome[] {
  return recordEvents(db, who, [{ itemId: a.itemId, action: 'note', note: a.text }]);
}

export function claimItems(db: Database, who: Actor, a: ArgsOut<'item.claim'>): DecisionOutcome[] {
  return recordEvents(
    db,
    who,
    // A claim asks the server for a lease of this length; the workstation renews it while the item stays open.
    unique(a.itemIds).map((itemId) =>
      a.claim ? { itemId, action: 'claim', payload: { until: who.now() + CLAIM_LEASE_MS } } : { itemId, action: 'release' },
    ),
  );
}

/** A moderator's correction of type and/or sentiment: one `classify` event per item (the fold puts it on the row). */
export function classifyItems(db: Database, who: Actor, a: ArgsOut<'item.classify'>): DecisionOutcome[] {
  const payload = { ...(a.type ? { type: a.type } : {}), ...(a.sentiment ? { sentiment: a.sentiment } : {}) };
  return recordEvents(
    db,
    who,
    unique(a.itemIds).map((itemId) => ({ itemId, action: 'classify', payload })),
  );
}

export function handOver(db: Database, who: Actor, a: ArgsOut<'item.handover'>): DecisionOutcome[] {
  if (a.to === who.actor) throw new VigilFailure('action_refused', 'Hand over to someone else: you already hold it.');
  return recordEvents(
    db,
    who,
    unique(a.itemIds).map((itemId) => ({
      itemId,
      action: 'handover',
      reason: a.reason,
      payload: { to: a.to, until: who.now() + CLAIM_LEASE_MS },
    })),
  );
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}
