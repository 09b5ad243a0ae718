// Several teams: the hours dialog picks the team it edits, and "New team…" adds one that starts
// from the first team's calendar, with its own response targets.
import { expect, test } from './fixtures';
import { HoursDialog } from './pages/HoursDialog';

test.use({ seedItems: 0 });

interface Teams {
  teams: { id: number; name: string; timeZone: string; weekly: Record<string, [number, number][]> }[];
  policies: { name: string; teamId: number; firstResponseMinutes: number; resolutionMinutes: number }[];
}

test('a second team is added from the keyboard, with its own hours and targets, and the first stays as it was', async ({ queue, page }) => {
  await queue.open();
  const before = await queue.host.api<Teams>('sla.teams', {});
  expect(before.teams).toHaveLength(1);
  const first = before.teams[0]!;

  const hours = await HoursDialog.openFromKeyboard(page);
  const picker = hours.field('hours-team-select');
  await expect(picker).toHaveValue(String(first.id));
  await picker.selectOption('new');
  await expect(hours.field('hours-team')).toHaveValue('');
  // It starts from the first team's calendar.
  await expect(hours.field('hours-zone')).toHaveValue(first.timeZone);
  await hours.field('hours-team').fill('Night shift');
  await hours.setZone('Asia/Tokyo');
  await hours.setEveryDay('22:00-06:00');
  await hours.field('sla-first-response').fill('45');
  await hours.field('sla-resolution').fill('600');
  await hours.save();
  await expect(page.getByTestId('toast-success').last()).toContainText('Business hours saved');

  const after = await queue.host.api<Teams>('sla.teams', {});
  expect(after.teams.map((t) => t.name).sort()).toEqual([first.name, 'Night shift'].sort());
  const night = after.teams.find((t) => t.name === 'Night shift')!;
  expect(night.timeZone).toBe('Asia/Tokyo');
  expect(after.teams.find((t) => t.id === first.id)).toEqual(first);
  expect(after.policies.find((p) => p.teamId === night.id)).toMatchObject({ firstResponseMinutes: 45, resolutionMinutes: 600 });

  // Opened again, the dialog lists both; choosing one shows its own calendar.
  const again = await HoursDialog.openFromKeyboard(page);
  await again.field('hours-team-select').selectOption(String(night.id));
  await expect(again.field('hours-zone')).toHaveValue('Asia/Tokyo');
  await expect(again.field('hours-mon')).toHaveValue(/22:00/);
  await again.field('hours-team-select').selectOption(String(first.id));
  await expect(again.field('hours-zone')).toHaveValue(first.timeZone);
});
