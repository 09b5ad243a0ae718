import { useState } from 'react';
import { CASE_OUTCOMES, type CaseOutcome } from '@shared/model';
import { Dialog } from '../../components/Dialog';
import { HandoverForm } from '../../components/HandoverForm';
import { useStore } from '../../store';

/** A case changes owner only with a name and a reason; the next owner must not start from nothing. */
export function CaseHandoverDialog() {
  const handOver = useStore((s) => s.handOverCase);
  const close = useStore((s) => s.close);
  const owner = useStore((s) => s.currentCase?.owner ?? null);
  return (
    <Dialog title="Hand the case over" testId="case-handover-dialog">
      <HandoverForm
        testPrefix="case-handover"
        check={(to) => (to === owner ? `${owner} owns it already.` : null)}
        submit={async (to, reason) => {
          const ok = await handOver(to, reason);
          if (ok) close();
          return ok;
        }}
      />
    </Dialog>
  );
}

/** Resolving needs an outcome; a resolved case reopens with a reason. */
export function CaseResolveDialog() {
  const c = useStore((s) => s.currentCase);
  const resolve = useStore((s) => s.resolveCase);
  const reopen = useStore((s) => s.reopenCase);
  const close = useStore((s) => s.close);
  const [outcome, setOutcome] = useState<CaseOutcome>('answered');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!c) return null;
  const resolved = c.status === 'resolved';

  async function submit(): Promise<void> {
    if (resolved && text.trim().length < 3) return setError('Say why the case is reopened.');
    if (await (resolved ? reopen(text.trim()) : resolve(outcome, text))) close();
  }

  return (
    <Dialog title={resolved ? 'Reopen the case' : 'Resolve the case'} testId="case-resolve-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {resolved ? null : (
          <label>
            Outcome
            <select autoFocus value={outcome} onChange={(e) => setOutcome(e.target.value as CaseOutcome)} data-testid="case-outcome">
              {CASE_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {o.replaceAll('-', ' ')}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {resolved ? 'Reason' : 'Note (optional)'}
          <textarea rows={2} value={text} onChange={(e) => setText(e.target.value)} data-testid="case-resolve-text" />
        </label>
        {error ? <p className="error">{error}</p> : null}
        <div className="row">
          <button type="submit" className="primary" data-testid="case-resolve-submit">
            {resolved ? 'Reopen' : 'Resolve'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
