import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { useStore } from '../../store';

/** A hand-over names who takes it and why: the next owner must not start from nothing. */
export function HandoverDialog({ bulk }: { bulk: boolean }) {
  const handover = useStore((s) => s.handover);
  const close = useStore((s) => s.close);
  const actor = useStore((s) => s.actor);
  const selected = useStore((s) => s.selection.size);
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit(): void {
    if (!to.trim()) return setError('Name who takes it over.');
    if (to.trim() === actor) return setError('Hand it to someone else: you already have it.');
    if (reason.trim().length < 3) return setError('Say why, so the next person knows what to do.');
    handover(to.trim(), reason.trim(), bulk);
    close();
  }

  return (
    <Dialog title={bulk ? `Hand over ${selected} selected items` : 'Hand over'} testId="handover-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label>
          To
          <input autoFocus value={to} onChange={(e) => setTo(e.target.value)} placeholder="A teammate or a team" data-testid="handover-to" />
        </label>
        <label>
          Reason
          <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="What they need to know" data-testid="handover-reason" />
        </label>
        {error ? <p className="error">{error}</p> : null}
        <div className="row">
          <button type="submit" className="primary">
            Hand over
          </button>
        </div>
      </form>
    </Dialog>
  );
}
