// The admin's triage configuration as it travels through sync: every saved document (the
// ordered rule set, one reply template, one team's calendar, one SLA policy, the detection
// thresholds) is an event in the same server log as decisions, carrying the whole new
// document and the event it was based on. The server keeps documents only as that log: a
// document's revision is the number of accepted events on it, and an edit is accepted only if
// it builds on the newest one (compare-and-swap on the event id, never last-writer-wins).
//
// Why events on a reserved "platform" rather than a new table and route: the server's order,
// pull cursor, snapshot, pokes, outbox and refusal list then carry configuration with no new
// protocol, and a workstation applies configuration in exactly the order the server accepted
// it, between the decisions and content around it.
import { z } from 'zod';
import { holiday, timeZone, weeklyHours } from './hours';
import { ruleSet } from './rules';
import type { Role } from './sync';
import { TEMPLATE_KINDS } from './templates';

/** The "platform" of configuration events; the document key stands where an item's id would. */
export const CONFIG_PLATFORM = '@config';
export const CONFIG_ACTION = 'config';

export const CONFIG_KINDS = ['rules', 'template', 'team', 'sla-policy', 'thresholds'] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];

/**
 * Who may change each kind. Rules, templates, calendars and policies are the admin's (the app
 * already lets only admins edit them); detection thresholds are an operational call the app has
 * let anyone make on their own workstation, so on a team a supervisor may make it for everyone.
 */
export const CONFIG_EDITORS: Record<ConfigKind, readonly Role[]> = {
  rules: ['admin'],
  template: ['admin'],
  team: ['admin'],
  'sla-policy': ['admin'],
  thresholds: ['supervisor', 'admin'],
};

const KIND_WORDS: Record<ConfigKind, string> = {
  rules: 'the routing rules',
  template: 'reply templates',
  team: 'business hours',
  'sla-policy': 'SLA policies',
  thresholds: 'detection thresholds',
};

/** A document's key: `rules`, `thresholds`, or `kind:key` (a template id, a team's or policy's sync key). */
export function docKey(kind: ConfigKind, key?: string): string {
  return key === undefined ? kind : `${kind}:${key}`;
}

export function kindOf(doc: string): ConfigKind | null {
  const kind = doc.split(':', 1)[0] as ConfigKind;
  if (!CONFIG_KINDS.includes(kind)) return null;
  const single = kind === 'rules' || kind === 'thresholds';
  return single === (doc === kind) ? kind : null;
}

export function kindWords(kind: ConfigKind): string {
  return KIND_WORDS[kind];
}

/** "the routing rules", "reply template thanks", … for messages and the refused list. */
export function describeDoc(doc: string): string {
  const kind = kindOf(doc);
  if (!kind) return doc;
  return doc === kind
    ? KIND_WORDS[kind]
    : `${kind === 'sla-policy' ? 'SLA policy' : kind === 'team' ? 'team' : 'reply template'} ${doc.slice(kind.length + 1)}`;
}

export function mayEdit(kind: ConfigKind, role: string | null | undefined): boolean {
  return role === undefined || role === null || (CONFIG_EDITORS[kind] as readonly string[]).includes(role);
}

export function editorsText(kind: ConfigKind): string {
  return CONFIG_EDITORS[kind].length === 1 ? `an ${CONFIG_EDITORS[kind][0]}` : 'a supervisor or an admin';
}

const key = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\w.-]+$/);
const threshold = z.number().min(0).max(1);

/** The whole document of each kind, as it travels. Every rule carries its id, so items keep pointing at it everywhere. */
export const CONFIG_BODIES = {
  rules: z.object({ rules: ruleSet.refine((rs) => rs.every((r) => r.id !== undefined), 'every rule travels with its id') }).strict(),
  template: z.union([
    z
      .object({
        name: z.string().trim().min(1).max(200),
        body: z.string().trim().min(1).max(5000),
        kind: z.enum(TEMPLATE_KINDS),
        reason: z.string().max(500).nullable(),
        tags: z.array(z.string().max(64)).max(20),
        position: z.number().int().min(0),
      })
      .strict(),
    z.object({ deleted: z.literal(true) }).strict(),
  ]),
  team: z.object({ name: z.string().trim().min(1).max(200), timeZone, weekly: weeklyHours, holidays: z.array(holiday).max(1000) }).strict(),
  'sla-policy': z
    .object({
      name: z.string().trim().min(1).max(200),
      /** The team's sync key. */
      team: key,
      firstResponseMinutes: z.number().int().min(1).max(525_600),
      resolutionMinutes: z.number().int().min(1).max(525_600),
      isDefault: z.boolean(),
    })
    .strict(),
  thresholds: z
    .object({
      thresholds: z.object({ 'spam-waves': threshold, 'fake-reviews': threshold, 'fake-accounts': threshold, spam: threshold }).strict(),
    })
    .strict(),
} as const;
export type ConfigBody<K extends ConfigKind> = z.output<(typeof CONFIG_BODIES)[K]>;

/** An event's payload: the whole new document, and the id of the accepted event it was based on (null: the first). */
export interface ConfigPayload {
  base: string | null;
  doc: unknown;
}

/** The document key, payload and body of a config event, checked; or why it is not one. */
export function readConfigEvent(e: {
  externalId: string;
  payload?: Record<string, unknown> | null;
}): { ok: true; kind: ConfigKind; base: string | null; body: unknown } | { ok: false; problem: string } {
  const kind = kindOf(e.externalId);
  if (!kind) return { ok: false, problem: `“${e.externalId}” is not a configuration document` };
  if (kind !== 'rules' && kind !== 'thresholds' && !key.safeParse(e.externalId.slice(kind.length + 1)).success) {
    return { ok: false, problem: `“${e.externalId}” has no valid key` };
  }
  const p = e.payload ?? {};
  const base = p.base;
  if (base !== null && typeof base !== 'string') return { ok: false, problem: 'a configuration change names the revision it was based on' };
  const body = CONFIG_BODIES[kind].safeParse(p.doc);
  if (!body.success)
    return { ok: false, problem: `the document is not valid ${KIND_WORDS[kind]}: ${body.error.issues[0]?.message ?? 'bad shape'}` };
  return { ok: true, kind, base, body: body.data };
}

/** What the dialogs show of a document: its revision on the server, who changed it last, and whether a change of this workstation waits to go out. */
export interface ConfigDocInfo {
  doc: string;
  revision: number;
  changedBy: string;
  changedAt: number;
  /** Changes made here that the server has not answered yet. */
  pending: number;
}
