// A conservative check that a JavaScript regular expression runs in linear time on V8's
// backtracking engine. It parses the pattern and rejects the shapes that backtrack
// super-linearly, and some safe ones with them (rewrite those; a false alarm costs a loop):
//
// - nested: a repeated group holding another repetition, `(a+)+`, `(@\w+\s+)+`;
// - alternation: a repeated group whose alternatives can start with the same character, `(a|ab)*`;
// - adjacent: two unbounded repetitions that can match the same character with only optional
//   things between them, `\d+\d+`, `\s*,?\s*`;
// - sliding: in a pattern that is not anchored, an unbounded repetition that a match attempt
//   can reach from a character it could itself match, followed by anything that can fail.
//   The search restarts at every character of a long run and reads the rest of the run each
//   time: `\b[a-z0-9-]+\.com` on "a-a-a-…", `['-]+$` on "a------b";
// - a lookaround or a back-reference in a pattern with unbounded repetitions.
//
// Characters are compared by testing a set of representatives (all of ASCII and a sample of
// the rest) against each atom compiled with the pattern's own flags, so Unicode properties and
// case folding come from V8 itself.

type Node =
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; options: Node[] }
  | { t: 'group'; body: Node; look: boolean }
  | { t: 'quant'; body: Node; min: number; max: number }
  | { t: 'atom'; src: string }
  | { t: 'assert'; src: string }
  | { t: 'backref' };

export interface Finding {
  shape: 'nested' | 'alternation' | 'adjacent' | 'sliding' | 'lookaround' | 'backreference' | 'unparsed';
  message: string;
}

const SAMPLES = [
  ...Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)),
  '\u00a0',
  'é',
  'É',
  'ß',
  'ı',
  'ſ',
  '\u212a',
  '\u0301',
  'ǂ',
  '’',
  '‘',
  '“',
  '”',
  '–',
  '—',
  '€',
  '£',
  '？',
  '¿',
  '中',
  '٣',
  '\u2028',
  '\u200b',
  '\ufeff',
  '\ufe0f',
  '\ud83d',
  '\ude00',
  '😀',
  '❤',
  'Ж',
  'ж',
];

type CharSet = bigint;
const ALL: CharSet = (1n << BigInt(SAMPLES.length)) - 1n;

class Parser {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly unicode: boolean,
  ) {}

  parse(): Node {
    const n = this.alternation();
    if (this.i < this.src.length) throw new Error(`unexpected "${this.src[this.i]}" at ${this.i}`);
    return n;
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0]! : { t: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      items.push(this.quantified(this.term()));
    }
    return { t: 'seq', items };
  }

  private quantified(body: Node): Node {
    const s = this.src;
    let min: number;
    let max: number;
    const c = s[this.i];
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.i));
      if (!m) return body;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return body;
    this.i++;
    if (s[this.i] === '?') this.i++;
    return { t: 'quant', body, min, max };
  }

  private term(): Node {
    const s = this.src;
    const c = s[this.i]!;
    if (c === '(') {
      this.i++;
      let look = false;
      if (s.startsWith('?:', this.i)) this.i += 2;
      else if (s.startsWith('?=', this.i) || s.startsWith('?!', this.i)) [this.i, look] = [this.i + 2, true];
      else if (s.startsWith('?<=', this.i) || s.startsWith('?<!', this.i)) [this.i, look] = [this.i + 3, true];
      else if (s.startsWith('?<', this.i)) this.i = s.indexOf('>', this.i) + 1;
      const body = this.alternation();
      if (s[this.i] !== ')') throw new Error('unclosed group');
      this.i++;
      return { t: 'group', body, look };
    }
    if (c === '^' || c === '$') {
      this.i++;
      return { t: 'assert', src: c };
    }
    if (c === '[') {
      const start = this.i++;
      if (s[this.i] === '^') this.i++;
      while (this.i < s.length && s[this.i] !== ']') this.i += s[this.i] === '\\' ? 2 : 1;
      if (s[this.i] !== ']') throw new Error('unclosed class');
      this.i++;
      return { t: 'atom', src: s.slice(start, this.i) };
    }
    if (c === '\\') return this.escape();
    if (c === '*' || c === '+' || c === '?') throw new Error(`nothing to repeat at ${this.i}`);
    const cp = this.unicode ? String.fromCodePoint(s.codePointAt(this.i)!) : c;
    this.i += cp.length;
    return { t: 'atom', src: cp === '.' ? '.' : escapeLiteral(cp) };
  }

  private escape(): Node {
    const s = this.src;
    const e = s[this.i + 1];
    if (e === undefined) throw new Error('trailing backslash');
    if (e === 'b' || e === 'B') {
      this.i += 2;
      return { t: 'assert', src: `\\${e}` };
    }
    if (/[1-9]/.test(e) || (e === 'k' && s[this.i + 2] === '<')) {
      this.i += e === 'k' ? s.indexOf('>', this.i) + 1 - this.i : /^\\\d+/.exec(s.slice(this.i))![0].length;
      return { t: 'backref' };
    }
    const m = /^\\(?:[pP]\{[^}]*\}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|[\s\S])/.exec(s.slice(this.i))!;
    this.i += m[0].length;
    return { t: 'atom', src: m[0] };
  }
}

function escapeLiteral(ch: string): string {
  return /[\\^$.*+?()[\]{}|]/.test(ch) ? `\\${ch}` : ch;
}

/** Everything the checks need of one parsed pattern. */
class Analysis {
  readonly findings: Finding[] = [];
  private readonly parent = new Map<Node, Node>();
  private readonly sets = new Map<string, CharSet>();
  private readonly quants: Extract<Node, { t: 'quant' }>[] = [];
  private readonly caseFlags: string;

  constructor(
    private readonly root: Node,
    private readonly flags: string,
  ) {
    this.caseFlags = [...flags].filter((f) => 'iusv'.includes(f)).join('');
    this.index(root);
  }

  private index(n: Node): void {
    const kids = n.t === 'seq' ? n.items : n.t === 'alt' ? n.options : n.t === 'group' || n.t === 'quant' ? [n.body] : [];
    if (n.t === 'quant') this.quants.push(n);
    for (const k of kids) {
      this.parent.set(k, n);
      this.index(k);
    }
  }

  private setOf(src: string): CharSet {
    let set = this.sets.get(src);
    if (set === undefined) {
      const re = new RegExp(`^(?:${src})$`, this.caseFlags);
      set = 0n;
      SAMPLES.forEach((ch, k) => {
        if (re.test(ch)) set! |= 1n << BigInt(k);
      });
      this.sets.set(src, set);
    }
    return set;
  }

  nullable(n: Node): boolean {
    switch (n.t) {
      case 'seq':
        return n.items.every((x) => this.nullable(x));
      case 'alt':
        return n.options.some((x) => this.nullable(x));
      case 'group':
        return n.look || this.nullable(n.body);
      case 'quant':
        return n.min === 0 || this.nullable(n.body);
      case 'atom':
        return false;
      default:
        return true;
    }
  }

  /** Characters anywhere in `n` (what a repetition of it can consume). */
  chars(n: Node): CharSet {
    switch (n.t) {
      case 'seq':
        return n.items.reduce((s, x) => s | this.chars(x), 0n);
      case 'alt':
        return n.options.reduce((s, x) => s | this.chars(x), 0n);
      case 'group':
        return n.look ? 0n : this.chars(n.body);
      case 'quant':
        return n.max === 0 ? 0n : this.chars(n.body);
      case 'atom':
        return this.setOf(n.src);
      case 'backref':
        return ALL;
      default:
        return 0n;
    }
  }

  /** Characters a match of `n` can start with. */
  first(n: Node): CharSet {
    switch (n.t) {
      case 'seq':
        return this.firstOfSeq(n.items);
      case 'alt':
        return n.options.reduce((s, x) => s | this.first(x), 0n);
      case 'group':
        return n.look ? 0n : this.first(n.body);
      case 'quant':
        return n.max === 0 ? 0n : this.first(n.body);
      case 'atom':
        return this.setOf(n.src);
      case 'backref':
        return ALL;
      default:
        return 0n;
    }
  }

  private firstOfSeq(items: readonly Node[]): CharSet {
    let s = 0n;
    for (const x of items) {
      s |= this.first(x);
      if (!this.nullable(x)) break;
    }
    return s;
  }

  /** Unbounded repetitions that can be the first thing `n` consumes with. */
  private leading(n: Node): Extract<Node, { t: 'quant' }>[] {
    switch (n.t) {
      case 'seq': {
        const out: Extract<Node, { t: 'quant' }>[] = [];
        for (const x of n.items) {
          out.push(...this.leading(x));
          if (!this.nullable(x)) break;
        }
        return out;
      }
      case 'alt':
        return n.options.flatMap((x) => this.leading(x));
      case 'group':
        return n.look ? [] : this.leading(n.body);
      case 'quant':
        return [...(n.max === Infinity ? [n] : []), ...this.leading(n.body)];
      default:
        return [];
    }
  }

  /** What follows `n` up to the end of the pattern, nearest first (a repetition's own loop aside). */
  private following(n: Node): Node[] {
    const out: Node[] = [];
    let at = n;
    for (let p = this.parent.get(at); p; at = p, p = this.parent.get(at)) {
      if (p.t === 'group' && p.look) break;
      if (p.t === 'seq') out.push(...p.items.slice(p.items.indexOf(at) + 1));
    }
    return out;
  }

  /** What comes before `n` from the start of the pattern, outermost first, and whether a `^` anchors it. */
  private preceding(n: Node): { items: Node[]; anchored: boolean } {
    const chain: Node[][] = [];
    let at = n;
    for (let p = this.parent.get(at); p; at = p, p = this.parent.get(at)) {
      if (p.t === 'seq') chain.unshift(p.items.slice(0, p.items.indexOf(at)));
    }
    const items = chain.flat();
    const multiline = this.flags.includes('m');
    const anchored = this.flags.includes('y') || (!multiline && items.some((x) => x.t === 'assert' && x.src === '^'));
    return { items, anchored };
  }

  private inside(n: Node, pred: (p: Node) => boolean): boolean {
    for (let p = this.parent.get(n); p; p = this.parent.get(p)) if (pred(p)) return true;
    return false;
  }

  private contains(n: Node, pred: (x: Node) => boolean): boolean {
    if (pred(n)) return true;
    const kids = n.t === 'seq' ? n.items : n.t === 'alt' ? n.options : n.t === 'group' || n.t === 'quant' ? [n.body] : [];
    return kids.some((k) => this.contains(k, pred));
  }

  run(): Finding[] {
    const unbounded = this.quants.filter((q) => q.max === Infinity);
    for (const q of this.quants) {
      if (q.max <= 1) continue;
      const inner = (x: Node) => x !== q && x.t === 'quant' && (q.max === Infinity ? x.max > 0 : x.max === Infinity);
      if (this.contains(q.body, inner)) this.findings.push({ shape: 'nested', message: 'a repeated group holds another repetition' });
      const alternatives = (x: Node): boolean => {
        if (x.t !== 'alt') return false;
        if (x.options.some((o) => this.nullable(o))) return true;
        const firsts = x.options.map((o) => this.first(o));
        return firsts.some((a, k) => firsts.some((b, l) => l > k && (a & b) !== 0n));
      };
      if (this.contains(q.body, alternatives))
        this.findings.push({ shape: 'alternation', message: 'a repeated group has alternatives that start alike' });
    }
    for (const q of unbounded) {
      const mine = this.chars(q);
      for (const next of this.following(q)) {
        const clash = this.leading(next).some((r) => (this.chars(r) & mine) !== 0n);
        if (clash) {
          this.findings.push({ shape: 'adjacent', message: 'two unbounded repetitions can match the same characters side by side' });
          break;
        }
        if (!this.nullable(next)) break;
      }
      if (this.inside(q, (p) => p.t === 'group' && p.look)) {
        this.findings.push({ shape: 'lookaround', message: 'an unbounded repetition inside a lookaround' });
        continue;
      }
      const before = this.preceding(q);
      if (before.anchored || this.following(q).length === 0) continue;
      const reach = this.firstOfSeq(before.items);
      if (before.items.every((x) => this.nullable(x)) || (reach & mine) !== 0n) {
        this.findings.push({
          shape: 'sliding',
          message: 'an unanchored search can restart inside the run an unbounded repetition reads, and fail after it',
        });
      }
    }
    if (unbounded.length && this.contains(this.root, (x) => x.t === 'backref')) {
      this.findings.push({ shape: 'backreference', message: 'a back-reference beside unbounded repetitions' });
    }
    return this.findings;
  }
}

/** The super-linear shapes found in a pattern (empty: it passes). */
export function regexFindings(source: string, flags = ''): Finding[] {
  let root: Node;
  try {
    root = new Parser(source, flags.includes('u') || flags.includes('v')).parse();
  } catch (e) {
    return [{ shape: 'unparsed', message: `cannot read the pattern: ${(e as Error).message}` }];
  }
  const seen = new Set<string>();
  return new Analysis(root, flags).run().filter((f) => !seen.has(f.shape) && seen.add(f.shape));
}
