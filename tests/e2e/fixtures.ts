import { test as base, expect } from '@playwright/test';
import { startHost, type Host } from './host';
import { QueuePage } from './pages/QueuePage';

interface Fixtures {
  /** Items generated into the host's database before it starts (0: empty). */
  seedItems: number;
  /**
   * The test stops or restarts the host on purpose: the browser's own "connection refused"
   * lines are expected then, and so are the restarted host's 401s to the old session.
   */
  hostGoesDown: boolean;
  host: Host;
  queue: QueuePage;
}

export const test = base.extend<Fixtures>({
  seedItems: [200, { option: true }],
  hostGoesDown: [false, { option: true }],

  host: async ({ seedItems }, use) => {
    const host = await startHost({ seedItems });
    await use(host);
    await host.stop();
  },

  // Any page error or console error fails the test: the UI must run clean. The page depends
  // on the host so that the host outlives it (a page still fetching must not find it gone).
  page: async ({ page, host, hostGoesDown }, use) => {
    void host;
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      if (hostGoesDown && /net::ERR_(CONNECTION_REFUSED|CONNECTION_RESET|EMPTY_RESPONSE)|status of 401 \(Unauthorized\)/.test(m.text()))
        return;
      problems.push(`console error: ${m.text()}`);
    });
    await use(page);
    await page.close();
    expect(problems, 'the page logged errors').toEqual([]);
  },

  queue: async ({ page, host }, use) => {
    await use(new QueuePage(page, host));
  },
});

export { expect };
