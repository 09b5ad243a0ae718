import { useState } from 'react';
import { DETECTION_QUEUES, type DetectionQueue } from '@shared/model';
import { Dialog } from '../../components/Dialog';
import { QUEUE_LABEL } from '../../components/format';
import { useStore } from '../../store';

/** From which score detection moves a waiting item into each of its queues. */
export function ThresholdsDialog() {
  const current = useStore((s) => s.thresholds);
  const setThresholds = useStore((s) => s.setThresholds);
  const close = useStore((s) => s.close);
  const [values, setValues] = useState<Record<DetectionQueue, string>>(
    () =>
      Object.fromEntries(DETECTION_QUEUES.map((q) => [q, String(Math.round((current?.[q] ?? 0.8) * 100))])) as Record<
        DetectionQueue,
        string
      >,
  );
  const [error, setError] = useState<string | null>(null);

  async function save(): Promise<void> {
    const patch: Partial<Record<DetectionQueue, number>> = {};
    for (const q of DETECTION_QUEUES) {
      const n = Number(values[q]);
      if (!Number.isFinite(n) || n < 5 || n > 100) return setError(`${QUEUE_LABEL[q] ?? q}: give a score from 5 to 100.`);
      patch[q] = n / 100;
    }
    if (await setThresholds(patch)) close();
  }

  return (
    <Dialog title="Detection thresholds" testId="thresholds-dialog">
      <p className="muted">
        A waiting item moves into a detection queue once its score reaches the threshold. Decided items stay where they were decided.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {DETECTION_QUEUES.map((q) => (
          <label key={q}>
            {QUEUE_LABEL[q] ?? q}
            <input
              type="number"
              min={5}
              max={100}
              step={1}
              value={values[q]}
              onChange={(e) => setValues({ ...values, [q]: e.target.value })}
              data-testid={`threshold-${q}`}
            />
          </label>
        ))}
        {error ? <p className="error">{error}</p> : null}
        <div className="row">
          <button type="submit" className="primary">
            Save and re-route
          </button>
        </div>
      </form>
    </Dialog>
  );
}
