// Each condition compiled once into a predicate and a sentence. Predicates get a per-item
// context that folds the text and target at most once, whichever rules ask for them; no
// regular expression or set is built while items are routed.
import type { RuleCondition, Weekday } from '../../../shared/rules';
import type { RoutableItem } from './routable';
import { FoldedText, foldedWords, keywordMatcher, type KeywordMatcher } from './text-fold';
import { clockOf } from './zone-clock';

/** One item being routed: what several conditions need, computed on first use. */
export class ItemContext {
  private text_: FoldedText | null = null;
  private target_: FoldedText | null = null;
  constructor(
    readonly item: RoutableItem,
    /** When the rules run (for item age). */
    readonly now: number,
  ) {}
  get text(): FoldedText {
    return (this.text_ ??= new FoldedText(this.item.text));
  }
  get target(): FoldedText | null {
    if (this.item.target === null) return null;
    return (this.target_ ??= new FoldedText(this.item.target));
  }
}

export interface CompiledCondition {
  /** Lower runs first: cheap tests reject most items before the text is folded. */
  cost: number;
  test(c: ItemContext): boolean;
  /** Why it held, for an item it held for. */
  why(c: ItemContext): string;
}

const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

function list(values: readonly string[], joiner = 'or'): string {
  const shown = values.slice(0, 5).map((v) => `“${v}”`);
  if (values.length > 5) shown.push(`${values.length - 5} more`);
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} ${joiner} ${shown[shown.length - 1]}` : shown[0]!;
}

function num(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en') : String(Math.round(n * 100) / 100);
}

/** `in` / `not_in` over a text field compared case-insensitively; a missing value never holds. */
function setCondition(
  label: string,
  op: 'in' | 'not_in',
  values: readonly string[],
  read: (i: RoutableItem) => string | null | undefined,
  prefixes = false,
): CompiledCondition {
  const set = new Set(values.map((v) => v.toLowerCase()));
  const has = (v: string) => {
    const lower = v.toLowerCase();
    // A language rule for "en" takes "en-GB" too.
    if (set.has(lower)) return true;
    if (!prefixes) return false;
    const dash = lower.indexOf('-');
    return dash > 0 && set.has(lower.slice(0, dash));
  };
  const inSet = op === 'in';
  return {
    cost: 1,
    test: (c) => {
      const v = read(c.item);
      return v !== null && v !== undefined && v !== '' && has(v) === inSet;
    },
    why: (c) => `${label} is ${inSet ? '' : 'not '}${inSet ? `“${read(c.item)}”` : list(values)}`,
  };
}

function numberCondition(
  label: string,
  op: 'gte' | 'lte',
  bound: number,
  read: (c: ItemContext) => number | null,
  unit = '',
): CompiledCondition {
  const gte = op === 'gte';
  return {
    cost: 1,
    test: (c) => {
      const v = read(c);
      return v !== null && (gte ? v >= bound : v <= bound);
    },
    why: (c) => `${label} ${num(read(c)!)}${unit} ${gte ? '≥' : '≤'} ${num(bound)}${unit}`,
  };
}

function keywordsCondition(op: 'any' | 'all' | 'none', keywords: readonly string[]): CompiledCondition {
  const matchers = keywords.map(keywordMatcher).filter((m): m is KeywordMatcher => m !== null);
  if (op === 'any') {
    return {
      cost: 10,
      test: (c) => {
        const t = c.text;
        for (const m of matchers) if (m.test(t)) return true;
        return false;
      },
      why: (c) =>
        `text has ${list(
          matchers.filter((m) => m.test(c.text)).map((m) => m.shown),
          'and',
        )}`,
    };
  }
  if (op === 'all') {
    return {
      cost: 10,
      // Keywords that fold to nothing (only punctuation) cannot be found: such a rule never holds.
      test: (c) => matchers.length === keywords.length && matchers.every((m) => m.test(c.text)),
      why: () => `text has ${list(keywords, 'and')}`,
    };
  }
  return {
    cost: 10,
    test: (c) => {
      const t = c.text;
      for (const m of matchers) if (m.test(t)) return false;
      return true;
    },
    why: () => `text has none of ${list(keywords)}`,
  };
}

function targetCondition(op: 'in' | 'not_in' | 'contains', values: readonly string[]): CompiledCondition {
  if (op === 'contains') {
    const parts = values.map(keywordMatcher).filter((m): m is KeywordMatcher => m !== null);
    return {
      cost: 5,
      test: (c) => {
        const t = c.target;
        return t !== null && parts.some((m) => m.test(t));
      },
      why: (c) => `target “${c.item.target}” contains ${list(parts.filter((m) => m.test(c.target!)).map((m) => m.shown))}`,
    };
  }
  const set = new Set(values.map((v) => foldedWords(v).join(' ')));
  const inSet = op === 'in';
  return {
    cost: 5,
    test: (c) => c.target !== null && set.has(c.target.spaced.slice(1, -1)) === inSet,
    why: (c) => (inSet ? `target is “${c.item.target}”` : `target is not ${list(values)}`),
  };
}

export function compileCondition(cond: RuleCondition): CompiledCondition {
  switch (cond.field) {
    case 'kind':
      return setCondition('kind', cond.op, cond.value, (i) => i.kind);
    case 'platform':
      return setCondition('platform', cond.op, cond.value, (i) => i.platform);
    case 'language':
      return setCondition('language', cond.op, cond.value, (i) => i.lang, true);
    case 'type':
      return setCondition('type', cond.op, cond.value, (i) => i.type);
    case 'sentiment':
      return setCondition('sentiment', cond.op, cond.value, (i) => i.sentiment);
    case 'target':
      return targetCondition(cond.op, cond.value);
    case 'keywords':
      return keywordsCondition(cond.op, cond.value);
    case 'authorRisk':
      return numberCondition('author risk', cond.op, cond.value, (c) => c.item.authorRisk);
    case 'influence':
      return numberCondition('reach', cond.op, cond.value, (c) => c.item.influence);
    case 'age':
      return numberCondition(
        'age',
        cond.op,
        cond.value,
        (c) => (c.item.createdAt === null ? null : Math.floor((c.now - c.item.createdAt) / 60_000)),
        ' min',
      );
    case 'hour': {
      const clock = clockOf(cond.zone);
      const { from, to } = cond.value;
      const within = (h: number) => (from <= to ? h >= from && h <= to : h >= from || h <= to);
      return {
        cost: 3,
        test: (c) => c.item.createdAt !== null && within(clock.at(c.item.createdAt).hour),
        why: (c) => `posted at ${clock.at(c.item.createdAt!).hour}h ${cond.zone}, within ${from}–${to}h`,
      };
    }
    case 'weekday': {
      const clock = clockOf(cond.zone);
      const days = new Set<Weekday>(cond.value);
      const inSet = cond.op === 'in';
      return {
        cost: 3,
        test: (c) => c.item.createdAt !== null && days.has(clock.at(c.item.createdAt).weekday) === inSet,
        why: (c) => `posted on a ${DAY_NAMES[clock.at(c.item.createdAt!).weekday]} ${cond.zone}`,
      };
    }
  }
}
