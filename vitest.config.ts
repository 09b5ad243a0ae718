import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The renderer's @shared/… imports (tsconfig.json's paths), for tests that load renderer code.
const resolve = { alias: { '@shared': fileURLToPath(new URL('./src/shared', import.meta.url)) } };

export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'tests/unit/**/*.test.ts',
            'tests/migrations/**/*.test.ts',
            'tests/cli/**/*.test.ts',
            'tests/hosts/**/*.test.ts',
            'tests/sync-server/**/*.test.ts',
          ],
          setupFiles: ['tests/setup/language.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [react()],
        resolve,
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['tests/renderer/**/*.test.ts', 'tests/renderer/**/*.test.tsx'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
