// "On time": the business-hours dialog opened from the keyboard changes a team's hours, the
// item's time to breach moves with them, and an item that arrived while the team was closed
// says when the team is back, in the detail pane and in the out-of-hours reply.
import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';
import { HoursDialog } from './pages/HoursDialog';

test.use({ seedItems: 0 });

const MIN = 60_000;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

test('hours change the time to breach; an out-of-hours item says when the team is back', async ({ queue, page }) => {
  await queue.open();
  // Open round the clock in UTC first, so the item's first response (1 business hour) runs from its arrival.
  let hours = await HoursDialog.openFromKeyboard(page);
  await hours.setZone('UTC');
  await hours.setEveryDay('00:00-24:00');
  // A mistake is named, and nothing is saved.
  await hours.setDay('mon', '9-17');
  expect(await hours.saveRefused()).toContain('Monday: “9-17” is not a time range like 09:00–17:00.');
  await hours.setDay('mon', '00:00-24:00');
  await hours.save();

  const arrived = Date.now() - 30 * MIN;
  const rows = [
    { type: 'account', platform: 'x', id: 'c1', handle: 'casey', name: 'Casey Stone', followers: 120, createdAt: '2020-01-01T00:00:00Z' },
    {
      type: 'item',
      platform: 'x',
      id: 'late-question',
      kind: 'mention',
      author: 'c1',
      createdAt: new Date(arrived).toISOString(),
      text: 'Is my order on its way?',
    },
  ];
  await queue.importNdjson('night.ndjson', Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n') + '\n'));
  await expect(queue.detail).not.toHaveAttribute('data-item-id', '');

  const left = page.getByTestId('sla-left');
  // Half of the hour is gone (29 or 30 minutes left, as the clock turns).
  await expect(left).toContainText(/First response due in (29|30) min of business time/);
  await expect(page.getByTestId('sla-badge')).toHaveAttribute('data-urgency', 'soon');
  await expect(page.getByTestId('sla-back-at')).toHaveCount(0);

  // Close the day it arrived (and the day before, should the test run just after midnight):
  // no business time has passed since, and the team is away now.
  hours = await HoursDialog.openFromKeyboard(page);
  await hours.setClosedDates([
    `${day(arrived - 24 * 60 * MIN)} Team offsite`,
    `${day(arrived)} Team offsite`,
    `${day(Date.now())} Team offsite`,
  ]);
  await hours.save();
  await expect(page.getByTestId('toast-success').last()).toContainText('1 open item re-timed');
  await expect(left).toContainText('First response due in 1 h of business time');
  const backAt = page.getByTestId('sla-back-at');
  await expect(backAt).toContainText('Arrived out of hours. The team is away; back');
  await expect(backAt).toContainText('00:00 (UTC)');
  await expectNoAxeViolations(page, '[data-testid="sla-panel"]');

  // The out-of-hours answer says when the team is back, filled in for the moderator to check.
  await queue.press('t');
  await page.getByTestId('template-search').fill('out of hours');
  await page.keyboard.press('Enter');
  const text = page.getByTestId('reply-text');
  await expect(text).toHaveValue(
    /^Hi Casey, thanks for your message! Our team is away right now \(Mon–Sun 00:00–24:00\)\. We will be back on .+00:00 \(UTC\) and will answer you then\./,
  );
  // Sent as it is, it is the bare template: the moderator overrides the check with a reason.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('reply-check')).toContainText('still the bare template');
  await page.getByTestId('reply-override').fill('holding answer while the team is away');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('reply-dialog')).toHaveCount(0);

  // The reply met the first response: the item is answered, and nothing is overdue.
  const summary = await queue.host.api<{ open: number; breached: number }>('sla.summary', {});
  expect(summary.breached).toBe(0);
});
