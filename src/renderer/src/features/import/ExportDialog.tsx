import { useState } from 'react';
import { call } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { saveFile } from '../../components/download';
import { ProgressBar } from '../../components/ProgressBar';
import { useStore } from '../../store';

const PAGE = 5000;

/** Items with their decisions, in the interchange format, saved as a file. */
export function ExportDialog() {
  const toast = useStore((s) => s.toast);
  const [format, setFormat] = useState<'ndjson' | 'csv'>('ndjson');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);

  async function run(): Promise<void> {
    const st = await call('stats', {});
    const total = st.ok ? st.value.items : 0;
    const parts: string[] = [];
    let cursor = 0;
    let done = 0;
    setProgress({ done, total });
    for (;;) {
      const r = await call('export.page', { format, cursor, limit: PAGE });
      if (!r.ok) {
        setProgress(null);
        toast('error', `Export failed: ${r.error.message}`);
        return;
      }
      parts.push(r.value.text);
      done += r.value.rows;
      setProgress({ done, total });
      if (r.value.nextCursor === null) break;
      cursor = r.value.nextCursor;
    }
    saveFile(
      parts,
      format === 'csv' ? 'text/csv' : 'application/x-ndjson',
      `vigil-export-${new Date().toISOString().slice(0, 10)}.${format}`,
    );
    toast('success', `Exported ${done.toLocaleString()} items.`);
    setProgress(null);
  }

  return (
    <Dialog title="Export items with their decisions" testId="export-dialog">
      <fieldset className="row">
        <label>
          <input type="radio" name="fmt" checked={format === 'ndjson'} onChange={() => setFormat('ndjson')} /> NDJSON
        </label>
        <label>
          <input type="radio" name="fmt" checked={format === 'csv'} onChange={() => setFormat('csv')} /> CSV
        </label>
      </fieldset>
      {progress ? <ProgressBar value={progress.done} max={progress.total} label="Exporting" /> : null}
      <div className="row">
        <button type="button" className="primary" disabled={progress !== null} onClick={() => void run()} autoFocus>
          {progress ? `Exporting ${progress.done.toLocaleString()}…` : 'Export'}
        </button>
      </div>
    </Dialog>
  );
}
