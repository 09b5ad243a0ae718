// End to end: a complaint arrives and is routed to the complaints queue with the
// urgent SLA; the moderator is stopped from sending the bare template, personalises it and
// sends it; hands the case over with a reason; it bounces back and the supervisor sees it
// flagged. (The out-of-hours notice has its own test in sla.spec.ts.)
import { expect, test } from './fixtures';

test.use({ seedItems: 0 });

const T0 = Date.now() - 10 * 60_000;

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
      id: 'c1',
      kind: 'mention',
      author: 'noor',
      target: '@brand',
      createdAt: new Date(T0).toISOString(),
      text: 'My blender arrived broken and support never answers. Terrible.',
    },
    { type: 'account', platform: 'x', id: 'sam', handle: 'sam_k', followers: 50, createdAt: '2020-01-01T00:00:00Z' },
    {
      type: 'item',
      platform: 'x',
      id: 'q1',
      kind: 'mention',
      author: 'sam',
      target: '@brand',
      createdAt: new Date(T0).toISOString(),
      text: 'Do you ship to Norway?',
    },
  ];
  return Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

test('a complaint is routed with its SLA, answered personally, handed over, bounced and flagged', async ({ queue, page }) => {
  // The admin's set-up: an urgent policy and a rule for complaints.
  const { teams } = await queue.host.api<{ teams: { id: number }[] }>('sla.teams', {});
  await queue.host.api('sla.policy.save', { name: 'Urgent', teamId: teams[0]!.id, firstResponseMinutes: 30, resolutionMinutes: 240 });
  await queue.host.api('rules.save', {
    rules: [
      {
        name: 'Complaints',
        conditions: [{ field: 'type', op: 'in', value: ['complaint'] }],
        actions: { queue: 'complaints', sla: 'Urgent' },
      },
    ],
  });

  await queue.open();
  await queue.importNdjson('messages.ndjson', file());
  const complaints = page.getByTestId('queue-complaints');
  await expect(complaints.locator('.count')).toHaveText('1');
  await complaints.click();
  await expect(queue.list).toHaveAttribute('data-total', '1');
  await expect(page.getByTestId('routing-note')).toContainText('Routed by rule Complaints');
  const id = await queue.currentItemId();
  const sla = await queue.host.api<{ policy: { name: string } | null }>('sla.item', { itemId: id });
  expect(sla.policy?.name).toBe('Urgent');
  await expect(page.getByTestId('sla-panel')).toBeVisible();

  // The bare template is refused; a personal answer goes out.
  await queue.press('t');
  const reply = queue.dialog('reply-dialog');
  await reply.expectOpen();
  await queue.press('Enter');
  await queue.press('Control+Enter');
  await expect(reply.field('reply-check')).toContainText('bare template');
  await reply.expectOpen();
  const text = reply.field('reply-text');
  await text.focus();
  await page.keyboard.press('End');
  await page.keyboard.type(' A replacement blender leaves our warehouse today; the tracking link follows by e-mail.');
  await queue.press('Control+Enter');
  await reply.expectClosed();
  await queue.waitSaved();

  // Answering made the moderator the case's owner; the case is handed over with a reason.
  await queue.filterStatus('replied');
  await expect(queue.detail).toHaveAttribute('data-item-id', String(id));
  const panel = page.getByTestId('case-panel');
  await expect(panel.getByTestId('case-owner')).toHaveText('owned by e2e');
  await queue.press('g');
  const handover = page.getByTestId('case-handover-dialog');
  await expect(handover).toBeVisible();
  await handover.getByTestId('case-handover-to').fill('returns-team');
  await handover.getByTestId('case-handover-reason').fill('Replacement shipping: returns handles the old blender');
  await handover.getByTestId('case-handover-submit').click();
  await expect(panel.getByTestId('case-owner')).toHaveText('owned by returns-team');

  // Returns sends it straight back: bounced, and the supervisor sees it.
  await page.getByTestId('actor').click();
  await page.getByTestId('actor-input').fill('returns-team');
  await page.getByTestId('actor-input').press('Enter');
  // The name is saved before the dialog closes; a key pressed earlier would go to the dialog.
  await expect(page.getByTestId('actor-dialog')).toHaveCount(0);
  await expect(page.getByTestId('actor')).toContainText('returns-team');
  await queue.press('g');
  await expect(handover).toBeVisible();
  await handover.getByTestId('case-handover-to').fill('e2e');
  await handover.getByTestId('case-handover-reason').fill('Not ours: no return was asked for');
  await handover.getByTestId('case-handover-submit').click();
  await expect(panel.getByTestId('case-bounced')).toContainText('e2e → returns-team → e2e');
  await page.getByTestId('bounced-count').click();
  await expect(page.getByTestId('bounced-cases')).toContainText('@noor_m · e2e → returns-team → e2e');
});
