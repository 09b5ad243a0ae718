// "Would match 312 of the last 10,000 items": a draft rule set run over the newest items
// without writing anything. The focused rule is counted on its own (what it matches) and in
// its place (what it would route once the enabled rules before it had their pick).
import type { Database } from 'better-sqlite3';
import type { RuleDraft, RulePreview } from '../../../shared/rules';
import { stmt } from '../../db/statements';
import { Router } from './compile';
import { ItemContext } from './conditions';
import { routableOf, routingSelect, type RoutingRow } from './read-items';

export const PREVIEW_EXAMPLES = 5;

export function previewRules(db: Database, drafts: readonly RuleDraft[], focus: number, limit: number, now: number): RulePreview {
  // Drafts have no ids yet; the preview never stores them.
  const router = new Router(drafts.map((d, i) => ({ ...d, id: d.id ?? `draft-${i}` })));
  const rows = stmt<[number], RoutingRow>(db, routingSelect(db, '1', 'ORDER BY i.id DESC LIMIT ?')).all(limit);
  const perRule = router.rules.map((r) => ({ name: r.spec.name, routed: 0 }));
  const index = new Map(router.rules.map((r, i) => [r, i]));
  const focused = router.rules[focus];
  const out: RulePreview = { scanned: rows.length, matched: 0, routed: 0, perRule, examples: [] };
  for (const row of rows) {
    const item = routableOf(row);
    const hit = router.first(item, now);
    if (hit) perRule[index.get(hit.rule)!]!.routed++;
    if (!focused) continue;
    // A disabled rule is previewed too: that is how an admin tries one before switching it on.
    const ctx = hit?.rule === focused ? hit.ctx : new ItemContext(item, now);
    if (!focused.test(ctx)) continue;
    out.matched++;
    if (out.examples.length < PREVIEW_EXAMPLES)
      out.examples.push({ id: row.id, text: row.text.slice(0, 200), queue: row.queue, why: focused.routed(ctx).why });
  }
  out.routed = focused ? perRule[focus]!.routed : 0;
  return out;
}
