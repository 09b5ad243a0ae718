// The contract as the renderer sees it: one function per method, each a single IPC invoke.
// Written out method by method, with `satisfies CoreApi`, on purpose:
//  - the compiler rejects a missing method AND an extra one, so the bridge is exactly the
//    contract (tests/electron/preload-api.spec.ts checks the same at run time);
//  - only *types* come from src/shared/contract, so the sandboxed preload bundle carries no
//    zod and no require() of a package (a sandboxed preload can require only 'electron').
import type { ArgsIn, CoreApi, IPC_PREFIX, Method, ResultOf } from '../shared/contract';
import { fail, type Result } from '../shared/errors';

/** Must equal contract.ts's IPC_PREFIX; the type ties the two together at compile time. */
export const CHANNEL_PREFIX: typeof IPC_PREFIX = 'vigil:';

export type Invoke = (channel: string, args: unknown) => Promise<unknown>;

export function createVigilApi(invoke: Invoke) {
  const call =
    <M extends Method>(method: M) =>
    async (args: ArgsIn<M>): Promise<Result<ResultOf<M>>> => {
      try {
        return (await invoke(CHANNEL_PREFIX + method, args)) as Result<ResultOf<M>>;
      } catch (e) {
        // Main never throws across IPC; this covers arguments that cannot be cloned and a
        // main process that is shutting down.
        return fail('transport', `${method}: ${(e as Error)?.message ?? String(e)}`);
      }
    };

  return Object.freeze({
    'app.info': call('app.info'),
    stats: call('stats'),
    'queue.page': call('queue.page'),
    'queue.count': call('queue.count'),
    'queue.locate': call('queue.locate'),
    'queue.counts': call('queue.counts'),
    'queue.facets': call('queue.facets'),
    'item.detail': call('item.detail'),
    'decision.apply': call('decision.apply'),
    'decision.undo': call('decision.undo'),
    'decision.undoLast': call('decision.undoLast'),
    'item.label': call('item.label'),
    'item.note': call('item.note'),
    'item.claim': call('item.claim'),
    'item.classify': call('item.classify'),
    'item.handover': call('item.handover'),
    'import.begin': call('import.begin'),
    'import.chunk': call('import.chunk'),
    'import.finish': call('import.finish'),
    'import.cancel': call('import.cancel'),
    'export.page': call('export.page'),
    'demo.load': call('demo.load'),
    'settings.get': call('settings.get'),
    'settings.set': call('settings.set'),
    'templates.list': call('templates.list'),
    'templates.save': call('templates.save'),
    'templates.delete': call('templates.delete'),
    'templates.reorder': call('templates.reorder'),
    'reply.check': call('reply.check'),
    'accounts.top': call('accounts.top'),
    'campaigns.list': call('campaigns.list'),
    'campaign.decide': call('campaign.decide'),
    'detection.rescore': call('detection.rescore'),
    'model.status': call('model.status'),
    'model.train': call('model.train'),
    'model.activate': call('model.activate'),
    'model.rollback': call('model.rollback'),
    'sla.teams': call('sla.teams'),
    'sla.team.save': call('sla.team.save'),
    'sla.policy.save': call('sla.policy.save'),
    'sla.summary': call('sla.summary'),
    'sla.item': call('sla.item'),
    'qa.draw': call('qa.draw'),
    'qa.queue': call('qa.queue'),
    'qa.review': call('qa.review'),
    'qa.agreement': call('qa.agreement'),
    'sync.connect': call('sync.connect'),
    'sync.status': call('sync.status'),
    'sync.run': call('sync.run'),
    'sync.disconnect': call('sync.disconnect'),
    'config.docs': call('config.docs'),
    'case.get': call('case.get'),
    'case.take': call('case.take'),
    'case.handover': call('case.handover'),
    'case.resolve': call('case.resolve'),
    'case.reopen': call('case.reopen'),
    'case.link': call('case.link'),
    'case.unlink': call('case.unlink'),
    'cases.bounced': call('cases.bounced'),
    'case.similar': call('case.similar'),
    'notes.search': call('notes.search'),
    'notes.mentions': call('notes.mentions'),
    'conflicts.list': call('conflicts.list'),
    'conflict.resolve': call('conflict.resolve'),
    'audit.verify': call('audit.verify'),
    'audit.proof': call('audit.proof'),
    'rules.list': call('rules.list'),
    'rules.save': call('rules.save'),
    'rules.preview': call('rules.preview'),
  } satisfies CoreApi);
}
