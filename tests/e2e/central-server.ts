// A central server for browser tests (SQLite in a temp folder, on loopback) and the way a
// person connects a workstation to it.
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../../src/sync-server/app';
import { hashPassword } from '../../src/sync-server/auth/passwords';
import { openSqliteStore } from '../../src/sync-server/store/sqlite-store';
import type { Role } from '../../src/shared/sync';
import { expect } from './fixtures';
import type { QueuePage } from './pages/QueuePage';

export const PASSWORD = 'a long enough password';

export async function centralServer(
  users: [string, Role][] = [
    ['ana', 'moderator'],
    ['bo', 'moderator'],
  ],
): Promise<{ app: FastifyInstance; url: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-e2e-server-'));
  const store = openSqliteStore(dir);
  const hash = await hashPassword(PASSWORD);
  for (const [name, role] of users) await store.addUser(name, role, hash, Date.now());
  const app = buildServer({ store });
  // Removing the folder of a database still open is harmless on Linux; the store closes in its own hook.
  app.addHook('onClose', async () => rmSync(dir, { recursive: true, force: true }));
  return { app, url: await app.listen({ host: '127.0.0.1', port: 0 }) };
}

/** Signs the workstation in through the sync dialog and waits until it is online. */
export async function connect(queue: QueuePage, url: string, name: string): Promise<void> {
  await queue.press('Control+Shift+Y');
  const dialog = queue.page.getByTestId('sync-dialog');
  await dialog.getByTestId('sync-url').fill(url);
  await dialog.getByTestId('sync-name').fill(name);
  await dialog.getByTestId('sync-password').fill(PASSWORD);
  await dialog.getByTestId('sync-connect').click();
  await expect(dialog.getByTestId('sync-state')).toHaveText(/online|syncing/);
  await queue.press('Escape');
  await expect(queue.page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'online');
}
