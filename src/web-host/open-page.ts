// The page a browser gets instead of the app when it has no session with this launch of the
// host: a few lines on how to get in, with no script, rather than an app whose every call
// would then be refused.

export type OpenPageReason = 'no_session' | 'wrong_key';

const REASONS: Record<OpenPageReason, string> = {
  no_session: 'This browser has no session with the running Vigil, or Vigil was restarted since it had one.',
  wrong_key: 'The key in this address is not the one the running Vigil printed: it may be from an earlier start.',
};

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** `baseUrl` is the host's own address without the key, e.g. `http://127.0.0.1:5199/`. */
export function openPage(reason: OpenPageReason, baseUrl: string): string {
  const printed = `Vigil is running at ${baseUrl}?key=…`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Open Vigil from the address it printed</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; color: #1d2433; background: #fff; max-width: 42em; margin: 48px auto; padding: 0 20px; }
      code { background: #eef0f4; padding: 1px 4px; border-radius: 3px; word-break: break-all; }
    </style>
  </head>
  <body>
    <main>
      <h1>Open Vigil from the address it printed</h1>
      <p data-testid="open-reason">${escapeHtml(REASONS[reason])}</p>
      <p>When Vigil starts, it prints one line: <code>${escapeHtml(printed)}</code>. Open that whole address, key included, in this browser.</p>
      <p>The key is new at every start, so after a restart only the newly printed address works.</p>
    </main>
  </body>
</html>
`;
}
