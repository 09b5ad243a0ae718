// Every dialog a moderator, a supervisor or an admin opens from the keyboard passes axe's
// WCAG 2 A and AA checks, takes the keyboard when it opens, and gives it back when Esc closes it.
import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';

/** The key that opens each dialog from the queue, and a word of its title. */
const DIALOGS: [key: string, title: RegExp][] = [
  ['l', /label/i],
  ['n', /note/i],
  ['t', /repl/i],
  ['h', /hand/i],
  ['Control+o', /import/i],
  ['Control+e', /export/i],
  ['Control+Shift+D', /threshold/i],
  ['Control+Shift+M', /model/i],
  ['Control+Shift+Q', /conflict/i],
  ['Control+Shift+R', /rule/i],
  ['Control+Shift+H', /hours|SLA/i],
  ['Control+Shift+P', /template/i],
  ['Control+Shift+F', /note/i],
  ['?', /keyboard/i],
];

test('every dialog opened from the keyboard passes axe, takes focus, and gives it back on Esc', async ({ queue, page }) => {
  test.setTimeout(120_000);
  await queue.openWithItems();
  /** Marks what has the keyboard now, to see it get it back. */
  const mark = () =>
    page.evaluate(() => {
      const el = (document.activeElement ?? document.body) as HTMLElement;
      el.dataset.focusMark = String(Math.random());
      return el.dataset.focusMark;
    });
  const marked = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.focusMark ?? null);
  for (const [key, title] of DIALOGS) {
    const before = await mark();
    await queue.press(key);
    const dialog = page.locator('[role="dialog"]');
    await expect(dialog, `the dialog of ${key}`).toHaveCount(1);
    await expect(dialog, `the title of the dialog of ${key}`).toHaveAttribute('aria-label', title);
    // The keyboard is in the dialog.
    expect(await dialog.evaluate((d) => d.contains(document.activeElement)), `focus in the dialog of ${key}`).toBe(true);
    await expectNoAxeViolations(page, '[role="dialog"]');
    await queue.press('Escape');
    // A field may take the first Esc (a search or a reason keeps what was typed); a second closes.
    if (await dialog.count()) await queue.press('Escape');
    await expect(dialog, `the dialog of ${key} closed`).toHaveCount(0);
    expect(await marked(), `focus back after the dialog of ${key}`).toBe(before);
  }
  // "Who is deciding", from its button in the top bar: axe, the keyboard inside, Esc gives it back.
  const actor = page.getByTestId('actor');
  await actor.focus();
  await actor.press('Enter');
  const who = page.locator('[role="dialog"]');
  await expect(who).toHaveCount(1);
  expect(await who.evaluate((d) => d.contains(document.activeElement)), 'focus in the actor dialog').toBe(true);
  await expectNoAxeViolations(page, '[role="dialog"]');
  await queue.press('Escape');
  if (await who.count()) await queue.press('Escape');
  await expect(who).toHaveCount(0);
  await expect(actor).toBeFocused();
  // (The command palette has its own check, in its spec.) The case dialogs, once the item is in a case this moderator owns.
  await queue.press('o');
  await expect(page.getByTestId('toast-success').or(page.getByTestId('toast-info')).last()).toBeVisible();
  for (const [key, title] of [
    ['g', /case/i],
    ['v', /case|resolve/i],
  ] as const) {
    await queue.press(key);
    const dialog = page.locator('[role="dialog"]');
    await expect(dialog, `the dialog of ${key}`).toHaveCount(1);
    await expect(dialog).toHaveAttribute('aria-label', title);
    await expectNoAxeViolations(page, '[role="dialog"]');
    await queue.press('Escape');
    if (await dialog.count()) await queue.press('Escape');
    await expect(dialog).toHaveCount(0);
  }
});
