import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { columns, openAt, rawItem, reopenAt, userVersion } from './steps';

const UP_TO_20 = MIGRATIONS.findIndex((m) => m.version === 20) + 1;

describe('migration 0020: routed case owner', () => {
  it("gives open cases nobody took to their rule's assignee or team, and leaves the rest alone", () => {
    const { db: v19, file } = openAt(19);
    const open = (route: string | null, more: { status?: string; owner?: string } = {}) => {
      const id = rawItem(v19);
      v19.prepare('UPDATE items SET route = ?, case_root = id WHERE id = ?').run(route, id);
      v19
        .prepare('INSERT INTO cases (root_item, status, owner, opened_at, last_at) VALUES (?, ?, ?, 1, 1)')
        .run(id, more.status ?? 'open', more.owner ?? null);
      return id;
    };
    const toTeam = open(JSON.stringify({ rule: 'R', why: 'w', team: 'billing' }));
    const toPerson = open(JSON.stringify({ rule: 'R', why: 'w', assignee: 'bo', team: 'billing' }));
    const unrouted = open(null);
    const queueOnly = open(JSON.stringify({ rule: 'R', why: 'w' }));
    const taken = open(JSON.stringify({ rule: 'R', why: 'w', team: 'billing' }), { owner: 'ana' });
    const resolved = open(JSON.stringify({ rule: 'R', why: 'w', team: 'billing' }), { status: 'resolved' });
    // Handed over and back to nobody cannot happen, but a take later undone leaves owner null with case events behind.
    const undone = open(JSON.stringify({ rule: 'R', why: 'w', team: 'billing' }));
    v19
      .prepare(
        `INSERT INTO events (id, item_id, action, actor, created_at, client_id, client_seq, base_version, prev_hash, hash)
       VALUES ('e1', ?, 'case-take', 'ana', 1, 'c', 1, 0, '', '')`,
      )
      .run(undone);

    const db = reopenAt(v19, file, UP_TO_20);
    expect(userVersion(db)).toBe(20);
    expect(columns(db, 'cases')).toContain('owner_routed');
    const owner = (id: number) => db.prepare('SELECT owner, owner_routed AS routed FROM cases WHERE root_item = ?').get(id);
    expect(owner(toTeam)).toEqual({ owner: 'billing', routed: 1 });
    expect(owner(toPerson)).toEqual({ owner: 'bo', routed: 1 });
    expect(owner(unrouted)).toEqual({ owner: null, routed: 0 });
    expect(owner(queueOnly)).toEqual({ owner: null, routed: 0 });
    expect(owner(taken)).toEqual({ owner: 'ana', routed: 0 });
    expect(owner(resolved)).toEqual({ owner: null, routed: 0 });
    expect(owner(undone)).toEqual({ owner: null, routed: 0 });
  });
});
