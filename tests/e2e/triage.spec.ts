import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';

test('twenty items triaged with the keyboard alone, each decision stored', async ({ queue, page }) => {
  await queue.openWithItems();
  const startTotal = await queue.total();
  const keys = ['a', 'r', 'e', 's', 'f'];
  const expected: Record<string, number> = { approved: 0, removed: 0, escalated: 0, spam: 0, fake: 0 };
  const statusOf: Record<string, string> = { a: 'approved', r: 'removed', e: 'escalated', s: 'spam', f: 'fake' };
  const decided: number[] = [];

  // Moving around with j/k between decisions, never touching the mouse.
  await queue.press('j');
  await queue.press('j');
  await queue.press('k');
  for (let i = 0; i < 20; i++) {
    const key = keys[i % keys.length]!;
    decided.push(await queue.decide(key));
    expected[statusOf[key]!]!++;
  }
  await queue.waitSaved();
  await expect(queue.list).toHaveAttribute('data-total', String(startTotal - 20));
  expect(new Set(decided).size).toBe(20);

  const stats = await queue.stats();
  expect(stats.decisions).toBe(20);
  for (const [status, n] of Object.entries(expected)) expect(stats.byStatus[status] ?? 0).toBe(n);

  // The decided items are gone from the waiting queue and show in their own views.
  await queue.filterStatus('spam');
  await expect(queue.list).toHaveAttribute('data-total', String(expected.spam));
  await expect(page.getByTestId('item-status')).toHaveText('Spam');
});

test('undo puts the last decisions back, newest first', async ({ queue, page }) => {
  await queue.openWithItems();
  const total = await queue.total();
  const first = await queue.decide('a');
  const second = await queue.decide('r');
  await queue.waitSaved();
  await expect(queue.list).toHaveAttribute('data-total', String(total - 2));

  await queue.press('u');
  await expect(queue.detail).toHaveAttribute('data-item-id', String(second));
  await expect(page.getByTestId('item-status')).toHaveText('Waiting');
  await queue.press('Control+z');
  await expect(queue.detail).toHaveAttribute('data-item-id', String(first));
  await queue.waitSaved();
  await expect(queue.list).toHaveAttribute('data-total', String(total));

  const stats = await queue.stats();
  expect(stats.decisions).toBe(0);
  // The history keeps both decisions and both undos.
  const detail = await queue.host.api<{ events: { action: string; undoneBy: string | null }[] }>('item.detail', { itemId: first });
  expect(detail.events.map((e) => e.action)).toEqual(['approve', 'undo']);
  expect(detail.events[0]!.undoneBy).not.toBeNull();
});

test('a decision names its item in a message with an Undo; undo reaches past a reload, a selection as one step', async ({
  queue,
  page,
}) => {
  await queue.openWithItems();
  const total = await queue.total();
  const text = ((await queue.content.textContent()) ?? '').replace(/\s+/g, ' ').trim();
  const id = await queue.decide('e');
  const message = page.getByTestId('toast-success').last();
  await expect(message).toContainText(`Escalated`);
  await expect(message).toContainText(text.slice(0, 20));
  await expect(message).toHaveAttribute('role', 'status');
  await expectNoAxeViolations(page, '.toasts');
  await message.getByTestId('toast-action').click();
  await expect(page.getByTestId('toast-success').last()).toContainText('Undone: Escalated');
  await queue.waitSaved();
  await expect(queue.list).toHaveAttribute('data-total', String(total));
  expect((await queue.host.api<{ item: { status: string } }>('item.detail', { itemId: id })).item.status).toBe('new');

  // Three selected and removed, then the page is reloaded: u takes the three back.
  await queue.press('x');
  await queue.press('x');
  await queue.press('x');
  await queue.press('Shift+r');
  await queue.waitSaved();
  await expect(queue.list).toHaveAttribute('data-total', String(total - 3));
  await page.reload();
  await expect(queue.detail).not.toHaveAttribute('data-item-id', '');
  await queue.press('u');
  await expect(page.getByTestId('toast-success').last()).toContainText('Undone: Removed 3 items');
  await queue.waitSaved();
  await expect(queue.list).toHaveAttribute('data-total', String(total));
  expect((await queue.stats()).decisions).toBe(0);
});

test('bulk: select with x, then Shift + key decides every selected item', async ({ queue, page }) => {
  await queue.openWithItems();
  const total = await queue.total();
  const picked: number[] = [];
  for (let i = 0; i < 3; i++) {
    picked.push(await queue.currentItemId());
    await queue.press('x'); // selects and moves on
  }
  await expect(page.getByTestId('selection-count')).toContainText('3 selected');
  await queue.press('Shift+S');
  await queue.waitSaved();
  await expect(queue.list).toHaveAttribute('data-total', String(total - 3));
  await expect(page.getByTestId('selection-count')).toHaveCount(0);
  for (const id of picked) {
    const d = await queue.host.api<{ item: { status: string } }>('item.detail', { itemId: id });
    expect(d.item.status).toBe('spam');
  }
  // One undo takes back the whole bulk decision.
  await queue.press('u');
  await queue.waitSaved();
  await expect(queue.list).toHaveAttribute('data-total', String(total));
});

test('typing into the search never decides: it filters as typed, Enter keeps the keyboard, and Esc gives it back', async ({
  queue,
  page,
}) => {
  await queue.openWithItems();
  const total = await queue.total();
  // A word from the item on screen (its letters are decision keys on the list), after a quote.
  const text = (await queue.content.textContent()) ?? '';
  const word = text
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length >= 5 && !/northwind/i.test(w))
    .sort((a, b) => b.length - a.length)[0]!;
  await queue.press('/');
  const search = page.getByTestId('search');
  await page.keyboard.type(`"${word}`);
  // Never submitted: the queue follows the typing.
  await expect.poll(() => queue.total()).toBeLessThan(total);
  await queue.press('Enter');
  await expect(search).toBeFocused();
  await page.keyboard.type(' a r e x');
  await expect(search).toHaveValue(`"${word} a r e x`);
  await queue.press('Escape');
  await expect(search).not.toBeFocused();
  await expect(search).toHaveValue('');
  // Nothing left the queue: a decision would have taken its item out of the waiting ones.
  await expect.poll(() => queue.total()).toBe(total);
  await expect(queue.saveState).toHaveAttribute('data-saving', '0');
});

test('search narrows the queue to matching text; Esc clears it', async ({ queue }) => {
  await queue.openWithItems();
  const total = await queue.total();
  // A word from the item on screen: the search must find at least that item.
  const text = (await queue.content.textContent()) ?? '';
  const word = text
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length >= 5 && !/northwind/i.test(w))
    .sort((a, b) => b.length - a.length)[0]!;
  await queue.search(word);
  await expect.poll(async () => (await queue.total()) < total).toBe(true);
  // The count can arrive before the rows: wait for the rows themselves.
  await expect.poll(async () => (await queue.rowTexts()).length).toBeGreaterThan(0);
  const texts = await queue.rowTexts();
  for (const t of texts) expect(t.toLowerCase()).toContain(word.toLowerCase());
  await queue.press('/');
  await queue.press('Escape');
  await expect.poll(() => queue.total()).toBe(total);
});
