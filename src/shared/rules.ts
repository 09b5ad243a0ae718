// Routing rules: the one model the admin's editor and core's evaluator share. A rule set is
// an ordered list; each rule holds when all its conditions hold, and the first enabled rule
// that holds decides everything it sets (queue, assignee or team, priority boost, SLA policy,
// labels). Later rules add nothing, labels included: one rule explains an item's place, so
// "why is it here" always has one answer (see docs/user-guide.md, Routing rules).
import { z } from 'zod';
import { DETECTION_QUEUES, ITEM_KINDS } from './model';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** What the type classifier says of a message; values outside these are allowed but never produced. */
export const ITEM_TYPES = ['question', 'complaint', 'compliment', 'other'] as const;
export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;

export const RULE_LIMITS = { rules: 500, conditions: 20, values: 200, previewItems: 100_000 } as const;

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const word = z.string().trim().min(1, 'a value cannot be empty').max(200);
const words = z.array(word).min(1, 'give at least one value').max(RULE_LIMITS.values);
const zone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(validZone, { message: 'unknown time zone: use an IANA name such as Europe/Berlin, or UTC' })
  .default('UTC');
const setOp = z.enum(['in', 'not_in']);
const numOp = z.enum(['gte', 'lte']);
const hour = z.number().int().min(0).max(23);

/** One test on an item. A field the item does not have (no language, no type yet) never holds. */
export const ruleCondition = z.discriminatedUnion('field', [
  z.object({ field: z.literal('kind'), op: setOp, value: z.array(z.enum(ITEM_KINDS)).min(1, 'pick at least one kind') }).strict(),
  z.object({ field: z.literal('platform'), op: setOp, value: words }).strict(),
  /** `contains`: part of the target's name, folded like keywords. */
  z.object({ field: z.literal('target'), op: z.enum(['in', 'not_in', 'contains']), value: words }).strict(),
  /** Whole words or phrases, case- and accent-insensitive. */
  z.object({ field: z.literal('keywords'), op: z.enum(['any', 'all', 'none']), value: words }).strict(),
  /** Language tag; `en` also matches `en-GB`. */
  z.object({ field: z.literal('language'), op: setOp, value: words }).strict(),
  z.object({ field: z.literal('type'), op: setOp, value: words }).strict(),
  z.object({ field: z.literal('sentiment'), op: setOp, value: words }).strict(),
  /** The author's account risk score (0 genuine … 1 fake), as detection last scored it. */
  z.object({ field: z.literal('authorRisk'), op: numOp, value: z.number().min(0).max(1) }).strict(),
  /** Followers without those the follower audit found fake (the reach priority uses). */
  z.object({ field: z.literal('influence'), op: numOp, value: z.number().int().min(0) }).strict(),
  /** Hour the item was posted, in a zone; `from` > `to` wraps midnight (22 → 6). Both ends included. */
  z.object({ field: z.literal('hour'), op: z.literal('between'), value: z.object({ from: hour, to: hour }).strict(), zone }).strict(),
  z.object({ field: z.literal('weekday'), op: setOp, value: z.array(z.enum(WEEKDAYS)).min(1, 'pick at least one day'), zone }).strict(),
  /** Minutes since the item was posted, when the rule runs. */
  z.object({ field: z.literal('age'), op: numOp, value: z.number().int().min(0).max(525_600) }).strict(),
]);
export type RuleCondition = z.output<typeof ruleCondition>;
export type RuleConditionIn = z.input<typeof ruleCondition>;
export type RuleField = RuleCondition['field'];

const RESERVED = new Set<string>(DETECTION_QUEUES);
const queueName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((q) => !RESERVED.has(q), { message: 'detection queues are filled by detection, not by rules: pick another queue' });
/** A label, as people and rules give it (the same rule everywhere labels come in). */
export const labelName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[^,\n\r]+$/, 'a label cannot contain commas or line breaks');

export const ruleActions = z
  .object({
    queue: queueName.optional(),
    assignee: z.string().trim().min(1).max(200).optional(),
    team: z.string().trim().min(1).max(200).optional(),
    /** Multiplies the item's priority (risk × reach × urgency). */
    boost: z.number().min(0.1).max(10).optional(),
    /** The name of an SLA policy; the SLA engine reads it from the item. */
    sla: z.string().trim().min(1).max(64).optional(),
    labels: z.array(labelName).min(1).max(10).optional(),
  })
  .strict()
  .refine((a) => !(a.assignee && a.team), { message: 'a rule gives an item to a person or to a team, not both' })
  .refine((a) => Object.values(a).some((v) => v !== undefined), { message: 'a rule needs at least one action' });
export type RuleActions = z.output<typeof ruleActions>;

export const ruleInput = z
  .object({
    /** Kept across saves so items keep pointing at their rule; new rules get one when saved. */
    id: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[\w-]+$/, 'a rule id holds letters, digits, - and _')
      .optional(),
    name: z.string().trim().min(1, 'a rule needs a name').max(100),
    enabled: z.boolean().default(true),
    /** All must hold; none matches every item (a catch-all, best placed last). */
    conditions: z.array(ruleCondition).max(RULE_LIMITS.conditions),
    actions: ruleActions,
  })
  .strict();
export type RuleIn = z.input<typeof ruleInput>;
export type RuleDraft = z.output<typeof ruleInput>;

export const ruleSet = z
  .array(ruleInput)
  .max(RULE_LIMITS.rules)
  .superRefine((rules, ctx) => {
    const ids = new Set<string>();
    const names = new Set<string>();
    rules.forEach((r, i) => {
      if (r.id !== undefined) {
        if (ids.has(r.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `two rules have the id ${r.id}` });
        ids.add(r.id);
      }
      const n = r.name.toLowerCase();
      if (names.has(n)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `two rules are called “${r.name}”: names must differ` });
      names.add(n);
    });
  });

/** A saved rule. */
export interface Rule extends RuleDraft {
  id: string;
  position: number;
  updatedAt: number;
  updatedBy: string;
}

/** What routing recorded on an item: which rule, why, and what it set. */
export interface ItemRouting {
  ruleId: string;
  ruleName: string;
  /** The conditions that held, in words. */
  why: string;
  queue: string | null;
  assignee: string | null;
  team: string | null;
  boost: number;
  sla: string | null;
  labels: string[];
}

export interface RulePreview {
  /** Items looked at: the newest `limit` items. */
  scanned: number;
  /** Items the focused rule matches on its own (ignoring the rules before it). */
  matched: number;
  /** Items it would route, once the enabled rules before it had their pick. */
  routed: number;
  /** Per rule of the set, in order: items it would route (first match wins). */
  perRule: { name: string; routed: number }[];
  examples: { id: number; text: string; queue: string; why: string }[];
}
