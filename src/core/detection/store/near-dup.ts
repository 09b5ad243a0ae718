// Incremental near-duplicate clustering. Each item's LSH band keys are stored once
// (item_bands); a new item looks up a few items in each of its bands, confirms them on their
// signatures, and joins (or merges) their cluster, `items.dup_group`, named by its smallest
// item id. Clusters touched this way are handed to the campaign pass.
import type { Database } from 'better-sqlite3';
import { stmt } from '../../db/statements';
import { fingerprint, sameText, type Fingerprint } from '../minhash';

/** Items looked at per band (a bucket usually holds one: see add). */
const PER_BAND = 3;

export class NearDupIndex {
  /** Clusters that gained or merged members in this pass. */
  readonly touched = new Set<number>();
  private prints = new Map<number, Fingerprint | null>();

  constructor(private readonly db: Database) {}

  private printOf(itemId: number): { fp: Fingerprint | null; group: number | null } {
    const row = stmt<[number], { text: string; dup_group: number | null }>(this.db, 'SELECT text, dup_group FROM items WHERE id = ?').get(itemId);
    if (!row) return { fp: null, group: null };
    let fp = this.prints.get(itemId);
    if (fp === undefined) {
      fp = fingerprint(row.text);
      this.prints.set(itemId, fp);
    }
    return { fp, group: row.dup_group };
  }

  /** Files one item (scored for the first time) under its bands and joins it to its look-alikes. */
  add(itemId: number, text: string): void {
    const fp = fingerprint(text);
    if (!fp) return;
    this.prints.set(itemId, fp);
    const lookup = stmt<[number, number], { item_id: number }>(this.db, 'SELECT item_id FROM item_bands WHERE band = ? LIMIT ?');
    const insert = stmt(this.db, 'INSERT OR IGNORE INTO item_bands (band, item_id) VALUES (?, ?)');
    const seen = new Set<number>();
    const groups = new Set<number>();
    for (const key of fp.keys) {
      const found = lookup.all(key, PER_BAND);
      for (const { item_id: other } of found) {
        if (other === itemId || seen.has(other)) continue;
        seen.add(other);
        const o = this.printOf(other);
        if (o.fp && sameText(o.fp, fp)) groups.add(o.group ?? other);
      }
      // A bucket needs one member to be found by: the thousandth copy of a phrase adds no rows.
      if (!found.length) insert.run(key, itemId);
    }
    if (!groups.size) return;
    const target = Math.min(itemId, ...groups);
    const move = stmt(this.db, 'UPDATE items SET dup_group = ? WHERE dup_group = ?');
    const setOne = stmt(this.db, 'UPDATE items SET dup_group = ? WHERE id = ? AND dup_group IS NULL');
    for (const g of groups) {
      if (g === target) continue;
      // A singleton's group is its own id before it has one stored.
      setOne.run(target, g);
      move.run(target, g);
      this.touched.delete(g);
      // The merged cluster's campaigns are found again under the new name.
      stmt(this.db, 'UPDATE campaigns SET dup_group = ? WHERE dup_group = ?').run(target, g);
    }
    setOne.run(target, target);
    stmt(this.db, 'UPDATE items SET dup_group = ? WHERE id = ?').run(target, itemId);
    this.touched.add(target);
  }
}
