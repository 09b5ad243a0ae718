// `node --import ./register.mjs …`: makes `import … from 'electron'` load fake.mjs, so the
// built main process (out/main/index.js) runs in plain Node where Electron cannot.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
