#!/usr/bin/env node
// `npm run lint:electron`: Doyensec's Electronegativity over the desktop host's sources
// (src/main, src/preload and the renderer's HTML). Fails on any finding that is not in the
// allowlist below, where each accepted finding carries its justification (docs/security.md
// explains them at more length). Prints a summary; writes reports/electronegativity.json.
//
// It calls the package's runner (what its CLI runs) rather than `electronegativity -o FILE`:
// with -o the CLI writes findings but drops parse errors (dist/index.js: forCli = !output),
// so a file it could not parse would pass unseen. Here a parse error fails the lint.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { electronPackage } from './lib/electron-runtime.mjs';
import { root } from './lib/ensure-built.mjs';

const require = createRequire(import.meta.url);

/** What is scanned, staged under the same relative paths so findings name repository files. */
const SOURCES = ['src/main', 'src/preload', 'src/renderer/index.html'];

/** Checks not run, and why. */
const EXCLUDED_CHECKS = [
  {
    check: 'AvailableSecurityFixesGlobalCheck',
    why: 'downloads the Electron release list from GitHub on every run (CI has no network); Electron security updates are taken as dependency upgrades instead',
  },
];

/** Directives of a CSP string, e.g. { 'script-src': ["'self'"] }. */
function directives(policy) {
  const out = {};
  for (const part of String(policy ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out[name.toLowerCase()] = values;
  }
  return out;
}

/**
 * Findings accepted on purpose. `max` is how many times the finding may occur in that file
 * (a second openExternal call, say, needs its own review); `when` narrows what is accepted.
 */
const ALLOWLIST = [
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'src/main/external-links.ts',
    max: 1,
    why: 'the one shell.openExternal call: http(s) URLs only (isExternalWebUrl), and only after the user confirms in a modal dialog that shows the URL; every other scheme is dropped',
  },
  {
    check: 'PRELOAD_JS_CHECK',
    file: 'src/main/window.ts',
    max: 1,
    why: 'the preload is required: it exposes exactly the contract methods via contextBridge (one ipcRenderer.invoke per method, no generic channel, no Node), runs sandboxed with context isolation',
  },
  {
    check: 'CSP_GLOBAL_CHECK',
    file: 'src/renderer/index.html',
    max: 1,
    // Accepted only while the policy keeps scripts to the app itself.
    when: (f) => {
      const d = directives(f.sample);
      const all = Object.values(d).flat();
      return (
        f.confidence === 'FIRM' &&
        d['script-src']?.join(' ') === "'self'" &&
        d['object-src']?.join(' ') === "'none'" &&
        d['default-src']?.join(' ') === "'none'" &&
        !all.includes("'unsafe-eval'") &&
        !all.includes('*')
      );
    },
    why: "csp-evaluator's caution that script-src 'self' is weak where a site also serves JSONP, Angular templates or user uploads; vigil://app/ serves only the built bundle from out/renderer (read-only, GET only, no uploads, no JSONP)",
  },
];

function stage() {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-electronegativity-'));
  for (const rel of SOURCES) {
    const from = join(root, rel);
    if (!existsSync(from)) throw new Error(`${rel} does not exist`);
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    cpSync(from, join(dir, rel), { recursive: true });
  }
  return dir;
}

async function scan(dir, electronVersion) {
  const run = require('@doyensec/electronegativity');
  // The package prints progress and "could not fetch translations" chatter; keep it quiet.
  const saved = { log: console.log, info: console.info, warn: console.warn };
  const chatter = [];
  console.log = console.info = console.warn = (...a) => chatter.push(a.join(' '));
  try {
    return await run(
      {
        input: dir,
        isRelative: true,
        electronVersionOverride: electronVersion,
        customScan: [],
        excludeFromScan: EXCLUDED_CHECKS.map((c) => c.check.toLowerCase()),
        parserPlugins: [],
      },
      false,
    );
  } finally {
    Object.assign(console, saved);
  }
}

async function main() {
  const pkg = JSON.parse(readFileSync(require.resolve('@doyensec/electronegativity/package.json'), 'utf8'));
  const electronVersion = electronPackage(root)?.version;
  if (!electronVersion) throw new Error('the electron package is not installed (run `npm install`)');

  const dir = stage();
  let result;
  try {
    result = await scan(dir, electronVersion);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const findings = result.issues.map((i) => ({
    check: i.id,
    file: String(i.file).split(sep).join('/'),
    line: i.location?.line ?? 0,
    column: i.location?.column ?? 0,
    severity: i.severity?.name ?? String(i.severity),
    confidence: i.confidence?.name ?? String(i.confidence),
    description: i.description,
    sample: i.sample ?? null,
    url: i.shortenedURL,
  }));
  const used = new Map();
  for (const f of findings) {
    const rule = ALLOWLIST.find((a) => a.check === f.check && a.file === f.file && (!a.when || a.when(f)));
    const n = rule ? (used.get(rule) ?? 0) + 1 : 0;
    if (rule) used.set(rule, n);
    f.allowed = Boolean(rule) && n <= (rule.max ?? 1);
    f.why = f.allowed ? rule.why : null;
  }
  for (const e of result.errors) e.file = String(e.file).replace(`${dir}${sep}`, '').split(sep).join('/');
  const parseErrors = result.errors.filter((e) => !e.tolerable);
  const rejected = findings.filter((f) => !f.allowed);

  mkdirSync(join(root, 'reports'), { recursive: true });
  writeFileSync(
    join(root, 'reports', 'electronegativity.json'),
    JSON.stringify(
      {
        tool: `electronegativity ${pkg.version}`,
        electronVersion,
        sources: SOURCES,
        excluded: EXCLUDED_CHECKS,
        findings,
        errors: result.errors,
      },
      null,
      2,
    ),
  );

  console.log(
    `electronegativity ${pkg.version} on ${SOURCES.join(', ')} (Electron ${electronVersion}; ${result.atomicChecks} atomic + ${result.globalChecks} global checks)`,
  );
  for (const c of EXCLUDED_CHECKS) console.log(`  not run   ${c.check}: ${c.why}`);
  for (const f of findings) {
    const where = `${f.file}:${f.line}`;
    if (f.allowed) console.log(`  allowed   ${f.check} ${where} — ${f.why}`);
    else
      console.log(
        `  FINDING   ${f.check} [${f.severity}/${f.confidence}] ${where} — ${f.description} (${f.url})${f.sample ? `\n            ${String(f.sample).slice(0, 200)}` : ''}`,
      );
  }
  for (const e of result.errors) console.log(`  ${e.tolerable ? 'warning' : 'PARSE ERROR'} ${e.file}: ${e.message}`);
  for (const rule of ALLOWLIST)
    if (!used.has(rule)) console.log(`  (allowlist entry ${rule.check} ${rule.file} no longer matches anything: remove it)`);
  console.log(
    `${findings.length} finding(s): ${findings.length - rejected.length} allowed, ${rejected.length} not allowed${parseErrors.length ? `; ${parseErrors.length} file(s) could not be parsed` : ''}.`,
  );
  if (rejected.length || parseErrors.length) {
    console.log(
      'Fix them, or add each to the allowlist in scripts/electronegativity.mjs with its justification (and to docs/security.md).',
    );
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(`lint:electron could not run: ${e?.message ?? e}`);
  process.exit(1);
});
