// The editor's form of a rule: every field a string as typed, turned into the shared rule
// model (and validated by its schema) only when it is previewed or saved.
import type { Rule, RuleConditionIn, RuleField, RuleIn } from '@shared/rules';

export interface ConditionForm {
  field: RuleField;
  op: string;
  /** Comma-separated values, or one number. */
  text: string;
  from: string;
  to: string;
  zone: string;
}

export interface RuleForm {
  id?: string;
  name: string;
  enabled: boolean;
  conditions: ConditionForm[];
  queue: string;
  owner: 'none' | 'assignee' | 'team';
  ownerName: string;
  boost: string;
  sla: string;
  labels: string;
}

export const FIELDS: { field: RuleField; label: string; ops: { op: string; label: string }[]; hint: string }[] = [
  {
    field: 'keywords',
    label: 'Keywords',
    ops: [
      { op: 'any', label: 'has any of' },
      { op: 'all', label: 'has all of' },
      { op: 'none', label: 'has none of' },
    ],
    hint: 'words or phrases, comma-separated',
  },
  {
    field: 'kind',
    label: 'Kind',
    ops: [
      { op: 'in', label: 'is' },
      { op: 'not_in', label: 'is not' },
    ],
    hint: 'post, mention, reply, comment, review',
  },
  {
    field: 'platform',
    label: 'Platform',
    ops: [
      { op: 'in', label: 'is' },
      { op: 'not_in', label: 'is not' },
    ],
    hint: 'x, youtube, trustpilot…',
  },
  {
    field: 'target',
    label: 'Target',
    ops: [
      { op: 'in', label: 'is' },
      { op: 'not_in', label: 'is not' },
      { op: 'contains', label: 'contains' },
    ],
    hint: 'brand, product or hotel',
  },
  {
    field: 'type',
    label: 'Type',
    ops: [
      { op: 'in', label: 'is' },
      { op: 'not_in', label: 'is not' },
    ],
    hint: 'question, complaint, compliment, other',
  },
  {
    field: 'sentiment',
    label: 'Sentiment',
    ops: [
      { op: 'in', label: 'is' },
      { op: 'not_in', label: 'is not' },
    ],
    hint: 'negative, neutral, positive',
  },
  {
    field: 'language',
    label: 'Language',
    ops: [
      { op: 'in', label: 'is' },
      { op: 'not_in', label: 'is not' },
    ],
    hint: 'en, de, fr…',
  },
  {
    field: 'authorRisk',
    label: 'Author risk',
    ops: [
      { op: 'gte', label: 'at least' },
      { op: 'lte', label: 'at most' },
    ],
    hint: '0 genuine … 1 fake',
  },
  {
    field: 'influence',
    label: 'Reach (fake followers out)',
    ops: [
      { op: 'gte', label: 'at least' },
      { op: 'lte', label: 'at most' },
    ],
    hint: 'followers',
  },
  { field: 'hour', label: 'Hour posted', ops: [{ op: 'between', label: 'between' }], hint: '0–23, in the zone' },
  {
    field: 'weekday',
    label: 'Day posted',
    ops: [
      { op: 'in', label: 'is' },
      { op: 'not_in', label: 'is not' },
    ],
    hint: 'mon, tue, … sun',
  },
  {
    field: 'age',
    label: 'Age',
    ops: [
      { op: 'gte', label: 'at least' },
      { op: 'lte', label: 'at most' },
    ],
    hint: 'minutes since posted',
  },
];

export function blankCondition(field: RuleField = 'keywords'): ConditionForm {
  const def = FIELDS.find((f) => f.field === field)!;
  return { field, op: def.ops[0]!.op, text: '', from: '9', to: '17', zone: 'UTC' };
}

export function blankRule(n: number): RuleForm {
  return {
    name: `New rule ${n}`,
    enabled: true,
    conditions: [blankCondition()],
    queue: '',
    owner: 'none',
    ownerName: '',
    boost: '',
    sla: '',
    labels: '',
  };
}

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
/** A number as typed; NaN (which the schema refuses with its message) when it is not one. */
const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

export function toCondition(c: ConditionForm): RuleConditionIn {
  switch (c.field) {
    case 'authorRisk':
    case 'influence':
    case 'age':
      return { field: c.field, op: c.op, value: num(c.text) } as RuleConditionIn;
    case 'hour':
      return { field: 'hour', op: 'between', value: { from: num(c.from), to: num(c.to) }, zone: c.zone.trim() || 'UTC' };
    case 'weekday':
      return { field: 'weekday', op: c.op, value: list(c.text.toLowerCase()), zone: c.zone.trim() || 'UTC' } as RuleConditionIn;
    case 'kind':
      return { field: 'kind', op: c.op, value: list(c.text.toLowerCase()) } as RuleConditionIn;
    default:
      return { field: c.field, op: c.op, value: list(c.text) } as RuleConditionIn;
  }
}

export function toRuleIn(r: RuleForm): RuleIn {
  const owner = r.ownerName.trim();
  const labels = list(r.labels);
  const actions: RuleIn['actions'] = {};
  if (r.queue.trim()) actions.queue = r.queue.trim();
  if (r.owner === 'assignee' && owner) actions.assignee = owner;
  if (r.owner === 'team' && owner) actions.team = owner;
  if (r.boost.trim()) actions.boost = num(r.boost);
  if (r.sla.trim()) actions.sla = r.sla.trim();
  if (labels.length) actions.labels = labels;
  return { ...(r.id ? { id: r.id } : {}), name: r.name, enabled: r.enabled, conditions: r.conditions.map(toCondition), actions };
}

export function fromRule(r: Rule): RuleForm {
  const a = r.actions;
  return {
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    conditions: r.conditions.map((c) => {
      const base = blankCondition(c.field);
      if (c.field === 'hour') return { ...base, from: String(c.value.from), to: String(c.value.to), zone: c.zone };
      if (c.field === 'weekday') return { ...base, op: c.op, text: c.value.join(', '), zone: c.zone };
      return { ...base, op: c.op, text: Array.isArray(c.value) ? c.value.join(', ') : String(c.value) };
    }),
    queue: a.queue ?? '',
    owner: a.assignee ? 'assignee' : a.team ? 'team' : 'none',
    ownerName: a.assignee ?? a.team ?? '',
    boost: a.boost === undefined ? '' : String(a.boost),
    sla: a.sla ?? '',
    labels: (a.labels ?? []).join(', '),
  };
}

/** A schema issue's path as a person reads it: "condition 2: value" rather than "0.conditions.1.value". */
export function issueText(path: readonly PropertyKey[], message: string): string {
  const rest = path.slice(1).map(String);
  const where: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const p = rest[i]!;
    if (p === 'conditions' && rest[i + 1] !== undefined) where.push(`condition ${Number(rest[++i]) + 1}`);
    else if (p !== 'value') where.push(p);
  }
  return where.length ? `${where.join(' ')}: ${message}` : message;
}
