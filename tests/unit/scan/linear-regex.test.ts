// Every regular expression in the code that reads content (item text, account fields, imported
// rows) passes the linear-time check: a hostile text cannot make a scan backtrack for seconds.
// Patterns are found in the source with the TypeScript parser; one built at run time from
// pieces must be exported and listed here, where its compiled form is checked.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { TOKEN_PATTERN } from '../../../src/core/triage/classify/tokens';
import { regexFindings } from './regex-shapes';

const ROOT = join(import.meta.dirname, '../../..');
/** Code that scans untrusted text. */
const SCANNED = ['src/core/detection', 'src/core/triage', 'src/core/cases', 'src/core/import', 'src/shared/records.ts'];
/** Patterns built at run time, by file. */
const BUILT: Record<string, readonly RegExp[]> = {
  'src/core/triage/classify/tokens.ts': [TOKEN_PATTERN],
};

function files(path: string): string[] {
  const full = join(ROOT, path);
  if (statSync(full).isFile()) return [path];
  return readdirSync(full)
    .flatMap((name) => files(join(path, name)))
    .filter((f) => /\.tsx?$/.test(f));
}

interface Found {
  where: string;
  source: string;
  flags: string;
}

function patternsIn(file: string): { literal: Found[]; built: number } {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const literal: Found[] = [];
  let built = 0;
  const at = (n: ts.Node) => `${relative(ROOT, join(ROOT, file))}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const stringOf = (n: ts.Node | undefined) => (n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) ? n.text : null);
  const visit = (n: ts.Node) => {
    if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const raw = n.getText();
      const end = raw.lastIndexOf('/');
      literal.push({ where: at(n), source: raw.slice(1, end), flags: raw.slice(end + 1) });
    } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && n.expression.getText() === 'RegExp') {
      const source = stringOf(n.arguments?.[0]);
      if (source === null) built++;
      else literal.push({ where: at(n), source, flags: stringOf(n.arguments?.[1]) ?? '' });
    } else if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      ['match', 'matchAll', 'search'].includes(n.expression.name.text)
    ) {
      // A string given to these becomes a regular expression.
      const source = stringOf(n.arguments[0]);
      if (source !== null) literal.push({ where: at(n), source, flags: '' });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { literal, built };
}

const scanned = SCANNED.flatMap(files);

describe('regular expressions over untrusted text', () => {
  it('finds the code and its patterns', () => {
    expect(scanned).toContain('src/core/detection/comments.ts');
    expect(scanned.flatMap((f) => patternsIn(f).literal).length).toBeGreaterThan(40);
  });

  it.each(scanned)('%s: every pattern runs in linear time', (file) => {
    const { literal, built } = patternsIn(file);
    const compiled = BUILT[file] ?? [];
    expect(built, `${file} builds ${built} RegExp at run time: export each and list it in BUILT`).toBe(compiled.length);
    const bad = [
      ...literal.map((p) => ({ where: p.where, source: p.source, findings: regexFindings(p.source, p.flags) })),
      ...compiled.map((re) => ({ where: `${file} (built)`, source: re.source, findings: regexFindings(re.source, re.flags) })),
    ].filter((p) => p.findings.length > 0);
    expect(bad.map((b) => `${b.where} /${b.source}/: ${b.findings.map((f) => f.message).join('; ')}`)).toEqual([]);
  });
});
