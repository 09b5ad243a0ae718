// SLA through the contract on a real database: dues on import in the team's business time,
// a reply meeting the first-response target (and an undo taking it back), overdue counts per
// queue and team, one pass recomputing dues and priority after the hours change, and when
// the team is back for an item that arrived out of hours.
import { describe, expect, it } from 'vitest';
import { openCore } from '../../src/core/handlers';
import { recomputeDues } from '../../src/core/triage/sla/recompute';
import type { ItemSla, SlaPolicy, SlaSummary, Team, WeeklyHours } from '../../src/shared/hours';
import { item, ndjson, onCleanup, tempDir } from './helpers';

const H = 3_600_000;
const nineToFive: WeeklyHours = {
  mon: [{ from: '09:00', to: '17:00' }],
  tue: [{ from: '09:00', to: '17:00' }],
  wed: [{ from: '09:00', to: '17:00' }],
  thu: [{ from: '09:00', to: '17:00' }],
  fri: [{ from: '09:00', to: '17:00' }],
  sat: [],
  sun: [],
};

function open(start = Date.parse('2025-06-02T10:00:00Z')) {
  let t = start;
  const core = openCore({ dataDir: tempDir(), host: 'test', actor: 'ana', now: () => t });
  onCleanup(() => core.close());
  const call = async <T>(method: string, args: unknown): Promise<T> => {
    const r = await core.dispatch(method, args);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  const fail = async (method: string, args: unknown) => {
    const r = await core.dispatch(method, args);
    if (r.ok) throw new Error(`${method} should have failed`);
    return r.error;
  };
  return {
    core,
    call,
    fail,
    at: (iso: string) => void (t = Date.parse(iso)),
    /** The default team set to a zone of the test's choosing (the default is the machine's). */
    async team(timeZone = 'Europe/Berlin', weekly = nineToFive, holidays: unknown[] = []): Promise<Team> {
      const { teams } = await call<{ teams: Team[] }>('sla.teams', {});
      return (await call<{ team: Team }>('sla.team.save', { id: teams[0]!.id, name: 'Support', timeZone, weekly, holidays })).team;
    },
    async importItems(records: Record<string, unknown>[]): Promise<void> {
      const { importId } = await call<{ importId: string }>('import.begin', { fileName: 'items.ndjson' });
      await call('import.chunk', { importId, text: ndjson(records) });
      await call('import.finish', { importId });
    },
    id: (ext: string) => core.db.prepare("SELECT id FROM items WHERE platform = 'x' AND external_id = ?").pluck().get(ext) as number,
    row: (ext: string) =>
      core.db
        .prepare(
          "SELECT o.first_response_due, o.resolution_due, o.first_response_at, o.sla_due, o.priority FROM items i JOIN item_order o ON o.id = i.id WHERE i.platform = 'x' AND i.external_id = ?",
        )
        .get(ext) as {
        first_response_due: number;
        resolution_due: number;
        first_response_at: number | null;
        sla_due: number;
        priority: number;
      },
  };
}

describe('SLA dues', () => {
  it('a fresh database has the Support team (Mon–Fri 09–17) and a default policy of 1 and 8 business hours', async () => {
    const w = open();
    const { teams, policies } = await w.call<{ teams: Team[]; policies: SlaPolicy[] }>('sla.teams', {});
    expect(teams).toHaveLength(1);
    expect(teams[0]).toMatchObject({ name: 'Support', weekly: nineToFive, holidays: [] });
    expect(teams[0]!.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(policies).toEqual([
      { id: expect.any(Number), name: 'Standard', teamId: teams[0]!.id, firstResponseMinutes: 60, resolutionMinutes: 480, isDefault: true },
    ]);
  });

  it('are set on import in the team’s business time', async () => {
    const w = open();
    await w.team('Europe/Berlin');
    // Monday 2 June 2025 16:30 in Berlin (CEST): 30 minutes left that day.
    await w.importItems([
      item('late-monday', { createdAt: '2025-06-02T16:30:00+02:00' }),
      item('saturday', { createdAt: '2025-06-07T11:00:00+02:00' }),
    ]);
    expect(w.row('late-monday')).toMatchObject({
      first_response_due: Date.parse('2025-06-03T09:30:00+02:00'),
      resolution_due: Date.parse('2025-06-03T16:30:00+02:00'),
      sla_due: Date.parse('2025-06-03T09:30:00+02:00'),
      first_response_at: null,
    });
    expect(w.row('saturday').first_response_due).toBe(Date.parse('2025-06-09T10:00:00+02:00'));
  });

  it('a reply meets the first response; the resolution due is next; undoing the reply takes it back', async () => {
    const w = open();
    await w.team('UTC');
    await w.importItems([item('q', { createdAt: '2025-06-02T10:00:00Z' })]);
    const before = w.row('q');
    w.at('2025-06-02T10:20:00Z');
    const { outcomes } = await w.call<{ outcomes: { eventId: string }[] }>('decision.apply', {
      itemIds: [w.id('q')],
      action: 'reply',
      note: 'Hi, looking into it',
    });
    const after = w.row('q');
    expect(after.first_response_at).toBe(Date.parse('2025-06-02T10:20:00Z'));
    expect(after.sla_due).toBe(before.resolution_due);
    // Urgency now counts from the later resolution due: the item weighs less.
    expect(after.priority).toBeLessThan(before.priority);
    await w.call('decision.undo', { eventIds: [outcomes[0]!.eventId] });
    expect(w.row('q')).toEqual(before);
  });

  it('an approval settles the item without a first response: it is no longer due', async () => {
    const w = open();
    await w.team('UTC');
    await w.importItems([item('ok', { createdAt: '2025-06-02T10:00:00Z' })]);
    await w.call('decision.apply', { itemIds: [w.id('ok')], action: 'approve' });
    const sla = await w.call<ItemSla>('sla.item', { itemId: w.id('ok') });
    expect(sla).toMatchObject({ next: null, due: null, breached: false, firstResponseAt: null });
  });
});

describe('breaches', () => {
  it('are counted per queue and team, and late first responses are counted', async () => {
    const w = open();
    const team = await w.team('UTC');
    await w.importItems([
      item('m1', { createdAt: '2025-06-02T09:00:00Z' }),
      item('m2', { createdAt: '2025-06-02T11:00:00Z' }),
      item('r1', { createdAt: '2025-06-02T09:30:00Z', kind: 'review', rating: 2, target: 'Hotel' }),
    ]);
    w.at('2025-06-02T11:30:00Z'); // m1 due 10:00 and r1 due 10:30 are past; m2 due 12:00 is not
    let s = await w.call<SlaSummary>('sla.summary', {});
    expect(s).toMatchObject({ open: 3, breached: 2, dueSoon: 1, lateFirstResponses: 0 });
    expect(s.queues).toEqual([
      { queue: 'mentions', open: 2, breached: 1 },
      { queue: 'reviews', open: 1, breached: 1 },
    ]);
    expect(s.teams).toEqual([{ teamId: team.id, name: 'Support', open: 3, breached: 2 }]);
    const m1 = await w.call<ItemSla>('sla.item', { itemId: w.id('m1') });
    expect(m1).toMatchObject({ next: 'first-response', breached: true, businessLeftMs: -1.5 * H });
    // A late reply: m1 is still open for resolution (due 17:00), and counted as a late first response.
    await w.call('decision.apply', { itemIds: [w.id('m1')], action: 'escalate' });
    await w.call('decision.apply', { itemIds: [w.id('m1')], action: 'reply', note: 'Sorry for the wait' });
    s = await w.call<SlaSummary>('sla.summary', {});
    expect(s).toMatchObject({ open: 2, breached: 1, lateFirstResponses: 1 });
  });

  it('the queue can be ordered by what breaches first', async () => {
    const w = open();
    await w.team('UTC');
    await w.importItems([
      item('later', { createdAt: '2025-06-02T12:00:00Z' }),
      item('sooner', { createdAt: '2025-06-02T09:10:00Z' }),
      item('weekend', { createdAt: '2025-05-31T12:00:00Z' }), // Saturday: due Monday 10:00
    ]);
    const { rows } = await w.call<{ rows: { externalId: string; slaDue: number }[] }>('queue.page', {
      filter: { sort: 'due' },
      offset: 0,
      limit: 10,
    });
    expect(rows.map((r) => r.externalId)).toEqual(['weekend', 'sooner', 'later']);
    expect(rows[0]!.slaDue).toBe(Date.parse('2025-06-02T10:00:00Z'));
  });
});

describe('a business-hours change', () => {
  it('recomputes every open item’s dues and priority in one pass, and leaves decided items alone', async () => {
    const w = open();
    const team = await w.team('UTC');
    await w.importItems([
      item('a', { createdAt: '2025-06-02T16:30:00Z' }),
      item('b', { createdAt: '2025-06-03T08:00:00Z' }),
      item('done', { createdAt: '2025-06-02T16:30:00Z' }),
    ]);
    await w.call('decision.apply', { itemIds: [w.id('done')], action: 'remove' });
    const [a, b, done] = [w.row('a'), w.row('b'), w.row('done')];
    expect(a.first_response_due).toBe(Date.parse('2025-06-03T09:30:00Z'));
    const later = { ...nineToFive, tue: [{ from: '12:00', to: '20:00' }] };
    const r = await w.call<{ recomputed: { items: number; changed: number } }>('sla.team.save', {
      id: team.id,
      name: 'Support',
      timeZone: 'UTC',
      weekly: later,
      holidays: [],
    });
    expect(r.recomputed).toEqual({ items: 2, changed: 2 });
    expect(w.row('a').first_response_due).toBe(Date.parse('2025-06-03T12:30:00Z'));
    expect(w.row('b').first_response_due).toBe(Date.parse('2025-06-03T13:00:00Z'));
    expect(w.row('a').priority).toBeLessThan(a.priority);
    expect(w.row('b').priority).toBeLessThan(b.priority);
    expect(w.row('done')).toEqual(done);
    // The priority index moved with it: label copies follow through the trigger.
    expect(recomputeDues(w.core.db)).toMatchObject({ items: 2, changed: 0 });
  });

  it('a closed date moves dues past it; a policy change too', async () => {
    const w = open();
    const team = await w.team('UTC');
    await w.importItems([item('a', { createdAt: '2025-06-02T16:30:00Z' })]);
    await w.call('sla.team.save', {
      id: team.id,
      name: 'Support',
      timeZone: 'UTC',
      weekly: nineToFive,
      holidays: [{ date: '2025-06-03', name: 'Team day' }],
    });
    expect(w.row('a').first_response_due).toBe(Date.parse('2025-06-04T09:30:00Z'));
    const { policies } = await w.call<{ policies: SlaPolicy[] }>('sla.teams', {});
    await w.call('sla.policy.save', { ...policies[0]!, firstResponseMinutes: 120, resolutionMinutes: 480 });
    expect(w.row('a').first_response_due).toBe(Date.parse('2025-06-04T10:30:00Z'));
  });

  it('refuses what makes no sense, in words', async () => {
    const w = open();
    const team = await w.team('UTC');
    const bad = async (patch: Record<string, unknown>) =>
      (await w.fail('sla.team.save', { id: team.id, name: 'Support', timeZone: 'UTC', weekly: nineToFive, holidays: [], ...patch }))
        .message;
    expect(await bad({ timeZone: 'Mars/Olympus' })).toMatch(/unknown time zone/);
    expect(await bad({ weekly: { ...nineToFive, mon: [{ from: '9', to: '17:00' }] } })).toMatch(/HH:MM/);
    expect(await bad({ holidays: [{ date: '2025-02-30' }] })).toMatch(/does not exist/);
    expect(await bad({ holidays: [{ date: '2025-12-24', from: '12:00' }] })).toMatch(/both a from and a to/);
    const { policies } = await w.call<{ policies: SlaPolicy[] }>('sla.teams', {});
    expect((await w.fail('sla.policy.save', { ...policies[0]!, firstResponseMinutes: 600, resolutionMinutes: 60 })).message).toMatch(
      /cannot be shorter/,
    );
  });
});

describe('out of hours', () => {
  it('an item that arrived while the team was closed says when the team is back', async () => {
    const w = open();
    await w.team('Europe/Berlin');
    await w.importItems([item('night', { createdAt: '2025-06-06T21:00:00+02:00' })]); // Friday evening
    w.at('2025-06-07T10:00:00+02:00'); // Saturday: closed
    const sla = await w.call<ItemSla>('sla.item', { itemId: w.id('night') });
    expect(sla).toMatchObject({
      arrivedAt: Date.parse('2025-06-06T21:00:00+02:00'),
      arrivedOutOfHours: true,
      awaitingOpening: true,
      openNow: false,
      backAt: Date.parse('2025-06-09T09:00:00+02:00'),
      hoursText: 'Mon–Fri 09:00–17:00',
    });
    expect(sla.backAtText).toMatch(/Monday.*9 June.*09:00.*\(Europe\/Berlin\)/);
    expect(sla.businessLeftMs).toBe(H);
    const { templates } = await w.call<{ templates: { id: string; body: string }[] }>('templates.list', {});
    expect(templates.find((t) => t.id === 'out-of-hours')?.body).toMatch(/\{backAt\}.*|\{hours\}/);
  });

  it('an out-of-hours arrival is news only until the team opens; long after, it is overdue instead', async () => {
    const w = open();
    await w.team('Europe/Berlin');
    await w.importItems([
      item('night', { createdAt: '2025-06-06T21:00:00+02:00' }),
      item('day', { createdAt: '2025-06-06T10:00:00+02:00' }),
    ]);
    const sla = async () => w.call<ItemSla>('sla.item', { itemId: w.id('night') });
    // Monday, a minute before opening: still waiting for the team.
    w.at('2025-06-09T08:59:00+02:00');
    expect(await sla()).toMatchObject({ awaitingOpening: true, breached: false, openNow: false });
    // Monday 09:00 on the dot: the team is back, the arrival is history; the hour runs until 10:00.
    w.at('2025-06-09T09:00:00+02:00');
    expect(await sla()).toMatchObject({ arrivedOutOfHours: true, awaitingOpening: false, breached: false, openNow: true });
    // Thirteen days later, on a Saturday: away again, and the item is long overdue.
    w.at('2025-06-21T11:00:00+02:00');
    const late = await sla();
    expect(late).toMatchObject({
      arrivedOutOfHours: true,
      awaitingOpening: false,
      breached: true,
      openNow: false,
      backAt: Date.parse('2025-06-23T09:00:00+02:00'),
    });
    expect(late.due).toBe(Date.parse('2025-06-09T10:00:00+02:00'));
    // An item that arrived in hours never waits for an opening.
    expect(await w.call<ItemSla>('sla.item', { itemId: w.id('day') })).toMatchObject({ arrivedOutOfHours: false, awaitingOpening: false });
  });

  it('a team with no open hours has no dues and no “back at”, and says so', async () => {
    const w = open();
    await w.team('UTC', { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] });
    await w.importItems([item('x1', { createdAt: '2025-06-02T10:00:00Z' })]);
    const sla = await w.call<ItemSla>('sla.item', { itemId: w.id('x1') });
    expect(sla).toMatchObject({ due: null, backAt: null, openNow: false, hoursText: 'no open hours' });
  });
});
