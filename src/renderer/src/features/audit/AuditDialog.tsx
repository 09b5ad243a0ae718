import { useEffect, useLayoutEffect, useRef } from 'react';
import type { AuditReport } from '@shared/model';
import { Dialog } from '../../components/Dialog';
import { ProgressBar } from '../../components/ProgressBar';
import { when } from '../../components/format';
import { useStore } from '../../store';

type ServerAnswer = NonNullable<AuditReport['serverLog']>['server'];

/** What the server said of its log today, in words. */
export const SERVER_ANSWER: Record<ServerAnswer, string> = {
  consistent: 'The server was asked now: its log still extends everything this workstation saw.',
  'not-asked': 'The server was not asked this time: this workstation is not signed in to it.',
  unreachable: 'The server could not be reached, so its log was not compared this time.',
  inconsistent: 'The server’s log today does not extend what this workstation saw: entries it signed before were changed or removed.',
};

const WHERE: Record<AuditReport['problems'][number]['where'], string> = {
  chain: 'This workstation’s log',
  'server-log': 'This workstation’s copy of the server’s log',
  server: 'The team’s server',
};

const count = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/**
 * Checks the record on demand and says whether it holds: this workstation's own log (every
 * entry chained to the one before), its copy of the server's signed log, and whether the server
 * still stands by what it signed. It runs as it opens; "Verify again" runs it anew.
 */
export function AuditDialog() {
  const { running, report, error } = useStore((s) => s.audit);
  const verify = useStore((s) => s.verifyRecord);
  const again = useRef<HTMLButtonElement>(null);

  // Before the first paint: a verdict left from an earlier check is never shown as this one's.
  useLayoutEffect(() => {
    void verify();
  }, [verify]);

  // The button is disabled while a check runs, which takes the keyboard from it: it gets it back.
  useEffect(() => {
    if (running) return;
    const dialog = again.current?.closest('[role="dialog"]');
    if (dialog && !dialog.contains(document.activeElement)) again.current?.focus();
  }, [running]);

  return (
    <Dialog title="Verify the record" wide testId="audit-dialog">
      <p className="muted">
        Checks that nothing in the record was changed, removed or inserted after it was written: this workstation’s own log, its copy of the
        server’s signed log, and that the server’s log still extends what this workstation saw.
      </p>
      {running ? (
        <div data-testid="audit-running">
          <ProgressBar label="Verifying the record" />
          <p className="muted">Verifying…</p>
        </div>
      ) : null}
      <div aria-live="polite">
        {error ? (
          <p className="error" role="alert" data-testid="audit-error">
            The record could not be checked: {error}
          </p>
        ) : null}
        {report ? <Verdict report={report} /> : null}
      </div>
      {report ? <Findings report={report} /> : null}
      <div className="row">
        <button ref={again} type="button" className="primary" disabled={running} onClick={() => void verify()} data-testid="audit-run">
          {running ? 'Verifying…' : 'Verify again'}
        </button>
      </div>
    </Dialog>
  );
}

function Verdict({ report }: { report: AuditReport }) {
  return (
    <p className={`audit-verdict ${report.ok ? 'holds' : 'broken'}`} data-testid="audit-verdict" data-ok={report.ok}>
      <strong>{report.ok ? 'The record holds' : 'The record does not hold'}</strong>
      <span className="muted">
        {' '}
        · checked {when(report.checkedAt)}
        {report.problems.length ? ` · ${count(report.problems.length, 'problem', 'problems')} found` : ''}
      </span>
    </p>
  );
}

function Findings({ report }: { report: AuditReport }) {
  const chainBroken = report.problems.some((p) => p.where === 'chain');
  const log = report.serverLog;
  return (
    <>
      <section className="audit-part" aria-labelledby="audit-chain-head" data-testid="audit-chain">
        <h3 id="audit-chain-head">This workstation’s log</h3>
        <p>
          {count(report.chain.entries, 'entry', 'entries')}, each linked to the one before:{' '}
          {chainBroken ? <strong className="error">the chain is broken (see below)</strong> : 'the chain is intact'}.
        </p>
      </section>
      <section className="audit-part" aria-labelledby="audit-server-head" data-testid="audit-server-log">
        <h3 id="audit-server-head">The server’s log</h3>
        {log ? (
          <ul className="audit-facts">
            <li>
              {count(log.entries, 'entry', 'entries')} copied here; this workstation keeps {count(log.kept, 'event', 'events')} of them, the
              rest as their hashes only.
            </li>
            <li data-testid="audit-checkpoint">
              {log.checkpoint ? (
                <>
                  Newest verified checkpoint: the first {count(log.checkpoint.size, 'entry', 'entries')}, signed by the server{' '}
                  {when(log.checkpoint.signedAt)} with the key <code className="fingerprint">{log.checkpoint.key}</code>.
                </>
              ) : (
                'No checkpoint signed by the server has been verified yet.'
              )}
            </li>
            <li data-testid="audit-server-answer" data-answer={log.server}>
              {SERVER_ANSWER[log.server]}
            </li>
          </ul>
        ) : (
          <p className="muted" data-testid="audit-no-server-log">
            This workstation has not synced with a server that signs its log yet.
          </p>
        )}
      </section>
      {report.problems.length ? (
        <section className="audit-part" aria-labelledby="audit-problems-head">
          <h3 id="audit-problems-head">What does not hold</h3>
          <ol className="audit-problems" data-testid="audit-problems">
            {report.problems.map((p, i) => (
              <li key={i} data-where={p.where} data-position={p.position ?? ''}>
                <strong>{WHERE[p.where]}</strong>
                {p.position !== null ? `, at position ${p.position.toLocaleString()}` : ''}: {p.what}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}
