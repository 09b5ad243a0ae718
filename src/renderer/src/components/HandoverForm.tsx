import { useState } from 'react';

/**
 * Who takes it over and why: a hand-over without both leaves the next person starting from
 * nothing. `check` answers a sentence for what is wrong (or null); `submit` answers whether
 * it was recorded.
 */
export function HandoverForm({
  testPrefix,
  check,
  submit,
}: {
  testPrefix: string;
  check: (to: string, reason: string) => string | null;
  submit: (to: string, reason: string) => boolean | Promise<boolean>;
}) {
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function send(): Promise<void> {
    const problem = !to.trim()
      ? 'Name who takes it over.'
      : reason.trim().length < 3
        ? 'Say why, so the next person knows what to do.'
        : check(to.trim(), reason.trim());
    setError(problem);
    if (!problem) await submit(to.trim(), reason.trim());
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <label>
        To
        <input
          autoFocus
          value={to}
          onChange={(e) => setTo(e.target.value)}
          placeholder="A teammate or a team"
          data-testid={`${testPrefix}-to`}
        />
      </label>
      <label>
        Reason
        <textarea
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="What they need to know"
          data-testid={`${testPrefix}-reason`}
        />
      </label>
      {error ? <p className="error">{error}</p> : null}
      <div className="row">
        <button type="submit" className="primary" data-testid={`${testPrefix}-submit`}>
          Hand over
        </button>
      </div>
    </form>
  );
}
