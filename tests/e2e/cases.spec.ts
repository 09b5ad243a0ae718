// A customer's messages to the brand's main and support accounts are one case with one
// owner: taken with `o`, handed over with `g` (a name and a reason, or it is refused), and
// when it comes back to an earlier owner the supervisor sees it flagged as bounced.
import { expect, test } from './fixtures';

test.use({ seedItems: 0 });

const T0 = Date.parse('2026-11-20T10:00:00Z');

function file(): Buffer {
  const rows = [
    {
      type: 'account',
      platform: 'x',
      id: 'noor',
      handle: 'noor_m',
      name: 'Noor Moreau',
      followers: 300,
      createdAt: '2019-01-01T00:00:00Z',
    },
    {
      type: 'item',
      platform: 'x',
      id: 'main-1',
      kind: 'mention',
      author: 'noor',
      target: '@brand',
      createdAt: new Date(T0).toISOString(),
      text: 'My order 5521 never arrived and nobody answers.',
    },
    {
      type: 'item',
      platform: 'x',
      id: 'support-1',
      kind: 'reply',
      author: 'noor',
      target: '@brand_support',
      createdAt: new Date(T0 + 3_600_000).toISOString(),
      text: 'Writing here too: order 5521, still nothing.',
    },
  ];
  return Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

async function setActor(page: import('@playwright/test').Page, name: string): Promise<void> {
  await page.getByTestId('actor').click();
  const input = page.getByTestId('actor-input');
  await input.fill(name);
  await input.press('Enter');
  await expect(page.getByTestId('actor-dialog')).toHaveCount(0);
}

test('one case across the brand accounts, one owner, hand-overs with reasons, a bounce the supervisor sees', async ({ queue, page }) => {
  await queue.open();
  await queue.importNdjson('noor.ndjson', file());
  await expect(queue.detail).not.toHaveAttribute('data-item-id', '');
  await setActor(page, 'ana');

  const panel = page.getByTestId('case-panel');
  await expect(panel).toContainText('Case · 2 messages to @brand, @brand_support');
  await expect(panel.getByTestId('case-owner')).toHaveText('nobody owns it yet (o takes it)');

  await queue.press('o');
  await expect(panel.getByTestId('case-owner')).toHaveText('owned by ana');

  // A hand-over without a reason is refused, with what to do.
  await queue.press('g');
  const dialog = page.getByTestId('case-handover-dialog');
  await dialog.getByTestId('case-handover-to').fill('bo');
  await dialog.getByTestId('case-handover-submit').click();
  await expect(dialog).toContainText('Say why, so the next person knows what to do.');
  await dialog.getByTestId('case-handover-reason').fill('Billing question: order 5521 was charged twice');
  await dialog.getByTestId('case-handover-submit').click();
  await expect(dialog).toHaveCount(0);
  await expect(panel.getByTestId('case-owner')).toHaveText('owned by bo');
  await expect(panel).toContainText('handed the case over — to bo: Billing question');

  // bo, at this workstation, sends it back: the customer is being bounced.
  await setActor(page, 'bo');
  await queue.press('g');
  await dialog.getByTestId('case-handover-to').fill('ana');
  await dialog.getByTestId('case-handover-reason').fill('Not billing, a lost parcel');
  await dialog.getByTestId('case-handover-submit').click();
  await expect(panel.getByTestId('case-bounced')).toContainText('bounced (ana → bo → ana)');

  // The supervisor's view: the status bar counts it, the audit dialog lists it.
  await expect(page.getByTestId('bounced-count')).toHaveText('1 bounced case', { timeout: 10_000 });
  await page.getByTestId('bounced-count').click();
  await expect(page.getByTestId('bounced-cases')).toContainText('@noor_m · ana → bo → ana · handed over 2×');
  await queue.press('Escape');

  // Resolution needs an outcome; the case shows it.
  await setActor(page, 'ana');
  await queue.press('v');
  const resolve = page.getByTestId('case-resolve-dialog');
  await resolve.getByTestId('case-outcome').selectOption('answered');
  await resolve.getByTestId('case-resolve-submit').click();
  await expect(panel.getByTestId('case-status')).toHaveText('resolved: answered');
});
