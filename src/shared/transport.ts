// Where contract methods travel. Kept apart from contract.ts so the renderer can name them
// without bundling the argument schemas (zod) it never runs: core validates, not the UI.

/** HTTP path of a method in the browser host. */
export const HTTP_PREFIX = '/api/';
/** IPC channel of a method in the desktop host. */
export const IPC_PREFIX = 'vigil:';
