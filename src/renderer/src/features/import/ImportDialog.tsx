import { useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { ProgressBar } from '../../components/ProgressBar';
import { useStore } from '../../store';
import type { ImportJob } from './importSlice';
import { STAYS_LOCAL } from './importOutcome';

const SHOWN_ERRORS = 50;

export function ImportDialog() {
  const jobs = useStore((s) => s.jobs);
  const importing = useStore((s) => s.importing);
  const importFiles = useStore((s) => s.importFiles);
  const cancel = useStore((s) => s.cancelImport);
  const clear = useStore((s) => s.clearImports);
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const connected = useStore((s) => !!s.sync?.connected);

  return (
    <Dialog title="Import" wide testId="import-dialog">
      <div
        className={over ? 'dropzone over' : 'dropzone'}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void importFiles([...e.dataTransfer.files]);
        }}
      >
        <p>
          Drop NDJSON or CSV files here, or{' '}
          <button type="button" className="link" onClick={() => input.current?.click()} autoFocus>
            choose files…
          </button>
        </p>
        <p className="muted">
          One record per line (NDJSON) or one file per record type (CSV: accounts, items, follows), with the field names of the interchange
          format. Importing the same file again updates, never duplicates.
        </p>
        {connected ? (
          <p className="hint" data-testid="import-stays-local">
            {STAYS_LOCAL}
          </p>
        ) : null}
        <input
          ref={input}
          type="file"
          multiple
          accept=".ndjson,.jsonl,.json,.csv"
          hidden
          data-testid="import-file"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void importFiles(files);
          }}
        />
      </div>
      {jobs.length ? (
        <ul className="jobs" data-testid="import-jobs">
          {jobs.map((j) => (
            <JobView key={j.id} job={j} />
          ))}
        </ul>
      ) : null}
      <div className="row">
        {importing ? (
          <button type="button" onClick={cancel}>
            Stop after this chunk
          </button>
        ) : jobs.length ? (
          <button type="button" onClick={clear}>
            Clear the list
          </button>
        ) : null}
      </div>
    </Dialog>
  );
}

function JobView({ job }: { job: ImportJob }) {
  const r = job.report;
  return (
    <li className={`job ${job.state}`} data-testid="import-job" data-state={job.state}>
      <div className="job-head">
        <strong>{job.fileName}</strong>
        <span className="muted">{stateText(job)}</span>
      </div>
      {job.state === 'running' || job.state === 'waiting' ? (
        <ProgressBar value={job.sent} max={job.size} label={`Importing ${job.fileName}`} />
      ) : null}
      {r ? (
        <p data-testid="import-summary">
          {r.items.inserted.toLocaleString()} new items, {r.items.updated.toLocaleString()} updated · {r.accounts.inserted.toLocaleString()}{' '}
          new accounts, {r.accounts.updated.toLocaleString()} updated · {r.follows.inserted.toLocaleString()} follows
          {r.errorCount ? ` · ${r.errorCount.toLocaleString()} rows rejected` : ''}
        </p>
      ) : null}
      {job.error ? <p className="error">{job.error}</p> : null}
      {r?.errors.length ? (
        <ul className="row-errors" data-testid="import-errors">
          {r.errors.slice(0, SHOWN_ERRORS).map((e, i) => (
            <li key={i}>
              line {e.line}: {e.message}
            </li>
          ))}
          {r.errorCount > SHOWN_ERRORS ? <li className="muted">… and {(r.errorCount - SHOWN_ERRORS).toLocaleString()} more</li> : null}
        </ul>
      ) : null}
    </li>
  );
}

function stateText(j: ImportJob): string {
  if (j.state === 'running') return `${Math.round((j.sent / Math.max(1, j.size)) * 100)} %`;
  if (j.state === 'done') return j.report?.errorCount ? 'done, with rejected rows' : 'done';
  if (j.state === 'failed') return 'failed';
  if (j.state === 'cancelled') return 'stopped (rows already read are kept)';
  return 'waiting';
}
