// "How did we answer this before?": a resolved case with a reply exists; a new customer
// writes nearly the same message, and the detail pane shows the earlier case, its outcome and
// what the team replied (as text). Notes are searchable, and a note mentioning the moderator
// shows in the status bar. Both lead somewhere: the earlier case and a note's item open in the
// queue (by key or click) even where the filter on screen hides them.
import { expect, test } from './fixtures';

test.use({ seedItems: 0 });

const HOUR = 3_600_000;
const REPLY = 'Hold the power button for ten seconds to reset it. <img src=x onerror=alert(1)>';

test('a similar resolved case and its reply show beside a new message; notes are searchable and mentions counted', async ({
  queue,
  host,
  page,
}) => {
  await queue.open();
  const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * HOUR).toISOString();
  const rows = [
    { type: 'account', platform: 'x', id: 'noor', handle: 'noor', name: 'Noor Haddad', followers: 80, createdAt: '2020-01-01T00:00:00Z' },
    { type: 'account', platform: 'x', id: 'zed', handle: 'zed', name: 'Zed Park', followers: 40, createdAt: '2020-01-01T00:00:00Z' },
    {
      type: 'item',
      platform: 'x',
      id: 'before',
      kind: 'mention',
      author: 'noor',
      createdAt: at(72),
      text: 'My Kestrel e-bike battery dies after ten minutes of riding, what can I do about this?',
    },
    {
      type: 'item',
      platform: 'x',
      id: 'now',
      kind: 'mention',
      author: 'zed',
      createdAt: at(1),
      text: 'My Kestrel e-bike battery dies after ten minutes of riding, what can I do about it?',
    },
  ];
  await queue.importNdjson('battery.ndjson', Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n') + '\n'));
  await host.api('detection.rescore', {});
  // The earlier message was answered and its case resolved (by a teammate, through the API).
  const page1 = await host.api<{ rows: { id: number; externalId: string }[] }>('queue.page', {
    filter: { status: 'all' },
    offset: 0,
    limit: 10,
  });
  const before = page1.rows.find((r) => r.externalId === 'before')!.id;
  const now = page1.rows.find((r) => r.externalId === 'now')!.id;
  await host.api('decision.apply', { itemIds: [before], action: 'reply', note: REPLY });
  await host.api('case.resolve', { itemId: before, outcome: 'fixed' });

  await page.reload();
  await expect(page.locator('.app[data-ready=true]')).toBeVisible();
  await expect(queue.detail).toHaveAttribute('data-item-id', String(now));
  const similar = page.getByTestId('similar-cases');
  await expect(similar).toContainText('How did we answer this before?');
  const found = similar.getByTestId('similar-case');
  await expect(found).toHaveCount(1);
  await expect(found).toHaveAttribute('data-match', 'near-duplicate');
  await expect(found).toContainText('fixed');
  await expect(found.getByTestId('similar-message')).toHaveText(
    'My Kestrel e-bike battery dies after ten minutes of riding, what can I do about this?',
  );
  // The reply is shown as text: the markup in it is not an element.
  await expect(found.getByTestId('similar-reply')).toContainText(REPLY);
  await expect(similar.locator('img')).toHaveCount(0);

  // A note mentioning the moderator: searchable, and counted in the status bar.
  const { actor } = await host.api<{ actor: string }>('app.info', {});
  await queue.press('n');
  await page.getByTestId('note-input').fill(`@${actor.replace(/\s+/g, '')} same battery fault as last week, see the reset steps`);
  await page.keyboard.press('Control+Enter');
  await queue.waitSaved();
  await expect(page.getByTestId('mention-count')).toContainText('mentioned you 1×');

  await queue.press('Control+Shift+F');
  const dialog = page.getByTestId('notes-dialog');
  await expect(dialog).toBeVisible();
  await page.keyboard.type('reset batt');
  await expect(dialog.getByTestId('note-hit')).toHaveCount(1);
  await expect(dialog.getByTestId('note-hit')).toContainText('same battery fault as last week');
  await expect(dialog.getByTestId('note-hit')).toHaveAttribute('data-item-id', String(now));
  await dialog.getByTestId('notes-mentions-tab').click();
  await expect(dialog.getByTestId('notes-count')).toHaveText('1 note mentions you');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // The earlier case opens from the keyboard (p, then Enter), although the waiting queue on screen hides a replied item.
  await expect(page.getByTestId('filter-status')).toHaveValue('new');
  await queue.press('p');
  await expect(found.getByTestId('similar-open')).toBeFocused();
  await queue.press('Enter');
  await expect(queue.detail).toHaveAttribute('data-item-id', String(before));
  await expect(page.getByTestId('filter-status')).toHaveValue('replied');
  await expect(page.getByTestId('case-status')).toHaveText('resolved: fixed');
  await expect(page.getByTestId('history')).toContainText('Hold the power button');
  // Backspace goes back to the list left for it, at the item the moderator was on.
  await expect(page.getByTestId('toast-info').last()).toContainText('Backspace goes back');
  await queue.press('Backspace');
  await expect(page.getByTestId('filter-status')).toHaveValue('new');
  await expect(queue.detail).toHaveAttribute('data-item-id', String(now));

  // A note found by its words opens its item: ↓ from the search field to the hit, Enter.
  await queue.press('Control+Shift+F');
  await expect(dialog).toBeVisible();
  await page.keyboard.type('reset batt');
  await expect(dialog.getByTestId('note-hit')).toHaveCount(1);
  await queue.press('ArrowDown');
  await expect(dialog.getByTestId('note-open')).toBeFocused();
  await queue.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(queue.detail).toHaveAttribute('data-item-id', String(now));
  await expect(page.getByTestId('filter-status')).toHaveValue('new');

  // And by a click: the earlier case from the panel, then the note mentioning you from its tab.
  await found.getByTestId('similar-open').click();
  await expect(queue.detail).toHaveAttribute('data-item-id', String(before));
  await page.getByTestId('mention-count').click();
  await expect(dialog.getByTestId('notes-count')).toHaveText('1 note mentions you');
  await dialog.getByTestId('note-hit').click();
  await expect(dialog).toHaveCount(0);
  await expect(queue.detail).toHaveAttribute('data-item-id', String(now));
});
