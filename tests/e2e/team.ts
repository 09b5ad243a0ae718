// A team for browser tests of more than one workstation: a central server (ana and bo
// moderators, sam a supervisor), the test's own workstation signed in as ana, bo's workstation
// behind a relay that can take it offline, and more workstations on demand. Each extra
// workstation runs in a browser context of its own, and its page errors and console errors are
// collected in `problems` for the test to check.
import type { Browser, Page } from '@playwright/test';
import { centralServer, connect } from './central-server';
import { startHost, type Host } from './host';
import { offlineSwitch, type OfflineSwitch } from './offline-switch';
import { QueuePage } from './pages/QueuePage';

export interface Workstation {
  host: Host;
  page: Page;
  queue: QueuePage;
}

export interface Team {
  server: { url: string };
  /** Between bo's workstation and the server. */
  relay: OfflineSwitch;
  bo: Workstation;
  problems: string[];
  /** Another workstation signed in straight to the server as `name`. */
  join(name: string): Promise<Workstation>;
  close(): Promise<void>;
}

type Viewport = { width: number; height: number };

async function workstation(browser: Browser, problems: string[], viewport: Viewport | undefined): Promise<Workstation> {
  const host = await startHost({ seedItems: 200 });
  const context = await browser.newContext(viewport ? { viewport } : {});
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  const queue = new QueuePage(page, host);
  await queue.openWithItems();
  return { host, page, queue };
}

/** Opens `queue` (ana's), starts the server and bo's workstation; `close` stops what was started, whatever the test did. */
export async function team(queue: QueuePage, browser: Browser, viewport?: Viewport): Promise<Team> {
  const server = await centralServer([
    ['ana', 'moderator'],
    ['bo', 'moderator'],
    ['sam', 'supervisor'],
  ]);
  const relay = await offlineSwitch(server.url);
  const problems: string[] = [];
  const extra: Workstation[] = [];
  const close = async () => {
    for (const w of extra) {
      await w.page.context().close();
      await w.host.stop();
    }
    await relay.close();
    await server.app.close();
  };
  const open = async (name: string, url: string) => {
    const w = await workstation(browser, problems, viewport);
    extra.push(w);
    await connect(w.queue, url, name);
    return w;
  };
  try {
    await queue.openWithItems();
    await connect(queue, server.url, 'ana');
    const bo = await open('bo', relay.url);
    return { server, relay, bo, problems, join: (name) => open(name, server.url), close };
  } catch (e) {
    await close();
    throw e;
  }
}
