import { test as base, expect } from '@playwright/test';
import { startHost, type Host } from './host';
import { QueuePage } from './pages/QueuePage';

interface Fixtures {
  /** Items generated into the host's database before it starts (0: empty). */
  seedItems: number;
  host: Host;
  queue: QueuePage;
}

export const test = base.extend<Fixtures>({
  seedItems: [200, { option: true }],

  host: async ({ seedItems }, use) => {
    const host = await startHost({ seedItems });
    await use(host);
    await host.stop();
  },

  // Any page error or console error fails the test: the UI must run clean.
  page: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    await use(page);
    expect(problems, 'the page logged errors').toEqual([]);
  },

  queue: async ({ page, host }, use) => {
    await use(new QueuePage(page, host));
  },
});

export { expect };
