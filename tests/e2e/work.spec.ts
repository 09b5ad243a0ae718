import { expect, test } from './fixtures';
import { expectNoAxeViolations } from './axe';

interface Detail {
  item: { status: string; labels: string[]; assignee: string | null };
  events: { action: string; note: string | null; reason: string | null; payload: Record<string, unknown> | null }[];
}

test('label, note, claim and hand over from the keyboard', async ({ queue, page }) => {
  await queue.openWithItems();
  const id = await queue.currentItemId();
  const detail = () => queue.host.api<Detail>('item.detail', { itemId: id });

  await queue.press('l');
  const label = queue.dialog('label-dialog');
  await label.expectOpen();
  await page.keyboard.type('needs-legal');
  await queue.press('Enter');
  await label.expectClosed();
  await expect(page.getByTestId('item-labels')).toContainText('needs-legal');

  await queue.press('n');
  const note = queue.dialog('note-dialog');
  await note.expectOpen();
  await page.keyboard.type('Customer wrote to support too; check the order first.');
  await queue.press('Control+Enter');
  await note.expectClosed();
  await expect(page.getByTestId('notes')).toContainText('check the order first');

  await queue.press('c');
  // A claim is a lease: the holder and when it ends.
  await expect(page.locator('.item-head .claimed')).toHaveText(/^Held by e2e until \d\d:\d\d/);

  await queue.press('h');
  const handover = queue.dialog('handover-dialog');
  await handover.expectOpen();
  await page.keyboard.type('legal-team');
  await queue.press('Enter'); // submitting without a reason is refused, with a message
  await expect(handover.root).toContainText('Say why');
  await handover.type('handover-reason', 'Mentions a lawsuit');
  await handover.field('handover-to').focus();
  await queue.press('Enter');
  await handover.expectClosed();
  await expect(page.locator('.item-head .claimed')).toHaveText(/^Held by legal-team until/);
  await queue.waitSaved();

  const d = await detail();
  expect(d.item.labels).toEqual(['needs-legal']);
  expect(d.item.assignee).toBe('legal-team');
  expect(d.item.status).toBe('new');
  expect(d.events.map((e) => e.action)).toEqual(['label', 'note', 'claim', 'handover']);
  expect(d.events[3]!.reason).toBe('Mentions a lawsuit');
  expect(d.events[3]!.payload).toEqual({ to: 'legal-team', until: expect.any(Number) });

  // The label filter finds it.
  await page.getByTestId('filter-label').selectOption('needs-legal');
  await expect(queue.list).toHaveAttribute('data-total', '1');
});

test('reply with a template: choose, personalise, record', async ({ queue, page }) => {
  await queue.openWithItems();
  const id = await queue.currentItemId();
  const { reply, text } = await queue.replyWithTemplate('complaint');
  await expect(text).not.toHaveValue(/\{name\}|\{agent\}/);
  await page.keyboard.press('End');
  await page.keyboard.type(' We are on it today.');
  await queue.press('Control+Enter');
  await reply.expectClosed();
  await expect(queue.detail).not.toHaveAttribute('data-item-id', String(id));
  await queue.waitSaved();
  const d = await queue.host.api<Detail>('item.detail', { itemId: id });
  expect(d.item.status).toBe('replied');
  expect(d.events[0]!.note).toContain('We are on it today.');
  // The complaint answer moves the customer to private messages: its reason goes with the reply.
  expect(d.events[0]!.reason).toMatch(/should not be posted in public/);
  expect(d.events[0]!.payload).toEqual({
    templateId: 'ack-complaint',
    kind: 'private-channel',
    caseRef: expect.stringMatching(/^VG-[0-9A-Z]{6}$/),
  });
});

test('the command palette runs any action by name', async ({ queue, page }) => {
  await queue.openWithItems();
  const id = await queue.currentItemId();
  await queue.press('Control+k');
  await expect(page.getByTestId('palette')).toBeVisible();
  await page.keyboard.type('escalate');
  await queue.press('Enter');
  await expect(page.getByTestId('palette')).toHaveCount(0);
  await expect(queue.detail).not.toHaveAttribute('data-item-id', String(id));
  await queue.waitSaved();
  const d = await queue.host.api<Detail>('item.detail', { itemId: id });
  expect(d.item.status).toBe('escalated');
});

test('? shows the key map; a rebound key works and is remembered', async ({ queue, page }) => {
  await queue.openWithItems();
  await queue.press('?');
  const help = page.getByTestId('help');
  await expect(help).toBeVisible();
  await expect(help.getByTestId('key-approve')).toContainText('a');
  await help.getByTestId('rebind-approve').click();
  await queue.press('z');
  await expect(help.getByTestId('key-approve')).toContainText('z');
  await queue.press('Escape');
  await expect(help).toHaveCount(0);

  const id = await queue.decide('z');
  await queue.waitSaved();
  expect((await queue.host.api<Detail>('item.detail', { itemId: id })).item.status).toBe('approved');

  await page.reload();
  await expect(queue.detail).not.toHaveAttribute('data-item-id', '');
  const next = await queue.decide('z');
  await queue.waitSaved();
  expect((await queue.host.api<Detail>('item.detail', { itemId: next })).item.status).toBe('approved');
  // 'a' is still approve too? No: the default key was replaced.
  const still = await queue.currentItemId();
  await queue.press('a');
  await expect(queue.detail).toHaveAttribute('data-item-id', String(still));
});

test('? opens with nothing focused that Enter would press; taking a key from another action asks first', async ({ queue, page }) => {
  await queue.openWithItems();
  await queue.press('?');
  const help = page.getByTestId('help');
  await expect(help).toBeFocused();
  // As a moderator stumbling in: Enter, then a.
  await queue.press('Enter');
  await queue.press('a');
  await expect(help.getByText('press a key')).toHaveCount(0);
  await expect(help.getByTestId('key-next')).toContainText('j');
  await expect(help.getByTestId('key-approve')).toContainText('a');

  await help.getByTestId('rebind-next').click();
  await queue.press('a');
  const confirm = help.getByTestId('rebind-confirm');
  await expect(confirm).toContainText("Approve's key. Enter gives it to Next item and leaves Approve without a key; Esc keeps it.");
  await queue.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(help).toBeVisible();
  await expect(help.getByTestId('key-approve')).toContainText('a');
  await expectNoAxeViolations(page, '[data-testid="help"]');
  await queue.press('Escape');
  await expect(help).toHaveCount(0);
});
