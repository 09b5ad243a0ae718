// Bundles the browser host (src/web-host, with core and shared) into one ES module,
// out/web-host/main.mjs, so `npm run web` starts plain Node on JavaScript: no TypeScript
// loader to pay for at every start. Packages stay in node_modules (better-sqlite3 is native).
import { build } from 'esbuild';
import { join } from 'node:path';

export async function buildWebHost(root) {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  };
  // The trainer's and the scoring pass's worker threads are entries of their own, found next to main.mjs at run time.
  await build({
    ...common,
    entryPoints: [join(root, 'src/core/detection/training/worker.ts')],
    outfile: join(root, 'out/web-host/train-worker.mjs'),
  });
  await build({
    ...common,
    entryPoints: [join(root, 'src/core/detection/scoring/worker.ts')],
    outfile: join(root, 'out/web-host/score-worker.mjs'),
  });
  await build({ ...common, entryPoints: [join(root, 'src/web-host/main.ts')], outfile: join(root, 'out/web-host/main.mjs') });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { root } = await import('./ensure-built.mjs');
  await buildWebHost(root);
}
