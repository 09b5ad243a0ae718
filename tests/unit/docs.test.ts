// The documents a newcomer reads hold: every relative link in README.md and docs/*.md reaches
// a file of the repository and every anchor a heading of it (as GitHub makes anchors); the
// benchmark document names exactly the parts bench/run.ts accepts and every figure it emits;
// the user guide's key map has every default key of the app's key map.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/renderer/src/features/keyboard/keymap';

const ROOT = resolve(__dirname, '../..');

/** What the checker may see of the repository: files by their path from its root (posix). */
interface Tree {
  read(path: string): string | null;
  exists(path: string): boolean;
}

const disk: Tree = {
  read: (path) => (existsSync(resolve(ROOT, path)) ? readFileSync(resolve(ROOT, path), 'utf8') : null),
  exists: (path) => existsSync(resolve(ROOT, path)),
};

/** Markdown without its fenced code blocks: what is in them is code, not links or headings. */
function outsideFences(md: string): string[] {
  const lines: string[] = [];
  let fence: string | null = null;
  for (const line of md.split('\n')) {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === null && m) fence = m[1]!;
    else if (fence !== null && m && m[1]![0] === fence[0] && m[1]!.length >= fence.length && line.trim() === m[1]) fence = null;
    else if (fence === null) lines.push(line);
    // Lines inside a fence are left out, and so are the fence lines themselves.
  }
  return lines;
}

/** GitHub's anchor for a heading: lower case, punctuation and symbols dropped, each space a hyphen. */
export function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^[\]]*)\]\([^()]*\)/g, '$1')
    .replace(/<[^<>]*>/g, '')
    .trim();
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a document offers: its headings' slugs (a repeat gets -1, -2, …) and explicit ids. */
export function anchorsOf(md: string): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of outsideFences(md)) {
    const h = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (h) {
      const base = slug(h[1]!);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      out.add(n === 0 ? base : `${base}-${n}`);
    }
    for (const a of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) out.add(a[1]!);
  }
  return out;
}

/** Link targets in a document, with their line: inline links and images, and reference definitions. */
export function linksOf(md: string): { line: number; target: string }[] {
  const out: { line: number; target: string }[] = [];
  let fence: string | null = null;
  md.split('\n').forEach((raw, i) => {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(raw);
    if (fence === null && m) {
      fence = m[1]!;
      return;
    }
    if (fence !== null) {
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length && raw.trim() === m[1]) fence = null;
      return;
    }
    // Code spans are code: a bracket in one is not a link.
    const line = raw.replace(/(?<!`)(`+)(?!`)(.*?[^`])?\1(?!`)/g, 'code');
    // No brackets inside the text: each scan stops at the next bracket, so a hostile line costs linear time.
    for (const l of line.matchAll(/\[[^[\]]*\]\(\s*<?([^()\s<>]*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g))
      out.push({ line: i + 1, target: l[1]! });
    const def = /^ {0,3}\[[^[\]]+\]:\s*<?(\S+?)>?(?:\s.*)?$/.exec(line);
    if (def) out.push({ line: i + 1, target: def[1]! });
  });
  return out;
}

/** What is wrong with the relative links of `files`, one line each; external links are not checked. */
export function brokenLinks(files: readonly string[], tree: Tree): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const md = tree.read(file);
    if (md === null) {
      problems.push(`${file}: not found`);
      continue;
    }
    for (const { line, target } of linksOf(md)) {
      const where = `${file}:${line}: ${target || '(empty link)'}`;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue;
      if (!target) {
        problems.push(`${where}: the link has no target`);
        continue;
      }
      const hash = target.indexOf('#');
      const rawPath = hash < 0 ? target : target.slice(0, hash);
      const anchor = hash < 0 ? null : target.slice(hash + 1);
      let path: string;
      try {
        path = decodeURIComponent(rawPath);
      } catch {
        problems.push(`${where}: the path is not valid percent-encoding`);
        continue;
      }
      const to = path === '' ? file : path.startsWith('/') ? posix.normalize(path.slice(1)) : posix.join(posix.dirname(file), path);
      if (to === '..' || to.startsWith('../') || posix.isAbsolute(to)) {
        problems.push(`${where}: leads outside the repository`);
        continue;
      }
      const at = to === '' || to === '.' ? '.' : to.replace(/\/$/, '');
      if (!tree.exists(at)) {
        problems.push(`${where}: no such file (${at})`);
        continue;
      }
      if (anchor === null) continue;
      if (!at.endsWith('.md')) {
        problems.push(`${where}: an anchor into a file that has no headings`);
        continue;
      }
      const anchors = anchorsOf(tree.read(at) ?? '');
      let name: string;
      try {
        name = decodeURIComponent(anchor);
      } catch {
        name = anchor;
      }
      if (!anchors.has(name)) problems.push(`${where}: ${at} has no heading #${anchor}`);
    }
  }
  return problems;
}

/** The documents checked: the README and every Markdown file in docs/. */
function documents(): string[] {
  return [
    'README.md',
    ...readdirSync(resolve(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => `docs/${f}`),
  ];
}

/** An in-memory repository for the checker's own tests. */
function memory(files: Record<string, string>, dirs: readonly string[] = []): Tree {
  return {
    read: (path) => files[path] ?? null,
    exists: (path) => path in files || dirs.includes(path) || path === '.',
  };
}

describe('the link checker', () => {
  it('makes anchors as GitHub does, repeats numbered', () => {
    const md = [
      '# Vigil user guide',
      '## Cases: one customer, one matter, one owner',
      "## Working with the team's server",
      '## Electronegativity (`npm run lint:electron`)',
      '### Plain `http://`',
      '## Über Größe — 200 % zoom',
      '## Notes',
      '## Notes',
      '```',
      '## Not a heading, in a fence',
      '```',
      '<a id="kept-id"></a>',
    ].join('\n');
    expect([...anchorsOf(md)]).toEqual([
      'vigil-user-guide',
      'cases-one-customer-one-matter-one-owner',
      'working-with-the-teams-server',
      'electronegativity-npm-run-lintelectron',
      'plain-http',
      'über-größe--200--zoom',
      'notes',
      'notes-1',
      'kept-id',
    ]);
  });

  it('finds every broken link and anchor, and nothing in code', () => {
    const tree = memory(
      {
        'README.md': [
          '[fine](docs/a.md) and [fine too](docs/a.md#second-part) ![shot](docs/screens/x.png)',
          '[titled](docs/a.md "A title") [folder](docs/) [external](https://example.com/nowhere) [mail](mailto:a@b.c)',
          '[gone](docs/missing.md)',
          '[no anchor](docs/a.md#no-such-part)',
          '[here](#vigil) [not here](#elsewhere)',
          '[escape](../../etc/passwd) [rooted escape](/../outside.md)',
          '[anchor into a picture](docs/screens/x.png#top)',
          '[empty]()',
          '[bad encoding](docs/%E0%A4%A.md)',
          '`[in code](nowhere.md)` and ``[in ` code](nowhere.md)``',
          '```sh',
          '[in a fence](nowhere.md)',
          '```',
          '[ref]: docs/missing-ref.md',
          '# Vigil',
        ].join('\n'),
        'docs/a.md': '# A\n\n## Second part\n\n[back](../README.md#vigil) [self](#a)\n',
        'docs/screens/x.png': '',
      },
      ['docs', 'docs/screens'],
    );
    expect(brokenLinks(['README.md', 'docs/a.md'], tree)).toEqual([
      'README.md:3: docs/missing.md: no such file (docs/missing.md)',
      'README.md:4: docs/a.md#no-such-part: docs/a.md has no heading #no-such-part',
      'README.md:5: #elsewhere: README.md has no heading #elsewhere',
      'README.md:6: ../../etc/passwd: leads outside the repository',
      'README.md:6: /../outside.md: leads outside the repository',
      'README.md:7: docs/screens/x.png#top: an anchor into a file that has no headings',
      'README.md:8: (empty link): the link has no target',
      'README.md:9: docs/%E0%A4%A.md: the path is not valid percent-encoding',
      'README.md:14: docs/missing-ref.md: no such file (docs/missing-ref.md)',
    ]);
  });

  it('reads a hostile line of brackets to the end without a link in it', () => {
    const line = `${'[a'.repeat(20_000)}](${'('.repeat(20_000)}`;
    expect(linksOf(line)).toEqual([]);
    expect(brokenLinks(['x.md'], memory({ 'x.md': line }))).toEqual([]);
  });
});

describe('README.md and docs/*.md', () => {
  it('have no broken relative link or anchor', () => {
    const files = documents();
    expect(files).toContain('docs/user-guide.md');
    expect(brokenLinks(files, disk)).toEqual([]);
  });

  it('link the screenshots from the user guide', () => {
    const shots = readdirSync(resolve(ROOT, 'docs/screens')).filter((f) => f.endsWith('.png'));
    expect(shots.length).toBeGreaterThan(0);
    const targets = linksOf(disk.read('docs/user-guide.md')!).map((l) => l.target);
    for (const s of shots) expect(targets, s).toContain(`screens/${s}`);
  });
});

describe('docs/benchmarks.md', () => {
  const run = disk.read('bench/run.ts')!;
  const doc = disk.read('docs/benchmarks.md')!;

  it('lists for --only exactly the parts bench/run.ts accepts, in its order', () => {
    const parts = [.../const PARTS = \[([^\]]*)\]/.exec(run)![1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
    expect(parts.length).toBeGreaterThan(10);
    const row = doc.split('\n').filter((l) => l.startsWith('| `--only'));
    expect(row).toHaveLength(1);
    const listed = [
      ...row[0]!
        .split('|')[2]!
        .split('.')[0]!
        .matchAll(/`([^`]+)`/g),
    ].map((m) => m[1]!);
    expect(listed).toEqual(parts);
    for (const p of parts) expect(doc, `a section for ${p}`).toContain(`### \`${p}\``);
  });

  it('describes every figure the benchmarks emit', () => {
    const sources = readdirSync(resolve(ROOT, 'bench'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => disk.read(`bench/${f}`)!);
    const figures = new Set(sources.flatMap((s) => [...s.matchAll(/\bname: '([a-z]+(?:\.[a-z0-9_]+)+)'/g)].map((m) => m[1]!)));
    expect(figures.size).toBeGreaterThan(30);
    for (const f of figures) expect(doc, f).toContain(`| \`${f}\` |`);
  });
});

describe("the user guide's key map", () => {
  /** A key as the guide writes it: `mod+shift+d` is `Ctrl/Cmd-Shift-D`, `arrowdown` is `↓`. */
  const shown = (combo: string) =>
    combo
      .split('+')
      .map((p) =>
        p === 'mod'
          ? 'Ctrl/Cmd'
          : p === 'shift'
            ? 'Shift'
            : p === 'arrowdown'
              ? '↓'
              : p === 'arrowup'
                ? '↑'
                : p === 'escape'
                  ? 'Esc'
                  : p === 'pagedown'
                    ? 'PageDown'
                    : p === 'pageup'
                      ? 'PageUp'
                      : p.length === 1
                        ? combo.includes('+')
                          ? p.toUpperCase()
                          : p
                        : p[0]!.toUpperCase() + p.slice(1),
      )
      .join('-');

  it('writes keys as the app shows them', () => {
    expect(['mod+shift+d', 'arrowdown', 'shift+space', 'pagedown', 'mod+z', ';', '?', 'escape', 'home'].map(shown)).toEqual([
      'Ctrl/Cmd-Shift-D',
      '↓',
      'Shift-Space',
      'PageDown',
      'Ctrl/Cmd-Z',
      ';',
      '?',
      'Esc',
      'Home',
    ]);
  });

  it('has every action of the key map with each of its default keys', () => {
    const guide = disk.read('docs/user-guide.md')!;
    const section = guide.slice(guide.indexOf('## Keyboard map'), guide.indexOf('\n## ', guide.indexOf('## Keyboard map') + 1));
    const rows = section.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.length).toBe(ACTIONS.length);
    for (const a of ACTIONS) {
      const keys = a.keys.map((k) => `\`${shown(k)}\``);
      expect(
        rows.filter((r) => keys.every((k) => r.split('|')[1]!.includes(k))),
        `${a.id}: ${keys.join(', ')}`,
      ).toHaveLength(1);
    }
  });
});
