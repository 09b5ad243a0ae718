// One item: everything known of it (item.detail), and the work on it that is not a decision:
// labels, notes, claims, hand-overs and type or sentiment corrections, each an event in the
// log like a decision (decisions/decide.ts). Labels, notes and corrections are undone as a
// group, like decisions.
import type { Database } from 'better-sqlite3';
import type { CoreHandlers } from '../../shared/contract';
import { classifyText, labelText } from '../../shared/decision-text';
import { claimItems, classifyItems, handOver, labelItems, noteItem } from '../decisions/decide';
import type { Actor } from '../decisions/log';
import { writeGroup } from '../decisions/undo-groups';
import { triageOf } from '../triage/store/classification';
import { itemDetail } from './detail';

type ItemMethods = 'item.detail' | 'item.label' | 'item.note' | 'item.claim' | 'item.handover' | 'item.classify';

export function itemHandlers(db: Database, who: Actor): Pick<CoreHandlers, ItemMethods> {
  return {
    'item.detail': ({ itemId }) => itemDetail(db, itemId),
    'item.label': (a) => {
      return {
        outcomes: writeGroup(
          db,
          who.actor,
          who.now(),
          () => labelItems(db, who, a),
          (o) => labelText(o.length, a.add, a.remove),
        ),
      };
    },
    'item.note': (a) => {
      return {
        outcomes: writeGroup(
          db,
          who.actor,
          who.now(),
          () => noteItem(db, who, a),
          () => 'Note added',
        ),
      };
    },
    'item.claim': (a) => ({ outcomes: claimItems(db, who, a) }),
    'item.handover': (a) => ({ outcomes: handOver(db, who, a) }),
    'item.classify': (a) => {
      const outcomes = writeGroup(
        db,
        who.actor,
        who.now(),
        () => classifyItems(db, who, a),
        () => (a.type ? classifyText('type', a.type) : classifyText('sentiment', a.sentiment ?? '')),
      );
      return { outcomes: outcomes.map((o) => ({ ...o, triage: triageOf(db, o.itemId) })) };
    },
  };
}
