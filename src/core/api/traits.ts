// What each contract method is, beyond its handler: the rules that cut across domains, in one
// table the compiler holds to the contract. A new method in src/shared/contract.ts does not
// compile until it has a row here, and a misspelled name is an error.
import type { Method } from '../../shared/contract';
import {
  policySaved,
  setsThresholds,
  teamSaved,
  templateDeleted,
  templateSaved,
  templatesReordered,
  thresholdsSet,
  type ConfigShare,
} from '../sync/config/shares';
import type { Callers } from './callers';

export interface MethodTraits<M extends Method> {
  /**
   * Adds events to a log the server is sent (decisions, notes, claims, case work, saved
   * configuration): a connected workstation pushes shortly after each call.
   */
  logs: boolean;
  /** Who may call it (callers.ts holds the one check). */
  callers: Callers<M>;
  /**
   * Saves shared configuration: the documents it changed are queued for the team's server in
   * the save's own transaction. 'by its handler': the handler queues them itself (it runs
   * work after the save, outside any transaction).
   */
  shares: ConfigShare<M> | 'by its handler' | null;
  /**
   * Stores new text (items), which is classified as it is stored, its language included: the
   * call waits for the language detector, which loads on the first such call rather than at
   * start (classify/language.ts).
   */
  classifies: boolean;
}

export type MethodTable = { readonly [M in Method]: MethodTraits<M> };

/** Nothing for the server: reads, and work that stays here (imports, scoring, models, the sync itself). */
const LOCAL = { logs: false, callers: 'anyone', shares: null, classifies: false } as const;
/** Work that stays here and stores new items: imports and the demo data. */
const STORES_ITEMS = { ...LOCAL, classifies: true } as const;
/** Work recorded as events in the log, by anyone (the log's own rules judge each event). */
const EVENTS = { logs: true, callers: 'anyone', shares: null, classifies: false } as const;

export const TRAITS: MethodTable = {
  'app.info': LOCAL,
  stats: LOCAL,
  'queue.page': LOCAL,
  'queue.count': LOCAL,
  'queue.locate': LOCAL,
  'queue.counts': LOCAL,
  'queue.facets': LOCAL,
  'item.detail': LOCAL,
  'item.label': EVENTS,
  'item.note': EVENTS,
  'item.claim': EVENTS,
  'item.classify': EVENTS,
  'item.handover': EVENTS,
  'decision.apply': EVENTS,
  'decision.undo': EVENTS,
  'decision.undoLast': EVENTS,
  'import.begin': STORES_ITEMS,
  'import.chunk': STORES_ITEMS,
  'import.finish': STORES_ITEMS,
  'import.cancel': LOCAL,
  'export.page': LOCAL,
  'demo.load': STORES_ITEMS,
  'settings.get': LOCAL,
  // Only its thresholds are the team's: the rest of the settings stay the person's own.
  'settings.set': { logs: true, callers: { editors: 'thresholds', when: setsThresholds }, shares: thresholdsSet, classifies: false },
  'templates.list': LOCAL,
  'templates.save': { logs: true, callers: { editors: 'template' }, shares: templateSaved, classifies: false },
  'templates.delete': { logs: true, callers: { editors: 'template' }, shares: templateDeleted, classifies: false },
  'templates.reorder': { logs: true, callers: { editors: 'template' }, shares: templatesReordered, classifies: false },
  'reply.check': LOCAL,
  'accounts.top': LOCAL,
  'campaigns.list': LOCAL,
  'campaign.decide': EVENTS,
  'detection.rescore': LOCAL,
  'model.status': LOCAL,
  'model.train': LOCAL,
  'model.activate': LOCAL,
  'model.rollback': LOCAL,
  'sync.connect': LOCAL,
  'sync.status': LOCAL,
  'sync.run': LOCAL,
  'sync.disconnect': LOCAL,
  'config.docs': LOCAL,
  'case.get': LOCAL,
  'case.take': EVENTS,
  'case.handover': EVENTS,
  'case.resolve': EVENTS,
  'case.reopen': EVENTS,
  'case.link': EVENTS,
  'case.unlink': EVENTS,
  'case.similar': LOCAL,
  'cases.bounced': LOCAL,
  'notes.search': LOCAL,
  'notes.mentions': LOCAL,
  'conflicts.list': LOCAL,
  'conflict.resolve': { logs: true, callers: { overseers: true, does: 'resolves conflicts' }, shares: null, classifies: false },
  'audit.verify': LOCAL,
  'audit.proof': LOCAL,
  'rules.list': LOCAL,
  'rules.save': { logs: true, callers: { editors: 'rules' }, shares: 'by its handler', classifies: false },
  'rules.preview': LOCAL,
  'sla.teams': LOCAL,
  'sla.team.save': { logs: true, callers: { editors: 'team' }, shares: teamSaved, classifies: false },
  'sla.policy.save': { logs: true, callers: { editors: 'sla-policy' }, shares: policySaved, classifies: false },
  'sla.summary': LOCAL,
  'sla.item': LOCAL,
  'qa.draw': { logs: true, callers: { overseers: true, does: 'draws samples for review' }, shares: null, classifies: false },
  'qa.queue': LOCAL,
  'qa.review': EVENTS,
  'qa.agreement': LOCAL,
};
