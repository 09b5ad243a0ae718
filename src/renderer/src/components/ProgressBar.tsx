/** Progress with a known end; without `value`, work whose length is unknown (indeterminate: no aria-valuenow). */
export function ProgressBar({ value, max = 0, label }: { value?: number; max?: number; label: string }) {
  if (value === undefined) {
    return (
      <div className="progress progress-indeterminate" role="progressbar" aria-label={label}>
        <div className="progress-fill" />
      </div>
    );
  }
  const pct = max > 0 ? Math.min(100, (value / max) * 100) : 0;
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)}>
      <div className="progress-fill" style={{ width: `${pct}%` }} />
    </div>
  );
}
