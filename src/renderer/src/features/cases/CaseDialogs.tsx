import { useState } from 'react';
import { CASE_OUTCOMES, type CaseOutcome } from '../../../../shared/model';
import { Dialog } from '../../components/Dialog';
import { useStore } from '../../store';

/** A case changes owner only with a name and a reason; the next owner must not start from nothing. */
export function CaseHandoverDialog() {
  const handOver = useStore((s) => s.handOverCase);
  const close = useStore((s) => s.close);
  const owner = useStore((s) => s.currentCase?.owner ?? null);
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(): Promise<void> {
    if (!to.trim()) return setError('Name who takes the case over.');
    if (to.trim() === owner) return setError(`${owner} owns it already.`);
    if (reason.trim().length < 3) return setError('Say why, so the next owner knows what to do.');
    if (await handOver(to.trim(), reason.trim())) close();
  }

  return (
    <Dialog title="Hand the case over" testId="case-handover-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          To
          <input autoFocus value={to} onChange={(e) => setTo(e.target.value)} placeholder="A teammate or a team" data-testid="case-handover-to" />
        </label>
        <label>
          Reason
          <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="What they need to know" data-testid="case-handover-reason" />
        </label>
        {error ? <p className="error">{error}</p> : null}
        <div className="row">
          <button type="submit" className="primary" data-testid="case-handover-submit">
            Hand over
          </button>
        </div>
      </form>
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
