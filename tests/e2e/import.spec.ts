import { expect, test } from './fixtures';

test.use({ seedItems: 0 });

const lines = [
  { type: 'account', platform: 'x', id: 'a1', handle: 'dana', followers: 120, createdAt: '2020-01-01T00:00:00Z' },
  {
    type: 'item',
    platform: 'x',
    id: 'i1',
    kind: 'mention',
    author: 'a1',
    createdAt: '2026-11-20T10:00:00Z',
    text: 'Where is my parcel? Ordered two weeks ago.',
  },
  { type: 'item', platform: 'x', id: 'i2', kind: 'review', author: 'a1', text: 'Great kettle', rating: 9, target: 'Breeze kettle' },
  { type: 'item', platform: 'x', id: 'i3', kind: 'comment', author: 'a1', createdAt: '2026-11-21T10:00:00Z', text: 'Love this video' },
];

function ndjson(): Buffer {
  const rows = lines.map((l) => JSON.stringify(l));
  rows.splice(2, 0, '{"type":"item", this is not json');
  return Buffer.from(rows.join('\n') + '\n');
}

test('importing a file with bad rows reports each with its line and keeps the good rows', async ({ queue, page }) => {
  await queue.open();
  await expect(page.getByTestId('onboarding')).toBeVisible();
  const dialog = await queue.importDialog();
  await dialog.importFiles({ name: 'batch.ndjson', mimeType: 'application/x-ndjson', buffer: ndjson() });
  const job = await dialog.waitDone('batch.ndjson');
  await expect(job.getByTestId('import-summary')).toContainText('2 new items');
  await expect(job.getByTestId('import-summary')).toContainText('2 rows rejected');
  const errors = job.getByTestId('import-errors');
  await expect(errors).toContainText('line 3: not valid JSON');
  await expect(errors).toContainText('line 4: field "rating" must be a whole number from 1 to 5');
  await dialog.close();

  await expect(queue.list).toHaveAttribute('data-total', '2');
  const texts = await queue.rowTexts();
  expect(texts.join('\n')).toContain('Where is my parcel?');

  // Importing the same file again updates; nothing is duplicated.
  const again = await queue.importDialog();
  await again.importFiles({ name: 'batch.ndjson', mimeType: 'application/x-ndjson', buffer: ndjson() });
  await expect(again.job('batch.ndjson').last()).toHaveAttribute('data-state', 'done');
  await expect(again.job('batch.ndjson').last().getByTestId('import-summary')).toContainText('0 new items, 2 updated');
  await again.close();
  expect((await queue.stats()).items).toBe(2);
});

test('a CSV file with a malformed row is imported around it', async ({ queue }) => {
  await queue.open();
  const csv = [
    'platform,id,kind,author,createdAt,text,target,rating',
    'shop,r1,review,u1,2026-11-01T09:00:00Z,"Solid, quiet, works",Meadow blender,5',
    'shop,r2,review,u2,2026-11-02T09:00:00Z,Too loud,Meadow blender,2,extra-column',
    'shop,r3,review,u3,not-a-date,Fine,Meadow blender,4',
    'shop,r4,review,u4,2026-11-03T09:00:00Z,"Broke after a week",Meadow blender,1',
  ].join('\n');
  const dialog = await queue.importDialog();
  await dialog.importFiles({ name: 'items.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const job = await dialog.waitDone('items.csv');
  await expect(job.getByTestId('import-summary')).toContainText('2 new items');
  await expect(job.getByTestId('import-errors')).toContainText('line 3:');
  await expect(job.getByTestId('import-errors')).toContainText('line 4: field "createdAt" must be an ISO 8601 date');
  await dialog.close();
  await expect(queue.list).toHaveAttribute('data-total', '2');
});

test('a file that is not UTF-8 stops at its first invalid byte, named by line', async ({ queue }) => {
  await queue.open();
  // "café" in Latin-1 on line 2: a lenient decoder would have stored U+FFFD in its place.
  const good = `${JSON.stringify(lines[0])}\n`;
  const buffer = Buffer.concat([
    Buffer.from(`${good}{"type":"item","platform":"x","id":"c1","kind":"post","text":"caf`),
    Buffer.from([0xe9]),
    Buffer.from('"}\n'),
  ]);
  const dialog = await queue.importDialog();
  await dialog.importFiles({ name: 'latin1.ndjson', mimeType: 'application/x-ndjson', buffer });
  const job = dialog.job('latin1.ndjson');
  await expect(job).toHaveAttribute('data-state', 'failed');
  await expect(job).toContainText(
    `latin1.ndjson is not valid UTF-8 at line 2 (byte ${Buffer.byteLength(good) + 65}): save the file as UTF-8 and import it again.`,
  );
  await dialog.close();
  expect((await queue.stats()).items).toBe(0);
});
