// Two (or three) workstations and a real server on loopback: an admin's configuration saved on
// one reaches the others in server order and changes how they route and answer; a change made
// on a stale revision is refused, listed, and the document goes back to the server's; a
// workstation that is not connected keeps its configuration to itself.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/index';
import type { RuleIn } from '../../src/shared/rules';
import { call } from '../unit/call';
import { importRecords } from '../unit/core-helpers';
import { serve, workstation } from './loopback';

const ADMINS = {
  users: [
    ['root', 'admin'],
    ['ada', 'admin'],
    ['bo', 'moderator'],
  ],
} as const;

const line = (id: string, text: string) => ({ type: 'item', platform: 'x', id, kind: 'mention', text, createdAt: '2026-11-20T10:00:00Z' });

/** Every workstation starts with one item waiting. */
const WAITING = { records: [line('old-1', 'where is my refund')] };

const routeOf = (core: Core, externalId: string) =>
  core.db.prepare('SELECT queue, rule_id AS ruleId, rule_why AS why FROM items WHERE external_id = ?').get(externalId) as {
    queue: string;
    ruleId: string | null;
    why: string | null;
  };

const REFUNDS: RuleIn = {
  name: 'Refunds',
  conditions: [{ field: 'keywords', op: 'any', value: ['refund'] }],
  actions: { queue: 'refunds' },
};

describe('configuration through the server', () => {
  it("an admin's rule saved on one workstation routes the next import on the other, and re-routes what waits there", async () => {
    const url = await serve('sqlite', ADMINS);
    const admin = await workstation(url, 'root', WAITING);
    const mod = await workstation(url, 'bo', WAITING);
    expect(routeOf(mod, 'old-1').queue).not.toBe('refunds');

    const { rules } = await call(admin, 'rules.save', { rules: [REFUNDS] });
    expect((await call(admin, 'sync.status', {})).outbox).toBe(1);
    expect(await call(admin, 'sync.run', {})).toMatchObject({ pushed: 1, outbox: 0, refused: [] });
    await call(mod, 'sync.run', {});

    // The same rule, with the same id, on the moderator's workstation; who saved it and when.
    expect((await call(mod, 'rules.list', {})).rules).toEqual([
      expect.objectContaining({ id: rules[0]!.id, name: 'Refunds', updatedBy: 'root' }),
    ]);
    expect((await call(mod, 'config.docs', { docs: ['rules'] })).docs).toEqual([
      { doc: 'rules', revision: 1, changedBy: 'root', changedAt: expect.any(Number), pending: 0 },
    ]);
    // What was waiting is routed again, as a local save would; the next import is routed by it.
    expect(routeOf(mod, 'old-1')).toMatchObject({ queue: 'refunds', ruleId: rules[0]!.id });
    await importRecords(mod, [line('new-1', 'I want a refund for this'), line('new-2', 'love the product')]);
    expect(routeOf(mod, 'new-1')).toMatchObject({ queue: 'refunds', ruleId: rules[0]!.id, why: expect.stringMatching(/^Refunds: /) });
    expect(routeOf(mod, 'new-2').queue).not.toBe('refunds');
    // A moderator does not edit routing.
    expect(await mod.dispatch('rules.save', { rules: [] })).toMatchObject({ ok: false, error: { code: 'action_refused' } });
  });

  it('refuses a change made on a stale revision, lists it, and puts the server’s document back', async () => {
    const url = await serve('sqlite', ADMINS);
    const root = await workstation(url, 'root', WAITING);
    const ada = await workstation(url, 'ada', WAITING);
    await call(root, 'rules.save', { rules: [REFUNDS] });
    await call(root, 'sync.run', {});
    await call(ada, 'sync.run', {});
    const { id, name, enabled, conditions } = (await call(ada, 'rules.list', {})).rules[0]!;
    const base = [{ id, name, enabled, conditions }];

    // Both edit revision 1; root's reaches the server first.
    await call(root, 'rules.save', { rules: [{ ...base[0]!, actions: { queue: 'billing' } }] });
    await call(ada, 'rules.save', { rules: [{ ...base[0]!, actions: { queue: 'money' } }] });
    expect((await call(ada, 'config.docs', { docs: ['rules'] })).docs[0]).toMatchObject({ revision: 1, changedBy: 'ada', pending: 1 });
    await call(root, 'sync.run', {});
    const after = await call(ada, 'sync.run', {});
    expect(after.refused).toEqual([
      expect.objectContaining({
        itemId: null,
        action: 'config',
        status: 'rejected',
        doc: 'rules',
        reason: expect.stringMatching(
          /^the routing rules changed by root at \d\d:\d\d UTC meanwhile \(now revision 2\) — reload and re-apply$/,
        ),
      }),
    ]);
    expect((await call(ada, 'rules.list', {})).rules[0]!.actions).toEqual({ queue: 'billing' });
    expect(routeOf(ada, 'old-1').queue).toBe('billing');
    expect((await call(ada, 'config.docs', { docs: ['rules'] })).docs[0]).toMatchObject({ revision: 2, changedBy: 'root', pending: 0 });

    // Re-applied on the reloaded document, it goes through and reaches root.
    await call(ada, 'rules.save', { rules: [{ ...base[0]!, actions: { queue: 'money' } }] });
    expect((await call(ada, 'sync.run', {})).outbox).toBe(0);
    await call(root, 'sync.run', {});
    expect(routeOf(root, 'old-1').queue).toBe('money');
  });

  it('carries templates, calendars, SLA policies and thresholds; changes made offline wait in the outbox in order', async () => {
    const url = await serve('sqlite', ADMINS);
    const admin = await workstation(url, 'root', WAITING);
    const mod = await workstation(url, 'bo', WAITING);
    const { template } = await call(admin, 'templates.save', {
      name: 'Refund steps',
      body: 'Hi {name}, here is how refunds work.',
      tags: ['refund'],
    });
    const { teams } = await call(admin, 'sla.teams', {});
    const support = teams[0]!;
    const weekly = { ...support.weekly, sat: [{ from: '10:00', to: '14:00' }] };
    await call(admin, 'sla.team.save', {
      id: support.id,
      name: support.name,
      timeZone: 'Europe/Lisbon',
      weekly,
      holidays: [{ date: '2026-12-25', name: 'Christmas' }],
    });
    await call(admin, 'sla.policy.save', { name: 'Urgent', teamId: support.id, firstResponseMinutes: 15, resolutionMinutes: 120 });
    await call(admin, 'settings.set', { thresholds: { spam: 0.42 } });
    // Saved before any sync: four documents wait, in the order they were made.
    expect((await call(admin, 'sync.status', {})).outbox).toBe(4);
    expect((await call(admin, 'sync.run', {})).refused).toEqual([]);
    await call(mod, 'sync.run', {});

    expect((await call(mod, 'templates.list', {})).templates).toContainEqual(
      expect.objectContaining({ id: template.id, name: 'Refund steps', updatedBy: 'root' }),
    );
    const onMod = await call(mod, 'sla.teams', {});
    expect(onMod.teams).toEqual([
      expect.objectContaining({
        name: 'Support',
        timeZone: 'Europe/Lisbon',
        weekly,
        holidays: [{ date: '2026-12-25', name: 'Christmas' }],
      }),
    ]);
    expect(onMod.policies).toContainEqual(
      expect.objectContaining({ name: 'Urgent', teamId: onMod.teams[0]!.id, firstResponseMinutes: 15, resolutionMinutes: 120 }),
    );
    expect((await call(mod, 'settings.get', {})).thresholds.spam).toBe(0.42);

    // Deleting the template on the admin's side deletes it on the other.
    await call(admin, 'templates.delete', { id: template.id });
    await call(admin, 'sync.run', {});
    await call(mod, 'sync.run', {});
    expect((await call(mod, 'templates.list', {})).templates.map((t) => t.id)).not.toContain(template.id);
    // Only an admin edits calendars once signed in to a server.
    expect(
      await mod.dispatch('sla.policy.save', { name: 'Mine', teamId: onMod.teams[0]!.id, firstResponseMinutes: 5, resolutionMinutes: 5 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'action_refused' },
    });
  });

  it('a workstation not connected to a server keeps its configuration to itself', async () => {
    const alone = await workstation(null, 'solo', WAITING);
    await call(alone, 'rules.save', { rules: [REFUNDS] });
    await call(alone, 'templates.save', { name: 'Mine', body: 'Hello {name}' });
    expect((await call(alone, 'sync.status', {})).outbox).toBe(0);
    expect(routeOf(alone, 'old-1').queue).toBe('refunds');
    expect((await call(alone, 'config.docs', { docs: ['rules', 'template:'] })).docs).toEqual([]);
  });
});
