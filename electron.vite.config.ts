import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

// One renderer bundle serves both hosts: Electron loads it from out/renderer, and the browser
// host (`npm run web`) serves the same files. Relative asset paths make both work.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The trainer's and the scoring pass's worker threads are found next to the main bundle at run time.
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          'train-worker': resolve(__dirname, 'src/core/detection/training/worker.ts'),
          'score-worker': resolve(__dirname, 'src/core/detection/scoring/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload must be CommonJS.
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    base: './',
    // The renderer reaches the shared contract and types as @shared/… (tsconfig.json's paths).
    resolve: { alias: { '@shared': resolve(__dirname, 'src/shared') } },
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
