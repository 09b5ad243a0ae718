import { textStart } from '../../components/format';
import type { Result } from '@shared/errors';
import { CORRECTABLE_TYPES, DECISION_STATUS, SENTIMENTS, type DecisionAction, type DecisionOutcome } from '@shared/model';
import { classifyText, decisionText, DECISION_PAST, itemCount, labelText } from '@shared/decision-text';
import { call } from '../../api/client';
import { afterPaint } from '../../store/afterPaint';
import type { Slice } from '../../store/types';
import { rowMatches, type RemovedRow } from '../queue/queueSlice';

export interface UndoEntry {
  eventIds: string[];
  itemIds: number[];
  removed: RemovedRow[];
  /** The list the rows were taken from; undo puts them back only into that same list. */
  filterKey: string;
  text: string;
}

export interface DecideOptions {
  bulk?: boolean;
  note?: string;
  reason?: string;
  templateId?: string;
  /** A reply the personalisation check stopped, sent anyway: the reason is recorded. */
  override?: { reason: string };
}

export interface DecisionSlice {
  /** Writes sent and not yet acknowledged as durable. */
  saving: number;
  lastSavedAt: number | null;
  undoStack: UndoEntry[];
  writesSettled(): Promise<void>;
  decide(action: DecisionAction, opts?: DecideOptions): void;
  undo(): void;
  label(add: string[], remove: string[], bulk: boolean): void;
  note(text: string): void;
  claim(bulk: boolean): void;
  handover(to: string, reason: string, bulk: boolean): void;
  /** Moves the current item's type or sentiment on to the next value: a moderator's correction. */
  cycleClassification(field: 'type' | 'sentiment'): void;
}

/** The next value in a cycle; a value outside it (spam, fake) starts the cycle. */
function nextOf<T extends string>(cycle: readonly T[], current: string | undefined): T {
  const i = cycle.indexOf(current as T);
  return cycle[(i + 1) % cycle.length]!;
}

const UNDO_DEPTH = 50;

/** How a message names the item decided: its author and the start of its text (as text; shown by React, never as HTML). */
function named(row: { authorHandle: string | null; text: string } | null | undefined): string {
  if (!row) return '';
  const start = textStart(row.text);
  return `${row.authorHandle ? `@${row.authorHandle.replace(/^@/, '')}: ` : ''}“${start}”`;
}

/** Writes go to core one after another, in the order they were made. */
let chain: Promise<unknown> = Promise.resolve();

export const createDecisionSlice: Slice<DecisionSlice> = (set, get) => {
  function targets(bulk: boolean): number[] | null {
    if (bulk) {
      const ids = [...get().selection];
      if (!ids.length) {
        get().toast('info', 'Nothing is selected: press x on items to select them, then Shift with the action.');
        return null;
      }
      return ids;
    }
    const row = get().currentRow();
    if (row) return [row.id];
    // Never act on whatever item arrives next: the key was meant for one the moderator saw.
    const { total } = get();
    get().toast(
      'info',
      total ? 'The list is being read again: press the key once the item shows.' : 'Nothing to decide: this list is empty.',
    );
    return null;
  }

  /**
   * Sends one write; on success records it for undo (unless the team's rules make it one that is
   * not undone: a claim is released, a hand-over is passed on) and refreshes what depends on it.
   */
  function write(
    send: () => Promise<Result<{ outcomes: DecisionOutcome[] }>>,
    ids: number[],
    removed: RemovedRow[],
    text: string,
    bulk: boolean,
    undoable = true,
  ): void {
    const filterKey = JSON.stringify(get().filter);
    // The indexes in `removed` hold only while no other change has shifted the list.
    const gen = get().gen;
    set({ saving: get().saving + 1 });
    // The write leaves once the next item is painted: the screen moves on within the frame,
    // and the acknowledgement still waits for the durable commit.
    const p = chain
      .then(afterPaint)
      .then(send)
      .then((r) => {
        set({ saving: get().saving - 1 });
        const s = get();
        if (!r.ok) {
          if (removed.length && s.gen === gen) s.restoreRows(removed);
          // Rows decided since, or another list: read the list again (after the writes still going).
          else if (removed.length) s.reload();
          s.toast('error', `${text} failed: ${r.error.message}`);
          return;
        }
        const eventIds = r.value.outcomes.map((o) => o.eventId);
        set({
          lastSavedAt: Date.now(),
          ...(undoable && eventIds.length
            ? { undoStack: [...s.undoStack.slice(-(UNDO_DEPTH - 1)), { eventIds, itemIds: ids, removed, filterKey, text }] }
            : {}),
        });
        s.patchRows(r.value.outcomes);
        s.invalidateDetail(ids);
        s.refreshCounts();
        if (eventIds.length) s.toast('success', text, undoable ? { label: 'Undo (u)', run: () => get().undo() } : undefined);
        if (bulk) {
          s.clearSelection();
          // Selected rows may lie outside the rows in memory: re-read the list.
          if (removed.length < ids.length && !rowsStayVisible(r.value.outcomes)) s.reload();
        }
      });
    chain = p.catch(() => undefined);
  }

  function rowsStayVisible(outcomes: DecisionOutcome[]): boolean {
    const filter = get().filter;
    return outcomes.every((o) => rowMatches(o, filter));
  }

  return {
    saving: 0,
    lastSavedAt: null,
    undoStack: [],

    writesSettled: () => chain.then(() => undefined),

    decide(action, opts = {}) {
      const bulk = opts.bulk ?? false;
      const ids = targets(bulk);
      if (!ids) return;
      const s = get();
      // The item on screen is named in the message (before it leaves the screen); a selection is counted.
      const one = bulk ? '' : named(s.currentRow());
      const text = one ? `${DECISION_PAST[action]} ${one}` : decisionText(action, ids.length);
      // The next item is on screen at once; the write is acknowledged when it is durable.
      const leaves = !rowMatches({ status: DECISION_STATUS[action] }, s.filter);
      const removed = leaves ? s.removeRows(ids) : [];
      write(
        () =>
          call('decision.apply', {
            itemIds: ids,
            action,
            ...(opts.reason ? { reason: opts.reason } : {}),
            ...(opts.note ? { note: opts.note } : {}),
            ...(opts.templateId ? { templateId: opts.templateId } : {}),
            ...(opts.override ? { override: opts.override } : {}),
          }),
        ids,
        removed,
        text,
        bulk,
      );
    },

    undo() {
      // Taken once the writes before it are acknowledged: u pressed straight after a decision
      // undoes that decision, even while its write is still on its way. What is last is core's
      // word (it keeps the groups, so undo reaches past a reload); the entry kept here only
      // puts the rows back where they were.
      const p = chain.then(async () => {
        set({ saving: get().saving + 1 });
        const r = await call('decision.undoLast', {});
        set({ saving: get().saving - 1 });
        const s = get();
        if (!r.ok) {
          s.toast('error', `Undo failed: ${r.error.message}`);
          return;
        }
        const undone = r.value.undone;
        if (!undone) {
          s.toast('info', 'Nothing to undo.');
          return;
        }
        const ids = new Set(undone.eventIds);
        const at = s.undoStack.findLastIndex((e) => e.eventIds.some((id) => ids.has(id)));
        const entry = at >= 0 ? s.undoStack[at] : undefined;
        set({ lastSavedAt: Date.now(), undoStack: at >= 0 ? s.undoStack.filter((_, i) => i !== at) : s.undoStack });
        if (entry?.removed.length && entry.filterKey === JSON.stringify(s.filter)) s.restoreRows(entry.removed);
        else if (!entry || entry.removed.length) s.reload();
        s.patchRows(undone.outcomes);
        s.invalidateDetail(undone.itemIds);
        s.refreshCounts();
        s.toast('success', `Undone: ${entry?.text ?? undone.text}`);
      });
      chain = p.catch(() => undefined);
    },

    label(add, remove, bulk) {
      const ids = targets(bulk);
      if (!ids) return;
      write(() => call('item.label', { itemIds: ids, add, remove }), ids, [], labelText(ids.length, add, remove), bulk);
    },

    note(text) {
      const ids = targets(false);
      if (!ids) return;
      write(() => call('item.note', { itemId: ids[0]!, text }), ids, [], 'Note added', false);
    },

    claim(bulk) {
      const ids = targets(bulk);
      if (!ids) return;
      const me = get().actor;
      const row = get().currentRow();
      // Claim what is free or someone else's; release what is already mine.
      const claim = bulk ? true : row?.assignee !== me;
      write(
        () => call('item.claim', { itemIds: ids, claim }),
        ids,
        [],
        `${claim ? 'Claimed' : 'Released'} ${itemCount(ids.length)}`,
        bulk,
        false,
      );
    },

    cycleClassification(field) {
      const row = get().currentRow();
      if (!row) return;
      const triage = get().details.get(row.id)?.triage;
      if (!triage) {
        get().toast('info', 'The item is still being classified: try again in a moment.');
        return;
      }
      const change =
        field === 'type' ? { type: nextOf(CORRECTABLE_TYPES, triage.type) } : { sentiment: nextOf(SENTIMENTS, triage.sentiment) };
      const value = 'type' in change ? change.type : change.sentiment;
      write(() => call('item.classify', { itemIds: [row.id], ...change }), [row.id], [], classifyText(field, value ?? ''), false);
    },

    handover(to, reason, bulk) {
      const ids = targets(bulk);
      if (!ids) return;
      write(() => call('item.handover', { itemIds: ids, to, reason }), ids, [], `Handed ${itemCount(ids.length)} to ${to}`, bulk, false);
    },
  };
};
