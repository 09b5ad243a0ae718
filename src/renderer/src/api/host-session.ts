// In the browser mode the page's session cookie belongs to one launch of the host. When the
// host refuses it (it was restarted, and made a new key), no later call can succeed: the
// window says so once, in place of the app, instead of failing call by call.

export const HOST_RESTARTED_MESSAGE = 'Vigil was restarted: open the address it printed.';

let lost = false;
const listeners = new Set<() => void>();

export function markSessionLost(): void {
  if (lost) return;
  lost = true;
  for (const listener of listeners) listener();
}

export function isSessionLost(): boolean {
  return lost;
}

/** For useSyncExternalStore. */
export function subscribeSessionLost(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
