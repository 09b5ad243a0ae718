import type { ImportJob } from './importSlice';

/** Where imported records go once a workstation has a server: said beside every import there. */
export const STAYS_LOCAL =
  'Imported records stay on this workstation: the team’s server takes items only from its connectors. Decisions made on them are sent, and reach other workstations that have the same items.';

const n = (x: number, one: string, many = `${one}s`) => `${x.toLocaleString()} ${x === 1 ? one : many}`;

/**
 * The message an import ends with, for the files of one run: green only when rows were stored
 * and none was turned away; an import that stored nothing says so as an error, naming why.
 */
export function importOutcome(jobs: readonly ImportJob[], connected: boolean): { tone: 'success' | 'info' | 'error'; text: string } | null {
  if (!jobs.length) return null;
  let inserted = 0;
  let newItems = 0;
  let updated = 0;
  let rejected = 0;
  let failed = 0;
  let stopped = 0;
  for (const j of jobs) {
    const r = j.report;
    if (r) {
      inserted += r.items.inserted + r.accounts.inserted + r.follows.inserted;
      newItems += r.items.inserted;
      updated += r.items.updated + r.accounts.updated + r.follows.updated;
      rejected += r.errorCount;
    }
    if (j.state === 'failed') failed++;
    if (j.state === 'cancelled') stopped++;
  }
  const stored = inserted + updated;
  const problems = [
    rejected ? `${n(rejected, 'row')} rejected` : '',
    failed ? `${n(failed, 'file')} failed` : '',
    stopped ? `${n(stopped, 'file')} stopped` : '',
  ].filter(Boolean);
  const why = problems.length ? ` ${problems.join(', ')}: the import list says why.` : '';
  if (!stored) return { tone: 'error', text: `Nothing was imported.${why || ' The files held no records.'}` };
  const what = newItems ? n(newItems, 'new item') : inserted ? `${n(inserted, 'new record')}` : 'no new records';
  const also = updated ? `, ${updated.toLocaleString()} updated` : '';
  const where = connected ? ' Kept on this workstation only (the server takes items from its connectors).' : '';
  return { tone: problems.length ? 'info' : 'success', text: `Import finished: ${what}${also}.${why}${where}` };
}
