#!/usr/bin/env node
// `npm run build`: the Electron app (main, preload, renderer) with electron-vite, and the
// browser host bundle. `npm start`, `npm run web` and the tests call the same on demand.
import { build } from './lib/ensure-built.mjs';

try {
  build({ quiet: false });
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
