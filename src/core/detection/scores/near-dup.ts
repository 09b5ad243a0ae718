// Incremental near-duplicate clustering. Each item's LSH band keys are stored when the band is
// new (item_bands); a new item looks up the item filed under each of its bands, confirms it on
// its signature, and joins (or merges) its cluster, `items.dup_group`, named by its smallest
// item id. Each cluster's size and time span per target are kept in dup_groups, and where it
// gained members (six-hour slots) in dup_dirty, for the campaign step.
import type { Database } from 'better-sqlite3';
import { stmt } from '../../db/statements';
import { fingerprint, sameText, type Fingerprint } from '../minhash';

/** New members are marked by the six-hour slot they fall in. */
export const SLOT_MS = 6 * 3_600_000;

/** dup_groups keys a missing target as ''. */
export const targetKey = (target: string | null): string => target ?? '';

interface Member {
  id: number;
  target: string | null;
  createdAt: number | null;
}

export class NearDupIndex {
  private prints = new Map<number, Fingerprint | null>();

  constructor(private readonly db: Database) {}

  private candidate(itemId: number): { fp: Fingerprint | null; group: number | null; member: Member } {
    const row = stmt<[number], { text: string; dup_group: number | null; target: string | null; created_at: number | null }>(
      this.db,
      'SELECT text, dup_group, target, created_at FROM items WHERE id = ?',
    ).get(itemId);
    const member = { id: itemId, target: row?.target ?? null, createdAt: row?.created_at ?? null };
    if (!row) return { fp: null, group: null, member };
    let fp = this.prints.get(itemId);
    if (fp === undefined) {
      fp = fingerprint(row.text);
      this.prints.set(itemId, fp);
    }
    return { fp, group: row.dup_group, member };
  }

  private touch(group: number, m: Member): void {
    if (m.createdAt === null) return;
    stmt(this.db, 'INSERT OR IGNORE INTO dup_dirty (id, target, slot) VALUES (?, ?, ?)').run(
      group,
      targetKey(m.target),
      Math.floor(m.createdAt / SLOT_MS),
    );
  }

  /** Counts a member in its cluster's statistics. */
  private count(group: number, m: Member): void {
    if (m.createdAt === null) return;
    stmt(
      this.db,
      `INSERT INTO dup_groups (id, target, members, first_at, last_at) VALUES (?, ?, 1, ?, ?)
       ON CONFLICT (id, target) DO UPDATE SET members = members + 1, first_at = min(first_at, excluded.first_at),
         last_at = max(last_at, excluded.last_at)`,
    ).run(group, targetKey(m.target), m.createdAt, m.createdAt);
  }

  /**
   * Files one item (scored for the first time) under its bands and joins it to its look-alikes.
   * `fp`: its fingerprint when already worked out (outside the write, by the scoring pass).
   */
  add(item: Member, text: string, fp: Fingerprint | null = fingerprint(text)): void {
    if (!fp) return;
    this.prints.set(item.id, fp);
    const lookup = stmt<[number], { item_id: number }>(this.db, 'SELECT item_id FROM item_bands WHERE band = ? LIMIT 1');
    const insert = stmt(this.db, 'INSERT OR IGNORE INTO item_bands (band, item_id) VALUES (?, ?)');
    const seen = new Set<number>();
    // Clusters to join: an existing cluster by its id, or a lone item (not in one yet).
    const groups = new Set<number>();
    const singles: Member[] = [];
    // A copy of a text already filed is found by its wording alone: one look-up, not one per band.
    const copy = lookup.get(fp.exact);
    const original = copy && copy.item_id !== item.id ? this.candidate(copy.item_id) : null;
    if (original?.fp && original.fp.exact === fp.exact) {
      if (original.group === null) singles.push(original.member);
      else groups.add(original.group);
    } else if (!copy) insert.run(fp.exact, item.id);
    for (const key of groups.size || singles.length || !fp.sig ? [] : fp.keys) {
      const found = lookup.all(key);
      for (const { item_id: other } of found) {
        if (other === item.id || seen.has(other)) continue;
        seen.add(other);
        const o = this.candidate(other);
        if (!o.fp || !sameText(o.fp, fp)) continue;
        if (o.group === null) singles.push(o.member);
        else groups.add(o.group);
      }
      // A bucket needs one member to be found by: the thousandth copy of a phrase adds no rows.
      if (!found.length) insert.run(key, item.id);
    }
    if (!groups.size && !singles.length) return;
    const target = Math.min(item.id, ...groups, ...singles.map((s) => s.id));
    for (const g of groups) {
      if (g === target) continue;
      this.merge(g, target);
    }
    const setGroup = stmt(this.db, 'UPDATE items SET dup_group = ? WHERE id = ?');
    for (const m of [...singles, item]) {
      setGroup.run(target, m.id);
      this.count(target, m);
      this.touch(target, m);
    }
  }

  /** Moves cluster `from` into `to`: members, statistics, campaigns, and where it changed. */
  private merge(from: number, to: number): void {
    stmt(this.db, 'UPDATE items SET dup_group = ? WHERE dup_group = ?').run(to, from);
    stmt(
      this.db,
      `INSERT INTO dup_groups (id, target, members, bursty, first_at, last_at)
         SELECT ?, target, members, bursty, first_at, last_at FROM dup_groups WHERE id = ? AND true
       ON CONFLICT (id, target) DO UPDATE SET members = members + excluded.members, bursty = bursty + excluded.bursty,
         first_at = min(first_at, excluded.first_at), last_at = max(last_at, excluded.last_at)`,
    ).run(to, from);
    stmt(this.db, 'DELETE FROM dup_groups WHERE id = ?').run(from);
    // Its campaigns are found again under the new name.
    stmt(this.db, 'UPDATE campaigns SET dup_group = ? WHERE dup_group = ?').run(to, from);
    stmt(this.db, 'INSERT OR IGNORE INTO dup_dirty (id, target, slot) SELECT ?, target, slot FROM dup_dirty WHERE id = ?').run(to, from);
    stmt(this.db, 'DELETE FROM dup_dirty WHERE id = ?').run(from);
  }
}
