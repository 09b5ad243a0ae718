// "Answer well": the moderator finds a template by typing part of its name, is
// stopped from recording the bare template with a message saying what to do, makes it
// personal, records it, and finds the reply in the item's history.
import { expect, test } from './fixtures';

interface Detail {
  item: { status: string };
  events: { action: string; note: string | null; payload: Record<string, unknown> | null }[];
}

test('pick a template by name, be stopped on the bare template, personalise, record', async ({ queue, page }) => {
  await queue.openWithItems();
  const id = await queue.currentItemId();
  const { reply, text } = await queue.replyWithTemplate('compliment th', 'Compliment: thank');
  await expect(text).toHaveValue(/^Thank you so much, .+! We are glad you enjoyed .+\. – .+$/);

  // The bare template: refused, with what to do; nothing is recorded and the dialog stays.
  await queue.press('Control+Enter');
  const check = reply.field('reply-check');
  await expect(check).toContainText('This is still the bare template “Compliment: thank”');
  await expect(check).toContainText('or override with a reason');
  await reply.expectOpen();
  expect((await queue.host.api<Detail>('item.detail', { itemId: id })).events).toEqual([]);

  // Made personal: recorded.
  await text.focus();
  await page.keyboard.press('End');
  await page.keyboard.type(' The lemon tart recipe you asked about is on its way by e-mail.');
  await expect(check).toHaveCount(0);
  await queue.press('Control+Enter');
  await reply.expectClosed();
  await queue.waitSaved();
  const d = await queue.host.api<Detail>('item.detail', { itemId: id });
  expect(d.item.status).toBe('replied');
  expect(d.events[0]).toMatchObject({ action: 'reply', payload: { templateId: 'thanks', kind: 'reply' } });
  expect(d.events[0]!.note).toContain('lemon tart recipe');
  expect(d.events[0]!.payload).not.toHaveProperty('override');

  // The reply is in the item's history.
  await queue.filterStatus('replied');
  await expect(queue.detail).toHaveAttribute('data-item-id', String(id));
  await expect(page.getByTestId('history')).toContainText('replied');
  await expect(page.getByTestId('history')).toContainText('lemon tart recipe');
});

test('the admin keeps templates from the keyboard: a new one is found by the reply dialog', async ({ queue, page }) => {
  await queue.openWithItems();
  await queue.press('Control+Shift+P');
  const editor = queue.dialog('templates-dialog');
  await editor.expectOpen();
  await editor.field('template-new').click();
  await editor.type('template-name', 'Parcel: stuck in customs');
  await editor.field('template-body').fill('Hi {name}, parcels to you are held at customs for a few days ({caseRef}).');
  await queue.press('Control+Enter');
  await expect(editor.root.getByRole('option').filter({ hasText: 'Parcel: stuck in customs' })).toHaveCount(1);
  await queue.press('Escape');
  await editor.expectClosed();

  await queue.press('t');
  const reply = queue.dialog('reply-dialog');
  await page.keyboard.type('customs');
  await expect(reply.root.getByRole('option')).toHaveCount(1);
  await queue.press('Enter');
  await expect(reply.field('reply-text')).toHaveValue(/\(VG-[0-9A-Z]{6}\)\.$/);
});
