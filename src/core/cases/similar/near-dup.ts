// Resolved cases holding a near-duplicate of a text, through the LSH bands detection already
// keeps (item_bands, see detection/scores/near-dup.ts): the exact-wording key first, then the
// MinHash bands. A bucket keeps one item to be found by; that item's cluster (dup_group)
// leads to the others, and the cluster to their cases along items_dup_group_case.
import type { Database } from 'better-sqlite3';
import { stmt } from '../../db/statements';
import { estimatedJaccard, fingerprint, sameText, type Fingerprint } from '../../detection/minhash';

export interface NearHit {
  root: number;
  itemId: number;
  exact: boolean;
  /** Estimated Jaccard similarity of their shingles (1 for the same wording). */
  score: number;
}

/** Members of one cluster looked at: a spam wave of thousands is not walked whole. */
const CLUSTER_SCAN = 5000;
/** Resolved cases taken from one cluster, before they are compared to the text. */
const PER_CLUSTER = 50;

/** One cluster's members (a bounded walk of the index), to their resolved cases. */
export const CLUSTER_CASES_SQL = `SELECT m.case_root AS root, min(m.id) AS id
  FROM (SELECT case_root, id FROM items INDEXED BY items_dup_group_case WHERE dup_group = ? LIMIT ?) m
  JOIN cases c ON c.root_item = m.case_root
  WHERE c.status = 'resolved' AND m.case_root <> ?
  GROUP BY m.case_root LIMIT ?`;

interface Member {
  id: number;
  text: string;
  dup_group: number | null;
  case_root: number | null;
}

export function nearDuplicateCases(db: Database, text: string, ownRoot: number | null): NearHit[] {
  const fp = fingerprint(text);
  if (!fp) return [];
  const member = stmt<[number], Member>(db, 'SELECT id, text, dup_group, case_root FROM items WHERE id = ?');
  const inBucket = stmt<[number], { item_id: number }>(db, 'SELECT item_id FROM item_bands WHERE band = ? LIMIT 4');
  const resolvedCase = stmt<[number], { status: string }>(db, "SELECT status FROM cases WHERE root_item = ? AND status = 'resolved'");
  const clusterCases = stmt<[number, number, number, number], { root: number; id: number }>(db, CLUSTER_CASES_SQL);

  const prints = new Map<number, Fingerprint | null>();
  const printOf = (m: Member) => {
    let p = prints.get(m.id);
    if (p === undefined) prints.set(m.id, (p = fingerprint(m.text)));
    return p;
  };
  const hits = new Map<number, NearHit>();
  const consider = (m: Member) => {
    if (m.case_root === null || m.case_root === ownRoot) return;
    const p = printOf(m);
    if (!p || !sameText(p, fp)) return;
    const exact = p.exact === fp.exact;
    const score = exact ? 1 : p.sig && fp.sig ? estimatedJaccard(p.sig, fp.sig) : 0;
    const prev = hits.get(m.case_root);
    if (!prev || (exact && !prev.exact) || (exact === prev.exact && score > prev.score))
      hits.set(m.case_root, { root: m.case_root, itemId: m.id, exact, score });
  };

  const clusters = new Set<number>();
  const seen = new Set<number>();
  // The exact wording first: for a copy, its one bucket says everything.
  for (const key of [fp.exact, ...(fp.sig ? fp.keys : [])]) {
    for (const { item_id } of inBucket.all(key)) {
      if (seen.has(item_id)) continue;
      seen.add(item_id);
      const m = member.get(item_id);
      if (!m) continue;
      // A bucket's item may itself be the answer, clustered or not.
      if (m.case_root !== null && resolvedCase.get(m.case_root)) consider(m);
      const p = printOf(m);
      if (m.dup_group !== null && p && sameText(p, fp)) clusters.add(m.dup_group);
    }
  }
  for (const group of clusters) {
    for (const c of clusterCases.all(group, CLUSTER_SCAN, ownRoot ?? -1, PER_CLUSTER)) {
      const m = member.get(c.id);
      if (m) consider(m);
    }
  }
  return [...hits.values()].sort((a, b) => Number(b.exact) - Number(a.exact) || b.score - a.score || a.root - b.root);
}
