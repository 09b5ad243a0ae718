// Lint, and the layering rule (core apart from Electron, React and the hosts) as a check that fails CI:
//   shared   imports nothing of ours but shared (and zod)
//   core     never imports Electron, React, the renderer, main, preload or the hosts
//   renderer imports only shared and its own code, never Node, Electron or core
//   main / web-host / sync-server / cli reach core through its handlers (src/core/index.ts; the
//            verifiable log's library alone through src/core/log.ts), never the renderer
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronAndUi = [
  { name: 'electron', message: 'core is plain Node: Electron belongs to src/main.' },
  { name: 'react', message: 'core knows nothing of React.' },
  { name: 'react-dom', message: 'core knows nothing of React.' },
];
const nodeBuiltinNames = [
  'fs',
  'fs/promises',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'worker_threads',
  'stream',
  'util',
];
const noNode = (why) => nodeBuiltinNames.map((name) => ({ name, message: why }));

const hostileHtml = {
  selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
  message: 'Content is hostile: render it as text, never as HTML.',
};

/** no-restricted-imports does not see import(): the same layering for dynamic imports.
 * `source` is a regular expression (esquery syntax: no "/" in it: write \x2f) on the specifier. */
function dynamicImport(source, message) {
  return { selector: `ImportExpression[source.value=/${source}/]`, message };
}

/** The @shared/… alias is resolved by Vite for the renderer only; Node code (run by tsx, vitest or the
 * Electron main bundle) imports shared by its relative path. */
const noAlias = {
  group: ['@shared', '@shared/*'],
  message: 'The @shared alias is for the renderer (Vite resolves it); import shared by its path here.',
};

function layer(files, paths, patterns, dynamic = []) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { paths, patterns }],
      ...(dynamic.length ? { 'no-restricted-syntax': ['error', hostileHtml, ...dynamic] } : {}),
    },
  };
}

export default tseslint.config(
  {
    ignores: ['out/**', 'node_modules/**', 'scratch/**', 'test-results/**', 'playwright-report/**', 'reports/**', 'tests/lint/fixtures/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', hostileHtml],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // This rule is advice for the React Compiler, which Vigil does not use.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Content is hostile: set textContent, never innerHTML.' },
        { property: 'outerHTML', message: 'Content is hostile: never write HTML.' },
      ],
    },
  },
  layer(
    ['src/shared/**/*.ts'],
    [
      ...electronAndUi,
      { name: 'better-sqlite3', message: 'shared is types and schemas only.' },
      ...noNode('shared runs in the browser too: no Node built-ins.'),
    ],
    [
      {
        group: ['**/core/**', '**/main/**', '**/preload/**', '**/renderer/**', '**/sync-server/**', '**/web-host/**', '**/cli/**'],
        message: 'shared depends on nothing of ours.',
      },
      { group: ['node:*'], message: 'shared runs in the browser too: no Node built-ins.' },
      noAlias,
    ],
  ),
  layer(
    ['src/core/**/*.ts'],
    electronAndUi,
    [
      { group: ['electron', 'electron/*', 'react/*', 'react-dom/*'], message: 'core is plain Node.' },
      {
        group: ['**/main/**', '**/preload/**', '**/renderer/**', '**/sync-server/**', '**/web-host/**', '**/cli/**'],
        message: 'core is imported by hosts, never the other way round.',
      },
      noAlias,
    ],
    [
      dynamicImport('^(electron|react|react-dom)($|\\x2f)', 'core is plain Node.'),
      dynamicImport(
        '^\\.\\.?\\x2f(.*\\x2f)?(main|preload|renderer|sync-server|web-host|cli)($|\\x2f)',
        'core is imported by hosts, never the other way round.',
      ),
    ],
  ),
  layer(
    ['src/renderer/**/*.{ts,tsx}'],
    [
      { name: 'electron', message: 'The renderer talks to core through the contract (window.vigil or HTTP) only.' },
      { name: 'better-sqlite3', message: 'The renderer never touches the database.' },
      ...noNode('The renderer runs sandboxed in a browser: no Node built-ins.'),
    ],
    [
      {
        group: ['**/core/**', '**/main/**', '**/preload/**', '**/sync-server/**', '**/web-host/**', '**/cli/**'],
        message: 'The renderer imports only src/shared and its own code.',
      },
      { group: ['node:*'], message: 'The renderer runs sandboxed in a browser: no Node built-ins.' },
    ],
    [
      dynamicImport(
        `^(electron|better-sqlite3|node:.*|${nodeBuiltinNames.map((n) => n.replace('/', '\\x2f')).join('|')})$`,
        'The renderer imports only src/shared, its own code and browser packages.',
      ),
      dynamicImport(
        '^\\.\\.?\\x2f(.*\\x2f)?(core|main|preload|sync-server|web-host|cli)($|\\x2f)',
        'The renderer imports only src/shared and its own code.',
      ),
    ],
  ),
  layer(
    ['src/preload/**/*.ts'],
    [{ name: 'better-sqlite3', message: 'The preload only forwards contract calls.' }],
    [
      {
        group: ['**/core/**', '**/renderer/**', '**/sync-server/**', '**/web-host/**', '**/cli/**'],
        message: 'The preload imports only src/shared and electron.',
      },
      noAlias,
    ],
  ),
  {
    // The contract's schemas are zod: the renderer takes only its types (core validates), so
    // the validation library stays out of the bundle the window loads at start.
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/shared/contract', '@shared/contract'],
              allowTypeImports: true,
              message: 'Import types only from the contract; values live in shared/transport or shared/model.',
            },
          ],
        },
      ],
    },
  },
  layer(
    ['src/main/**/*.ts', 'src/sync-server/**/*.ts', 'src/web-host/**/*.ts', 'src/cli/**/*.ts', 'bench/**/*.ts'],
    [],
    [
      { group: ['**/renderer/**', '**/preload/**'], message: 'Hosts reach the UI only through the contract.' },
      {
        group: ['**/core/*', '!**/core/index', '!**/core/index.js', '!**/core/log', '!**/core/log.js'],
        message: 'Hosts reach core through src/core/index.ts (or, for the verifiable log alone, src/core/log.ts), not its internals.',
      },
      noAlias,
    ],
  ),
);
