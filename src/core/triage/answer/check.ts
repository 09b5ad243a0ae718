// The personalisation check a reply passes before it is recorded: not the bare
// template, not word for word what many customers got today, and the reason a contact or
// private-channel template asks for. It stops `decision.apply` unless the moderator overrides
// it with a reason, which the reply event then carries for supervisors to audit.
import type { Database } from 'better-sqlite3';
import { VigilFailure } from '../../../shared/errors';
import { caseRefOf, fillBody, KINDS_NEEDING_REASON, type ReplyCheckHit, type TemplateContext } from '../../../shared/templates';
import { stmt } from '../../db/statements';
import type { Actor } from '../../decisions/log';
import { itemSla } from '../sla/status';
import { isBare, REPEAT_LIMIT, replyTextKey, wordsAdded, wordsNeeded } from './personal';
import { templateById } from '../templates/store';
import { undoneSql } from '../../decisions/undone';

interface ItemFacts {
  author_id: number | null;
  author_name: string | null;
  author_handle: string | null;
  target: string | null;
  root_platform: string | null;
  root_external_id: string | null;
}

function factsOf(db: Database, itemId: number): ItemFacts {
  const r = stmt<[number], ItemFacts>(
    db,
    `SELECT i.author_id, a.name AS author_name, a.handle AS author_handle, i.target, r.platform AS root_platform, r.external_id AS root_external_id
     FROM items i LEFT JOIN accounts a ON a.id = i.author_id LEFT JOIN items r ON r.id = i.case_root WHERE i.id = ?`,
  ).get(itemId);
  if (!r) throw new VigilFailure('not_found', `There is no item ${itemId}.`, { itemId });
  return r;
}

/** The case reference of an item: its case's root item, or the item itself outside a case. */
export function caseRefOfItem(db: Database, itemId: number): string {
  const f = factsOf(db, itemId);
  if (f.root_platform !== null && f.root_external_id !== null) return caseRefOf(f.root_platform, f.root_external_id);
  const own = stmt<[number], { platform: string; external_id: string }>(db, 'SELECT platform, external_id FROM items WHERE id = ?').get(
    itemId,
  )!;
  return caseRefOf(own.platform, own.external_id);
}

/** What the reply editor filled the template's variables with, worked out again here. */
export function templateContext(db: Database, itemId: number, agent: string, now: number): TemplateContext {
  const f = factsOf(db, itemId);
  const sla = itemSla(db, itemId, now);
  return {
    authorName: f.author_name,
    authorHandle: f.author_handle,
    target: f.target,
    agent,
    backAt: sla.backAtText,
    hours: sla.hoursText,
    caseRef: caseRefOfItem(db, itemId),
  };
}

/** Midnight of the machine's local day: "today" as the moderator sees it. */
export function startOfLocalDay(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/**
 * Distinct customers who got this text (as sameTextKey sees it) since `since`, other than
 * the ones named: replies undone do not count. A customer is the item's author, or the item
 * itself when its author is unknown.
 */
export function recipientsOfText(db: Database, text: string, since: number, except: ReadonlySet<string> = new Set()): number {
  const rows = stmt<[string, number], { author_id: number | null; item_id: number }>(
    db,
    `SELECT i.author_id, e.item_id FROM reply_texts r JOIN events e ON e.seq = r.seq JOIN items i ON i.id = e.item_id
     WHERE r.text_key = ? AND r.created_at >= ? AND NOT ${undoneSql()}`,
  ).all(replyTextKey(text), since);
  const customers = new Set<string>();
  for (const r of rows) {
    const who = customerKey(r.author_id, r.item_id);
    if (!except.has(who)) customers.add(who);
  }
  return customers.size;
}

const customerKey = (authorId: number | null, itemId: number) => (authorId !== null ? `a${authorId}` : `i${itemId}`);

export interface ReplyDraft {
  itemId: number;
  text: string;
  templateId?: string | undefined;
}

/** What stops this reply, if anything (an empty list: it may go). */
export function checkReply(db: Database, who: Actor, d: ReplyDraft): ReplyCheckHit[] {
  const hits: ReplyCheckHit[] = [];
  const template = d.templateId ? templateById(db, d.templateId) : null;
  if (template) {
    const filled = fillBody(template.body, templateContext(db, d.itemId, who.actor, who.now()));
    if (isBare(d.text, filled)) {
      const missing = wordsNeeded(filled) - wordsAdded(d.text, filled);
      hits.push({
        check: 'bare',
        message: `This is still the bare template “${template.name}”: make it about this customer (their question, their order, what happens next) — at least ${missing} more word${missing === 1 ? '' : 's'} of your own — or override with a reason.`,
      });
    }
  }
  const f = factsOf(db, d.itemId);
  const already = recipientsOfText(db, d.text, startOfLocalDay(who.now()), new Set([customerKey(f.author_id, d.itemId)]));
  if (already >= REPEAT_LIMIT) {
    hits.push({
      check: 'repeated',
      message: `${already} other customers got this exact reply today: write it for this one, or override with a reason.`,
    });
  }
  return hits;
}

export interface ReplyCall {
  itemIds: readonly number[];
  note?: string | undefined;
  reason?: string | undefined;
  templateId?: string | undefined;
  override?: { reason: string } | undefined;
}

/**
 * Runs the check on every item of a reply and answers what each reply event's payload
 * carries beyond the template id: its case reference (for the connector), the template's
 * kind, and the override that let it through. Throws `action_refused` when it stops.
 */
export function guardReply(db: Database, who: Actor, a: ReplyCall): Map<number, Record<string, unknown>> {
  const template = a.templateId ? templateById(db, a.templateId) : null;
  if (template && KINDS_NEEDING_REASON.has(template.kind) && !(a.reason ?? '').trim()) {
    const what = template.kind === 'contact-request' ? 'asks the customer for contact details' : 'moves the customer to a private channel';
    throw new VigilFailure(
      'action_refused',
      `The template “${template.name}” ${what}: say why in the reason${template.reason ? ` (suggested: ${template.reason})` : ''}.`,
      {
        check: 'reason',
      },
    );
  }
  const out = new Map<number, Record<string, unknown>>();
  for (const itemId of a.itemIds) {
    const hits = checkReply(db, who, { itemId, text: a.note ?? '', templateId: a.templateId });
    if (hits.length && !a.override) {
      throw new VigilFailure('action_refused', hits.map((h) => h.message).join(' '), { itemId, hits });
    }
    out.set(itemId, {
      caseRef: caseRefOfItem(db, itemId),
      ...(template ? { kind: template.kind } : {}),
      ...(hits.length && a.override ? { override: { reason: a.override.reason, checks: hits.map((h) => h.check) } } : {}),
    });
  }
  return out;
}
