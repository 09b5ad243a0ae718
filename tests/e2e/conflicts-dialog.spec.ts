// The supervisor's conflicts dialog, as a moderation lead uses it at 1280×720 from the keyboard:
// two moderators' workstations decide two items differently (one of them offline), and a
// supervisor's settles both. The dialog is titled by what it holds, names each item by its
// author and text with its scores, says who decided what and when on each side, shows its key
// caps, asks for a reason and keeps a typed one through Esc; once both are settled no
// workstation counts anything as refused. axe checks the dialog.
import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';
import type { Host } from './host';
import { team } from './team';

const VIEWPORT = { width: 1280, height: 720 };
test.use({ viewport: VIEWPORT });

interface Detail {
  item: { externalId: string; text: string; authorHandle: string | null };
  detection: { risk: number } | null;
  events: { action: string; actor: string; reason: string | null; payload: Record<string, unknown> | null }[];
}

const pct = (n: number) => `${Math.round(n * 100)}%`;
const DIALOG = '[data-testid="conflicts-dialog"]';

test('the conflicts dialog names what clashed, asks why, keeps a typed reason, and leaves nothing counted as refused', async ({
  queue,
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const { relay, bo, problems, join, close } = await team(queue, browser, VIEWPORT);
  try {
    // ana approves the first two items; bo, offline, marks the first spam and removes the second.
    relay.offline();
    const firstId = await queue.decide('a');
    const secondId = await queue.decide('a');
    const first = await queue.host.api<Detail>('item.detail', { itemId: firstId });
    const second = await queue.host.api<Detail>('item.detail', { itemId: secondId });
    // Sent by themselves: a decision made while a round is out goes in the round right after it.
    await queue.waitSaved();
    await expect(page.getByTestId('sync-indicator')).toContainText('nothing waiting', { timeout: 15_000 });
    await bo.queue.decide('s');
    await bo.queue.decide('r');
    await bo.queue.waitSaved();
    await expect(bo.page.getByTestId('sync-indicator')).toContainText('2 waiting · nothing is lost', { timeout: 15_000 });
    relay.online();
    await bo.queue.press('Control+Shift+Y');
    await bo.page.getByTestId('sync-now').click();
    await bo.queue.press('Escape');
    await expect(bo.page.getByTestId('sync-indicator')).toContainText('nothing waiting', { timeout: 15_000 });
    // Both of bo's decisions are in conflict: his, and only his, to see as refused.
    await expect(bo.page.getByTestId('sync-indicator')).toContainText('2 refused from here', { timeout: 15_000 });
    await expect(page.getByTestId('conflict-count')).toHaveText('2 conflicts', { timeout: 15_000 });
    await expect(page.getByTestId('sync-indicator')).not.toContainText('refused');

    const sam = await join('sam');
    await expect(sam.page.getByTestId('conflict-count')).toHaveText('2 conflicts', { timeout: 15_000 });
    await expect(sam.page.getByTestId('sync-indicator')).not.toContainText('refused');

    // Keyboard only: the command opens the dialog with the list in hand.
    await sam.queue.press('Control+Shift+Q');
    const dialog = sam.page.getByTestId('conflicts-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('heading', { level: 2 })).toHaveText('Conflicts (2)');
    await expect(dialog).toHaveAttribute('aria-label', 'Conflicts (2)');
    await expect(dialog).not.toContainText(/audit/i);
    const list = dialog.getByTestId('conflict-list');
    await expect(list).toBeFocused();

    // Each item by its author and how its text begins, with each side in words, never by its id.
    const rows = dialog.getByTestId('conflict-item');
    await expect(rows).toHaveCount(2);
    const opening = (d: Detail) => d.item.text.replace(/\s+/g, ' ').trim().slice(0, 20);
    const rowOf = (d: Detail) => rows.filter({ hasText: `: “${opening(d)}` });
    for (const [d, bos] of [
      [first, 'spam'],
      [second, 'remove'],
    ] as const) {
      const row = rowOf(d);
      await expect(row).toHaveCount(1);
      await expect(row).toContainText(`${d.item.authorHandle ? `@${d.item.authorHandle}` : 'Unknown author'}: “${opening(d)}`);
      await expect(row).toContainText(`approved (ana) vs ${bos} (bo)`);
      await expect(row).not.toContainText(d.item.externalId);
    }
    // The conflict found first is listed first; which of the two that was depends on when each
    // pull brought it. Start with the first item's, moving to it with ↓ where it is second.
    const toFirst = async () => {
      if ((await rowOf(first).getAttribute('aria-selected')) !== 'true') await sam.queue.press('ArrowDown');
      await expect(rowOf(first)).toHaveAttribute('aria-selected', 'true');
    };
    await toFirst();

    // The item in full: its author, its text as text, its detection scores; each side with who, what and when.
    await expect(dialog.getByTestId('conflict-heading')).toContainText(
      first.item.authorHandle ? `@${first.item.authorHandle}` : 'an unknown author',
    );
    await expect(dialog.locator('.conflict-text')).toHaveText(first.item.text);
    await expect(dialog.getByTestId('conflict-scores')).toContainText(
      first.detection ? `Detection: risk ${pct(first.detection.risk)}` : 'Not scored by detection.',
    );
    const standing = dialog.getByTestId('conflict-standing');
    await expect(standing.locator('td').nth(0)).toHaveText('approve (approved)');
    await expect(standing.getByTestId('event-author')).toHaveText('ana');
    await expect(standing.getByTestId('event-author')).toHaveAttribute('data-verified', 'true');
    await expect(standing.locator('time')).toHaveText(/just now|min ago/);
    const contender = dialog.getByTestId('conflict-contender');
    await expect(contender.locator('td').nth(0)).toHaveText('spam');
    await expect(contender.getByTestId('event-author')).toHaveText('bo');
    await expect(contender.locator('time')).toHaveText(/just now|min ago/);

    // The key caps show their digits, in ink that stands out from their face, inside the window.
    const keep = dialog.getByTestId('resolve-approve');
    const take = dialog.getByTestId('resolve-spam');
    for (const [button, digit] of [
      [keep, '1'],
      [take, '2'],
    ] as const) {
      await expect(button).toBeInViewport();
      const cap = button.locator('kbd');
      await expect(cap).toHaveText(digit);
      const { color, background } = await cap.evaluate((el) => ({
        color: getComputedStyle(el).color,
        background: getComputedStyle(el).backgroundColor,
      }));
      expect(color, `the ${digit} key cap's ink`).not.toBe(background);
    }
    await expect(keep).toHaveText('1 Keep approve (ana)');
    await expect(take).toHaveText('2 Take spam (bo)');
    await expectNoAxeViolations(sam.page, DIALOG);

    // 2 with no reason: nothing is settled, the reason is asked for, with what to do.
    await sam.queue.press('2');
    const reason = dialog.getByTestId('conflict-reason');
    const problem = dialog.getByTestId('conflict-reason-problem');
    await expect(problem).toHaveText(
      'Say why you take spam (bo): the reason is recorded with the resolution for everyone it overrules. Type it, then press Enter.',
    );
    await expect(reason).toBeFocused();
    await expect(rows).toHaveCount(2);
    await expectNoAxeViolations(sam.page, DIALOG);

    // Esc in the reason leaves the field and keeps the text; the next Esc closes; it is there on coming back.
    const why = 'The link is a known deals farm';
    await sam.page.keyboard.type(why);
    await sam.queue.press('Escape');
    await expect(dialog).toBeVisible();
    await expect(reason).toHaveValue(why);
    await expect(list).toBeFocused();
    await expect(dialog.getByTestId('conflict-reason-kept')).toContainText('Your reason is kept with this conflict');
    await sam.queue.press('Escape');
    await expect(dialog).toHaveCount(0);
    await sam.queue.press('Control+Shift+Q');
    await expect(list).toBeFocused();
    await toFirst();
    await expect(reason).toHaveValue(why);
    await sam.queue.press('2');
    await expect(rows).toHaveCount(1);
    await expect(dialog.getByRole('heading', { level: 2 })).toHaveText('Conflicts (1)');

    // The second: a side first, then the reason, then Enter.
    await expect(list).toBeFocused();
    await expect(reason).toHaveValue('');
    await sam.queue.press('1');
    await expect(reason).toBeFocused();
    await sam.page.keyboard.type('Checked the account: a real guest');
    await sam.queue.press('Enter');
    await expect(dialog.getByTestId('conflicts-empty')).toBeVisible();
    await expect(dialog.getByRole('heading', { level: 2 })).toHaveText('Conflicts (0)');
    await expectNoAxeViolations(sam.page, DIALOG);
    await sam.queue.press('Escape');

    // Settled everywhere, with the reasons typed; and nothing is counted as refused anywhere.
    const resolutionOf = async (host: Host, itemId: number) =>
      (await host.api<Detail>('item.detail', { itemId })).events.find((e) => Array.isArray(e.payload?.resolves))?.reason ?? null;
    await expect.poll(() => resolutionOf(queue.host, firstId), { timeout: 15_000 }).toBe(why);
    await expect.poll(() => resolutionOf(queue.host, secondId), { timeout: 15_000 }).toBe('Checked the account: a real guest');
    for (const p of [page, bo.page, sam.page]) {
      await expect(p.getByTestId('conflict-count')).toHaveCount(0, { timeout: 15_000 });
      await expect(p.getByTestId('sync-indicator')).toContainText('nothing waiting', { timeout: 15_000 });
      await expect(p.getByTestId('sync-indicator')).not.toContainText('refused', { timeout: 15_000 });
    }
    expect(problems, 'the other pages logged errors').toEqual([]);
  } finally {
    await close();
  }
});
