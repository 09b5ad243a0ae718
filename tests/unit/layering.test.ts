// The layering rule (core knows nothing of Electron, React or the hosts; hosts reach core
// through its door), as ESLint enforces it (eslint.config.js): fixture sources
// linted as if they lived at a path in src/, through ESLint's Node API.
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

async function lint(code: string, filePath: string): Promise<{ rule: string | null; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, filePath) });
  expect(result, 'the fixture path must not be ignored by the config').toBeDefined();
  return result!.messages.filter((m) => m.severity === 2).map((m) => ({ rule: m.ruleId, message: m.message }));
}

async function layeringErrors(code: string, filePath: string): Promise<string[]> {
  return (await lint(code, filePath))
    .filter((m) => m.rule === 'no-restricted-imports' || m.rule === 'no-restricted-syntax')
    .map((m) => m.message);
}

const use = (spec: string, name = 'x') => `import { ${name} } from '${spec}';\nexport const used = ${name};\n`;

describe('layering lint', () => {
  describe('core is plain Node', () => {
    it.each([
      ['electron', use('electron', 'app')],
      ['electron/main', use('electron/main', 'app')],
      ['react', use('react', 'useState')],
      ['react-dom/client', use('react-dom/client', 'createRoot')],
      ['the renderer', use('../renderer/src/store/queue')],
      ['the renderer, from deeper', use('../../renderer/src/api/client')],
      ['main', use('../main/window')],
      ['the sync server', use('../sync-server/app')],
      ['the browser host', use('../web-host/serve')],
      ['a type from electron', "import type { App } from 'electron';\nexport type A = App;\n"],
      ['a re-export of electron', "export { app } from 'electron';\n"],
      ['a dynamic import of electron', "export const load = () => import('electron');\n"],
    ])('importing %s is an error', async (_what, code) => {
      const file = code.includes('../../') ? 'src/core/db/x.ts' : 'src/core/x.ts';
      expect(await layeringErrors(code, file)).not.toEqual([]);
    });

    it.each([
      ['better-sqlite3', "import Database from 'better-sqlite3';\nexport const D = Database;\n"],
      ['node:fs', use('node:fs', 'readFileSync')],
      ['shared', use('../shared/errors', 'VigilFailure')],
      ['its own modules', use('./db/open', 'openDatabase')],
      ['its own modules, lazily', "export const load = () => import('./seed/main-loader');\n"],
    ])('importing %s is fine', async (_what, code) => {
      expect(await lint(code, 'src/core/x.ts')).toEqual([]);
    });
  });

  describe('the renderer imports only shared and its own code', () => {
    it.each([
      ['node:fs', use('node:fs', 'readFileSync')],
      ['fs', use('fs', 'readFileSync')],
      ['path', use('path', 'join')],
      ['electron', use('electron', 'ipcRenderer')],
      ['better-sqlite3', "import Database from 'better-sqlite3';\nexport const D = Database;\n"],
      ['core', use('../../core/handlers', 'openCore')],
      ['core (types only)', "import type { Core } from '../../core/handlers';\nexport type C = Core;\n"],
      ['core index', use('../../core/index', 'openCore')],
      ['main', use('../../main/window')],
      ['a dynamic import of core', "export const load = () => import('../../core/handlers');\n"],
      ['a dynamic import of node:fs', "export const load = () => import('node:fs');\n"],
    ])('importing %s is an error', async (_what, code) => {
      expect(await layeringErrors(code, 'src/renderer/src/x.ts')).not.toEqual([]);
    });

    it.each([
      ['shared', use('../../shared/contract', 'queueFilter')],
      ['its own code', use('./store/queue')],
      ['react', use('react', 'useState')],
      ['its own code, lazily', "export const load = () => import('./features/core-view');\n"],
      ['shared, lazily', "export const load = () => import('../../shared/model');\n"],
      ['shared through the @shared alias', use('@shared/model', 'ITEM_KINDS')],
    ])('importing %s is fine', async (_what, code) => {
      expect(await layeringErrors(code, 'src/renderer/src/x.ts')).toEqual([]);
    });

    it('takes only types from the contract, by its path or through the alias', async () => {
      for (const spec of ['../../shared/contract', '@shared/contract']) {
        const values = await lint(use(spec, 'CONTRACT'), 'src/renderer/src/x.ts');
        expect(values.map((m) => m.rule)).toContain('@typescript-eslint/no-restricted-imports');
        expect(await lint(`import type { Method } from '${spec}';\nexport type M = Method;\n`, 'src/renderer/src/x.ts')).toEqual([]);
      }
    });
  });

  describe('the @shared alias is the renderer’s (Vite resolves it; Node code does not)', () => {
    it.each([
      'src/core/x.ts',
      'src/shared/x.ts',
      'src/sync-server/x.ts',
      'src/web-host/x.ts',
      'src/main/x.ts',
      'src/preload/x.ts',
      'src/cli/x.ts',
    ])('%s using it is an error', async (file) => {
      expect((await layeringErrors(use('@shared/model', 'ITEM_KINDS'), file)).join('\n')).toMatch(/@shared alias is for the renderer/);
    });
  });

  describe('hosts reach core through src/core/index.ts only', () => {
    it.each([
      ['src/main/x.ts', '../core/db/open'],
      ['src/main/x.ts', '../core/handlers'],
      ['src/main/x.ts', '../core/db/open.js'],
      ['src/main/sub/x.ts', '../../core/decisions/decide'],
      ['src/sync-server/x.ts', '../core/db/open'],
      ['src/web-host/x.ts', '../core/db/open'],
      ['src/cli/x.ts', '../core/import/session'],
    ])('%s importing %s (core internals) is an error', async (file, spec) => {
      const errors = await layeringErrors(use(spec), file);
      expect(errors.join('\n')).toMatch(/through src\/core\/index\.ts/);
    });

    it.each([
      ['src/main/x.ts', '../core/index'],
      ['src/main/x.ts', '../core/index.js'],
      ['src/main/x.ts', '../core'],
      ['src/sync-server/x.ts', '../core/index'],
      ['src/web-host/x.ts', '../core/index'],
      ['src/cli/x.ts', '../core/index'],
    ])('%s importing %s is fine', async (file, spec) => {
      expect(await layeringErrors(use(spec), file)).toEqual([]);
    });

    it('main importing the renderer is an error', async () => {
      expect(await layeringErrors(use('../renderer/src/App'), 'src/main/x.ts')).not.toEqual([]);
    });

    it('the preload imports neither core nor the renderer', async () => {
      expect(await layeringErrors(use('../core/index'), 'src/preload/x.ts')).not.toEqual([]);
      expect(await layeringErrors(use('../renderer/src/App'), 'src/preload/x.ts')).not.toEqual([]);
      expect(await layeringErrors(use('electron', 'contextBridge'), 'src/preload/x.ts')).toEqual([]);
    });
  });

  describe('shared depends on nothing of ours and runs in the browser', () => {
    it.each([
      ['core', use('../core/handlers')],
      ['node:fs', use('node:fs', 'readFileSync')],
      ['better-sqlite3', "import Database from 'better-sqlite3';\nexport const D = Database;\n"],
    ])('importing %s is an error', async (_what, code) => {
      expect(await layeringErrors(code, 'src/shared/x.ts')).not.toEqual([]);
    });

    it('importing zod is fine', async () => {
      expect(await lint(use('zod', 'z'), 'src/shared/x.ts')).toEqual([]);
    });
  });

  describe('hostile content is never rendered as HTML', () => {
    it('dangerouslySetInnerHTML in JSX is an error', async () => {
      const code = 'export const Item = ({ text }: { text: string }) => <div dangerouslySetInnerHTML={{ __html: text }} />;\n';
      const errors = await lint(code, 'src/renderer/src/components/Item.tsx');
      expect(errors).toEqual([{ rule: 'no-restricted-syntax', message: expect.stringMatching(/hostile/) }]);
    });

    it('text rendered as a JSX child is fine', async () => {
      expect(
        await lint('export const Item = ({ text }: { text: string }) => <div>{text}</div>;\n', 'src/renderer/src/components/Item.tsx'),
      ).toEqual([]);
    });

    it('assigning innerHTML in the renderer is an error', async () => {
      const errors = await lint(
        'export function show(el: HTMLElement, text: string) {\n  el.innerHTML = text;\n}\n',
        'src/renderer/src/x.ts',
      );
      expect(errors.map((e) => e.rule)).toEqual(['no-restricted-properties']);
    });
  });
});
