// The message an import ends with says what happened: green only when rows were stored and
// none turned away; nothing stored is an error with its cause; a connected workstation is
// told that imported records stay on it.
import { describe, expect, it } from 'vitest';
import type { ImportCounts, ImportReport } from '../../src/shared/model';
import { importOutcome } from '../../src/renderer/src/features/import/importOutcome';
import type { ImportJob } from '../../src/renderer/src/features/import/importSlice';

const counts = (inserted = 0, updated = 0): ImportCounts => ({ inserted, updated });

function job(state: ImportJob['state'], items: [number, number] | null, errorCount = 0): ImportJob {
  const report: ImportReport | null = items
    ? {
        importId: 'i',
        file: 'f.ndjson',
        format: 'ndjson',
        bytes: 1,
        lines: 1,
        accounts: counts(),
        items: counts(...items),
        follows: counts(),
        errors: [],
        errorCount,
        done: true,
      }
    : null;
  return { id: 1, fileName: 'f.ndjson', size: 1, sent: 1, state, report, error: state === 'failed' ? 'no' : null };
}

describe('the message an import ends with', () => {
  it('is an error when every row was rejected, naming how many', () => {
    expect(importOutcome([job('done', [0, 0], 12)], false)).toEqual({
      tone: 'error',
      text: 'Nothing was imported. 12 rows rejected: the import list says why.',
    });
  });

  it('is an error when the only file failed, or held nothing', () => {
    expect(importOutcome([job('failed', null)], false)).toMatchObject({
      tone: 'error',
      text: expect.stringMatching(/^Nothing was imported\. 1 file failed/),
    });
    expect(importOutcome([job('done', [0, 0])], false)).toEqual({
      tone: 'error',
      text: 'Nothing was imported. The files held no records.',
    });
  });

  it('is green only when all went in, and names new and updated items', () => {
    expect(importOutcome([job('done', [120, 3])], false)).toEqual({ tone: 'success', text: 'Import finished: 120 new items, 3 updated.' });
    expect(importOutcome([job('done', [1, 0])], false)?.text).toBe('Import finished: 1 new item.');
  });

  it('counts rejected rows and stopped files beside what was stored, not in green', () => {
    expect(importOutcome([job('done', [120, 0], 5), job('cancelled', [2, 0])], false)).toEqual({
      tone: 'info',
      text: 'Import finished: 122 new items. 5 rows rejected, 1 file stopped: the import list says why.',
    });
  });

  it('tells a connected workstation that what it imported stays on it', () => {
    expect(importOutcome([job('done', [4, 0])], true)?.text).toBe(
      'Import finished: 4 new items. Kept on this workstation only (the server takes items from its connectors).',
    );
  });

  it('says nothing for no files', () => {
    expect(importOutcome([], true)).toBeNull();
  });
});
