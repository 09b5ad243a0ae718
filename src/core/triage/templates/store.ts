// The team's reply templates, kept by admins: list, save (create or replace), delete, reorder.
import type { Database } from 'better-sqlite3';
import type { ArgsOut } from '../../../shared/contract';
import { VigilFailure } from '../../../shared/errors';
import type { ReplyTemplate } from '../../../shared/model';
import { TEMPLATE_VARIABLES, type TemplateKind } from '../../../shared/templates';
import { stmt } from '../../db/statements';

interface TemplateRow {
  id: string;
  name: string;
  body: string;
  kind: TemplateKind;
  reason: string | null;
  tags: string;
  updated_at: number | null;
  updated_by: string | null;
}

const COLUMNS = 'id, name, body, kind, reason, tags, updated_at, updated_by';

const toTemplate = (r: TemplateRow): ReplyTemplate => ({
  id: r.id,
  name: r.name,
  body: r.body,
  kind: r.kind,
  reason: r.reason,
  tags: JSON.parse(r.tags) as string[],
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

export function listTemplates(db: Database): ReplyTemplate[] {
  return stmt<[], TemplateRow>(db, `SELECT ${COLUMNS} FROM templates ORDER BY position, name`).all().map(toTemplate);
}

export function templateById(db: Database, id: string): ReplyTemplate | null {
  const r = stmt<[string], TemplateRow>(db, `SELECT ${COLUMNS} FROM templates WHERE id = ?`).get(id);
  return r ? toTemplate(r) : null;
}

/**
 * A readable id from the name, made unique: ids travel in reply events, so they never change once given.
 * Runs of other characters are one hyphen by then, so trimming one at each end is enough.
 */
function newId(db: Database, name: string): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 48) || 'template';
  const taken = stmt<[string], { id: string }>(db, 'SELECT id FROM templates WHERE id = ?');
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!taken.get(id)) return id;
  }
}

/** Placeholders that are not variables are allowed (the moderator fills them), but a typo of one is worth saying. */
function misspeltVariable(body: string): string | null {
  const known = new Set<string>(TEMPLATE_VARIABLES);
  for (const [, k] of body.matchAll(/\{(\w+)\}/g)) {
    const lower = k!.toLowerCase();
    const near = TEMPLATE_VARIABLES.find((v) => v.toLowerCase() === lower);
    if (!known.has(k!) && near) return `{${k}} is not filled: the variable is spelt {${near}}.`;
  }
  return null;
}

export function saveTemplate(db: Database, t: ArgsOut<'templates.save'>, by: string, now: number): ReplyTemplate {
  const typo = misspeltVariable(t.body);
  if (typo) throw new VigilFailure('invalid_args', typo, { path: ['body'] });
  const reason = t.kind === 'reply' ? null : (t.reason ?? null);
  const tags = JSON.stringify([...new Set(t.tags)]);
  return db.transaction(() => {
    if (t.id !== undefined) {
      const r = stmt(
        db,
        'UPDATE templates SET name = ?, body = ?, kind = ?, reason = ?, tags = ?, updated_at = ?, updated_by = ? WHERE id = ?',
      ).run(t.name, t.body, t.kind, reason, tags, now, by, t.id);
      if (r.changes === 0)
        throw new VigilFailure('not_found', `There is no template ${t.id} (another admin may have deleted it).`, { id: t.id });
      return templateById(db, t.id)!;
    }
    const id = newId(db, t.name);
    stmt(
      db,
      `INSERT INTO templates (id, name, body, position, kind, reason, tags, updated_at, updated_by)
       VALUES (?, ?, ?, (SELECT coalesce(max(position), -1) + 1 FROM templates), ?, ?, ?, ?, ?)`,
    ).run(id, t.name, t.body, t.kind, reason, tags, now, by);
    return templateById(db, id)!;
  })();
}

export function deleteTemplate(db: Database, id: string): boolean {
  // Replies already sent keep the id in their payload: the text they carry is what was sent.
  return stmt(db, 'DELETE FROM templates WHERE id = ?').run(id).changes > 0;
}

/** The ids in the order wanted; templates not named keep their relative order after them. */
export function reorderTemplates(db: Database, ids: readonly string[]): ReplyTemplate[] {
  db.transaction(() => {
    const current = listTemplates(db).map((t) => t.id);
    const unknown = ids.filter((id) => !current.includes(id));
    if (unknown.length) throw new VigilFailure('not_found', `There is no template ${unknown.join(', ')}.`, { ids: unknown });
    const order = [...new Set(ids), ...current.filter((id) => !ids.includes(id))];
    const set = stmt(db, 'UPDATE templates SET position = ? WHERE id = ?');
    order.forEach((id, i) => set.run(i, id));
  })();
  return listTemplates(db);
}
