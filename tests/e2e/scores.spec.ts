// A score is red only when several signals agree or one strong one does, and each says how
// sure it is, in words: a long-standing author's one-star complaint about a well-rated hotel
// is low and unsure (and not called "the only review"), a fresh account's link-spam comment is
// high and sure. Imported through the app, at 1280×720, axe on the item pane.
import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';

test.use({ seedItems: 0, viewport: { width: 1280, height: 720 } });

const YEAR = 365 * 86_400_000;

function records(now: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [
    {
      type: 'account',
      platform: 'hotels',
      id: 'veteran',
      handle: 'veteran',
      createdAt: new Date(now - 9 * YEAR).toISOString(),
      followers: 310,
      following: 180,
      posts: 8250,
      likes: 4100,
    },
    {
      type: 'account',
      platform: 'x',
      id: 'fresh',
      handle: 'fresh_deals',
      createdAt: new Date(now - 3 * 86_400_000).toISOString(),
      followers: 2,
      following: 900,
      posts: 1,
      likes: 0,
      defaultAvatar: true,
      defaultProfile: true,
    },
  ];
  for (let i = 0; i < 6; i++) {
    out.push({
      type: 'account',
      platform: 'hotels',
      id: `guest${i}`,
      handle: `guest${i}`,
      createdAt: new Date(now - 3 * YEAR).toISOString(),
      followers: 120,
      posts: 400,
    });
    out.push({
      type: 'item',
      platform: 'hotels',
      id: `ok-${i}`,
      kind: 'review',
      author: `guest${i}`,
      target: 'Hotel Lumen',
      rating: i % 2 ? 4 : 5,
      text: 'Good stay, quiet room.',
      createdAt: new Date(now - (i + 2) * 86_400_000).toISOString(),
    });
  }
  out.push({
    type: 'item',
    platform: 'hotels',
    id: 'complaint',
    kind: 'review',
    author: 'veteran',
    target: 'Hotel Lumen',
    rating: 1,
    text: 'Zebrafish tank in the lobby was the only nice thing; the heating failed both nights and nobody came.',
    createdAt: new Date(now - 86_400_000).toISOString(),
  });
  out.push({
    type: 'item',
    platform: 'x',
    id: 'promo',
    kind: 'comment',
    author: 'fresh',
    target: 'v1',
    text: 'Quokka giveaway!! check out my channel http://spam.example/win',
    createdAt: new Date(now - 3_600_000).toISOString(),
  });
  return out;
}

test('one weak signal is not a red score; each score says how sure it is', async ({ queue, page }) => {
  await queue.open();
  const dialog = await queue.importDialog();
  const rows = records(Date.now());
  await dialog.importFiles({
    name: 'reviews.ndjson',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n')),
  });
  await dialog.waitDone('reviews.ndjson');
  await dialog.close();

  const detection = page.getByTestId('detection');
  await queue.search('zebrafish');
  const review = detection.getByTestId('verdict-Fake review');
  await expect(review.getByTestId('sure')).toHaveText(/^ · not sure: /);
  expect(Number(await review.getByTestId('score').textContent())).toBeLessThan(30);
  await expect(review).not.toContainText('only review');
  // Every score shown says how sure it is.
  for (const v of await detection.locator('[data-testid^="verdict-"]').all())
    await expect(v.getByTestId('sure')).toHaveText(/ · (not sure|fairly sure|sure): \S/);
  await expectNoAxeViolations(page, '[data-testid="detail"]');

  // Esc in the search clears it.
  await queue.press('/');
  await queue.press('Escape');
  await queue.search('quokka');
  const spam = detection.getByTestId('verdict-Spam');
  await expect(spam.getByTestId('sure')).toHaveText(/^ · sure: \d signals agree$/);
  expect(Number(await spam.getByTestId('score').textContent())).toBeGreaterThanOrEqual(90);
});
