// The browser mode's way in: only the address the host printed, with its per-launch key,
// gives a browser a session; without it the browser gets a short page on how to open Vigil.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

test.use({ seedItems: 20 });

/** A page of its own (no session yet) that records console errors other than the refusals this spec asks for. */
async function freshPage(newPage: () => Promise<Page>): Promise<{ page: Page; problems: string[] }> {
  const page = await newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 403 \(Forbidden\)/.test(m.text())) problems.push(`console error: ${m.text()}`);
  });
  return { page, problems };
}

test('without the printed key a browser gets no session, only a page that says how to open Vigil', async ({ browser, host }) => {
  const { page, problems } = await freshPage(() => browser.newPage());
  try {
    const port = new URL(host.baseUrl).port;
    const sessionCookies = async () => (await page.context().cookies()).filter((c) => c.name === `vigil_session_${port}`);

    const bare = await page.goto(host.baseUrl);
    expect(bare?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Open Vigil from the address it printed');
    await expect(page.getByRole('main')).toContainText(`Vigil is running at ${host.baseUrl}?key=…`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('#root')).toHaveCount(0);
    expect(await sessionCookies()).toEqual([]);

    const key = new URL(host.url).searchParams.get('key')!;
    const wrong = await page.goto(`${host.baseUrl}?key=${key.slice(0, -2)}xy`);
    expect(wrong?.status()).toBe(403);
    await expect(page.getByTestId('open-reason')).toContainText('is not the one the running Vigil printed');
    expect(await sessionCookies()).toEqual([]);

    // The printed address: the app opens, the key leaves the address bar, the cookie is out of the page's reach.
    await page.goto(host.url);
    await expect(page.locator('.app[data-ready=true]')).toBeVisible();
    expect(page.url()).toBe(host.baseUrl);
    const [cookie] = await sessionCookies();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie!.value).not.toBe(key);
    expect(await page.evaluate(() => document.cookie)).toBe('');

    // A reload keeps the session; the contract answers the page.
    await page.reload();
    await expect(page.getByTestId('detail')).not.toHaveAttribute('data-item-id', '');
    expect(problems).toEqual([]);
  } finally {
    await page.close();
  }
});
