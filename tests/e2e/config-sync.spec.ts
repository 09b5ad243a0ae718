// Two browser workstations and a central server: the admin saves a routing rule on one; the
// other, a moderator's, receives it through sync and routes a complaint imported there by it,
// and its rules dialog says who changed the rules and when.
import type { Page } from '@playwright/test';
import { centralServer, connect } from './central-server';
import { expect, test } from './fixtures';
import { startHost, type Host } from './host';
import { QueuePage } from './pages/QueuePage';
import { RulesDialog } from './pages/RulesDialog';

const complaint = (id: string, text: string) =>
  Buffer.from(
    `${JSON.stringify({ type: 'account', platform: 'x', id: `u-${id}`, handle: `customer_${id}`, followers: 320, following: 200, posts: 900, createdAt: '2019-03-01T00:00:00Z' })}\n` +
      `${JSON.stringify({ type: 'item', platform: 'x', id, kind: 'mention', author: `u-${id}`, createdAt: '2026-11-20T09:30:00Z', text, target: 'Northwind' })}\n`,
  );

test("the admin's rule saved on one workstation routes a complaint imported on another", async ({ queue, page, browser }) => {
  test.setTimeout(120_000);
  const server = await centralServer([
    ['root', 'admin'],
    ['bo', 'moderator'],
  ]);
  const problems: string[] = [];
  let bo: { host: Host; page: Page } | null = null;
  try {
    await queue.openWithItems();
    await connect(queue, server.url, 'root');

    const host = await startHost({ seedItems: 50 });
    const boPage = await browser.newPage();
    bo = { host, page: boPage };
    boPage.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    boPage.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    const boQueue = new QueuePage(boPage, host);
    await boQueue.openWithItems();
    await connect(boQueue, server.url, 'bo');

    // The admin adds a rule and saves it; it goes out with the next sync by itself.
    await queue.press('Control+Shift+R');
    const rules = new RulesDialog(page);
    await rules.expectOpen();
    await rules.addRule('Zorblax complaints');
    await rules.condition(0, 'keywords', 'any', 'zorblax');
    await rules.field('rule-queue').fill('zorblax-care');
    await rules.save();
    await expect(page.getByTestId('sync-indicator')).toContainText('nothing waiting', { timeout: 15_000 });

    // It reaches the moderator's workstation; its dialog says who changed the rules.
    await expect
      .poll(
        async () => (await host.api<{ docs: { changedBy: string }[] }>('config.docs', { docs: ['rules'] })).docs.map((d) => d.changedBy),
        { timeout: 15_000 },
      )
      .toEqual(['root']);
    await boQueue.press('Control+Shift+R');
    const seen = new RulesDialog(boPage);
    await seen.expectOpen();
    await expect(seen.field('config-last-changed')).toContainText('changed by root');
    await expect(seen.field('rule-item-0')).toHaveText('Zorblax complaints');
    await boQueue.press('Escape');
    await expect(seen.root).toHaveCount(0);

    // A complaint imported there is routed by the admin's rule, with the reason.
    await boQueue.importNdjson('complaint.ndjson', complaint('c1', 'My Zorblax kettle broke after two days, this is unacceptable'));
    const care = boPage.getByTestId('queue-zorblax-care');
    await expect(care.locator('.count')).toHaveText('1');
    await care.click();
    await expect(boQueue.list).toHaveAttribute('data-total', '1');
    await expect(boPage.getByTestId('routing-note')).toContainText('Routed by rule Zorblax complaints');
    expect(problems, 'the other page logged errors').toEqual([]);
  } finally {
    if (bo) {
      await bo.page.close();
      await bo.host.stop();
    }
    await server.app.close();
  }
});
