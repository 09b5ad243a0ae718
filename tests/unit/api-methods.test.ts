// Every contract method has exactly one handler and one row in the traits table, and the
// traits do what they say: who may call a method, and which saves are queued for the team's
// server in their own transaction.
import { describe, expect, it } from 'vitest';
import { applyTraits } from '../../src/core/api/apply-traits';
import { joinHandlers } from '../../src/core/api/join';
import { TRAITS, type MethodTable } from '../../src/core/api/traits';
import { configOutboxSize } from '../../src/core/sync/config/log';
import { setConnection } from '../../src/core/sync/state';
import { saveTemplate } from '../../src/core/triage/templates/store';
import { METHODS, type CoreHandlers, type Method } from '../../src/shared/contract';
import type { VigilError } from '../../src/shared/errors';
import { importRecords, testCore, value, type TestCore } from './core-helpers';
import { actor, item, memoryDb } from './helpers';

// What `npm run typecheck` holds the table to: each of these must stay a compile error.
const { stats: _left, ...withoutStats } = TRAITS;
// @ts-expect-error a contract method without its row
const _missing: MethodTable = withoutStats;
// @ts-expect-error a misspelled method name
const _misspelled: MethodTable = { ...TRAITS, 'decision.aply': TRAITS['decision.apply'] };

const sorted = (xs: Iterable<string>) => [...xs].sort();

function refusal(r: unknown): VigilError {
  const res = r as { ok: boolean; error?: VigilError };
  expect(res.ok).toBe(false);
  return res.error!;
}

function signIn(c: TestCore, role: string): void {
  setConnection(c.db, { url: 'http://127.0.0.1:9', user: 'ana', role, expiresAt: Date.now() + 3_600_000 } as Parameters<
    typeof setConnection
  >[1]);
}

const nineToFive = [{ from: '09:00', to: '17:00' }];
const TEAM = {
  name: 'Nights',
  timeZone: 'Europe/Lisbon',
  weekly: { mon: nineToFive, tue: nineToFive, wed: [], thu: [], fri: [], sat: [], sun: [] },
  holidays: [],
};

describe('the contract methods and their handlers', () => {
  it('an opened core answers every contract method, each with one handler', () => {
    const c = testCore();
    expect(sorted(Object.keys(c.handlers))).toEqual(sorted(METHODS));
    for (const m of METHODS) expect(typeof c.handlers[m], m).toBe('function');
  });

  it('the traits table has a row for exactly the contract methods', () => {
    expect(sorted(Object.keys(TRAITS))).toEqual(sorted(METHODS));
  });

  it('joining refuses a method answered twice, a method nobody answers and a name the contract lacks', () => {
    const c = testCore();
    const all = c.handlers;
    const rest = Object.fromEntries(
      METHODS.filter((m) => m !== 'stats' && m !== 'app.info').map((m) => [m, all[m]]),
    ) as Partial<CoreHandlers>;
    expect(() => joinHandlers({ rest, app: { 'app.info': all['app.info'], stats: all.stats } })).not.toThrow();
    expect(() => joinHandlers({ rest, app: { 'app.info': all['app.info'], stats: all.stats }, again: { stats: all.stats } })).toThrow(
      'stats is answered twice: by the app and the again handlers.',
    );
    expect(() => joinHandlers({ rest, app: { 'app.info': all['app.info'] } })).toThrow('No handler answers stats.');
    const misspelled = { 'app.info': all['app.info'], stats: all.stats, 'stats.all': all.stats } as Partial<CoreHandlers>;
    expect(() => joinHandlers({ rest, app: misspelled })).toThrow('The app handlers answer "stats.all", which is not a contract method.');
    // Names an object has of itself are not methods either.
    const proto = JSON.parse('{"__proto__": 1, "constructor": 2}') as Partial<CoreHandlers>;
    expect(() => joinHandlers({ rest, app: { 'app.info': all['app.info'], stats: all.stats }, odd: proto })).toThrow(
      /not a contract method/,
    );
  });

  it('the methods a connected workstation pushes after are those that record events or save shared configuration', () => {
    expect(sorted(METHODS.filter((m) => TRAITS[m].logs))).toEqual(
      sorted([
        'decision.apply',
        'decision.undo',
        'decision.undoLast',
        'item.label',
        'item.note',
        'item.claim',
        'item.handover',
        'item.classify',
        'campaign.decide',
        'case.take',
        'case.handover',
        'case.resolve',
        'case.reopen',
        'case.link',
        'case.unlink',
        'conflict.resolve',
        'qa.draw',
        'qa.review',
        'settings.set',
        'templates.save',
        'templates.delete',
        'templates.reorder',
        'rules.save',
        'sla.team.save',
        'sla.policy.save',
      ]),
    );
    // Every save of shared configuration says who may save it, and adds to the log.
    for (const m of METHODS)
      if (TRAITS[m].shares !== null) expect([m, TRAITS[m].callers !== 'anyone', TRAITS[m].logs]).toEqual([m, true, true]);
  });
});

describe('who may call a method', () => {
  it('a workstation on its own is its user’s: configuration saves, but no conflict is settled without a supervisor signed in', async () => {
    const c = testCore();
    value(await c.dispatch('templates.save', { name: 'Mine', body: 'Hi {name}' }));
    value(await c.dispatch('settings.set', { thresholds: { spam: 0.5 } }));
    value(await c.dispatch('sla.team.save', TEAM));
    await importRecords(c, [item('p1')]);
    const itemId = c.db.prepare('SELECT id FROM items').pluck().get() as number;
    expect(refusal(await c.dispatch('conflict.resolve', { itemId, action: 'approve', reason: 'mine stands' }))).toEqual({
      code: 'action_refused',
      message: 'Only a supervisor resolves conflicts: sign this workstation in to the server as a supervisor.',
    });
  });

  it('signed in as a moderator, every save of the team’s configuration is refused, the person’s own settings are not', async () => {
    const c = testCore();
    const { template } = value<{ template: { id: string } }>(await c.dispatch('templates.save', { name: 'Before', body: 'Hi {name}' }));
    signIn(c, 'moderator');
    const refused = async (method: Method, args: unknown) => refusal(await c.dispatch(method, args));
    const admin = (what: string) => ({
      code: 'action_refused',
      message: `Only an admin edits ${what}: this workstation is signed in as a moderator.`,
    });
    expect(await refused('templates.save', { name: 'Mine', body: 'Hi' })).toEqual(admin('reply templates'));
    expect(await refused('templates.delete', { id: template.id })).toEqual(admin('reply templates'));
    expect(await refused('templates.reorder', { ids: [template.id] })).toEqual(admin('reply templates'));
    expect(await refused('rules.save', { rules: [] })).toEqual(admin('the routing rules'));
    expect(await refused('sla.team.save', TEAM)).toEqual(admin('business hours'));
    expect(await refused('sla.policy.save', { name: 'Fast', teamId: 1, firstResponseMinutes: 5, resolutionMinutes: 10 })).toEqual(
      admin('SLA policies'),
    );
    expect(await refused('settings.set', { thresholds: { spam: 0.5 }, blurMedia: true })).toEqual({
      code: 'action_refused',
      message: 'Only a supervisor or an admin edits detection thresholds: this workstation is signed in as a moderator.',
    });
    // Nothing of the refused calls was written.
    expect(value<{ templates: { id: string }[] }>(await c.dispatch('templates.list', {})).templates.map((t) => t.id)).toContain(
      template.id,
    );
    expect(value<{ blurMedia: boolean }>(await c.dispatch('settings.get', {})).blurMedia).toBe(false);
    expect(value<{ blurMedia: boolean }>(await c.dispatch('settings.set', { blurMedia: true })).blurMedia).toBe(true);
    expect(configOutboxSize(c.db)).toBe(0);
  });

  it('a supervisor sets the thresholds and settles conflicts, but does not edit templates', async () => {
    const c = testCore();
    await importRecords(c, [item('p1')]);
    const itemId = c.db.prepare('SELECT id FROM items').pluck().get() as number;
    signIn(c, 'supervisor');
    value(await c.dispatch('settings.set', { thresholds: { spam: 0.5 } }));
    expect(refusal(await c.dispatch('templates.save', { name: 'Mine', body: 'Hi' })).message).toMatch(
      /^Only an admin edits reply templates/,
    );
    // Past the role check, to what the conflict itself says.
    expect(refusal(await c.dispatch('conflict.resolve', { itemId, action: 'approve', reason: 'mine stands' }))).toMatchObject({
      code: 'not_found',
    });
  });

  it.each(['Admin', 'admin ', '__proto__', 'constructor', 'root', ''])(
    'a stored role that is not one (%j) may not save the team’s configuration',
    async (role) => {
      const c = testCore();
      signIn(c, role);
      expect(refusal(await c.dispatch('templates.save', { name: 'Mine', body: 'Hi' })).code).toBe('action_refused');
      expect(refusal(await c.dispatch('settings.set', { thresholds: { spam: 0.5 } })).code).toBe('action_refused');
      expect(refusal(await c.dispatch('conflict.resolve', { itemId: 1, action: 'approve', reason: 'mine stands' })).code).toBe(
        'action_refused',
      );
      expect(configOutboxSize(c.db)).toBe(0);
    },
  );
});

describe('saves of shared configuration', () => {
  it('signed in, each save queues the documents it changed; other calls queue nothing', async () => {
    const c = testCore();
    // Saved before signing in: kept to this workstation, not queued.
    const { team } = value<{ team: { id: number } }>(await c.dispatch('sla.team.save', TEAM));
    expect(configOutboxSize(c.db)).toBe(0);
    signIn(c, 'admin');
    const { template } = value<{ template: { id: string } }>(await c.dispatch('templates.save', { name: 'Mine', body: 'Hi {name}' }));
    expect(configOutboxSize(c.db)).toBe(1);
    value(await c.dispatch('settings.set', { blurMedia: true }));
    expect(configOutboxSize(c.db)).toBe(1);
    value(await c.dispatch('settings.set', { thresholds: { spam: 0.5 } }));
    expect(configOutboxSize(c.db)).toBe(2);
    // Deleting what is not there changes no document.
    expect(value(await c.dispatch('templates.delete', { id: 'not-there' }))).toEqual({ deleted: false });
    expect(configOutboxSize(c.db)).toBe(2);
    value(await c.dispatch('templates.delete', { id: template.id }));
    expect(configOutboxSize(c.db)).toBe(3);
    // A policy names its team by key: a team the server has not had from here goes out first, once.
    value(await c.dispatch('sla.policy.save', { name: 'Fast', teamId: team.id, firstResponseMinutes: 5, resolutionMinutes: 10 }));
    value(await c.dispatch('sla.policy.save', { name: 'Slow', teamId: team.id, firstResponseMinutes: 50, resolutionMinutes: 100 }));
    const docs = c.db.prepare('SELECT doc FROM config_events ORDER BY seq').pluck().all() as string[];
    expect(docs).toEqual(['template:mine', 'thresholds', 'template:mine', 'team:nights', 'sla-policy:fast', 'sla-policy:slow']);
  });

  it('a save and the queueing of what it changed commit together or not at all', () => {
    const db = memoryDb();
    const who = actor('ada');
    setConnection(db, { url: 'http://127.0.0.1:9', user: 'ada', role: 'admin', expiresAt: who.now() + 3_600_000 });
    const c = testCore();
    // A save that answers later cannot be shared inside its transaction: refused, and undone.
    const late = {
      ...c.handlers,
      'templates.save': (t) => Promise.resolve({ template: saveTemplate(db, t, who.actor, who.now()) }),
    } as CoreHandlers;
    const handlers = applyTraits(db, who, late);
    expect(() => handlers['templates.save']({ name: 'Late', body: 'Hi {name}', kind: 'reply', tags: [] })).toThrow(
      'templates.save shares configuration and must answer at once',
    );
    expect(db.prepare('SELECT count(*) FROM templates WHERE name = ?').pluck().get('Late')).toBe(0);
    expect(configOutboxSize(db)).toBe(0);
  });
});
