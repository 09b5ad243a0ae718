import { useState } from 'react';
import { call } from '../../api/client';
import { useStore } from '../../store';

const DEMO_ITEMS = 5000;

/** First start: an empty database offers a demo workload or an import. */
export function EmptyState() {
  const open = useStore((s) => s.open);
  const reload = useStore((s) => s.reload);
  const toast = useStore((s) => s.toast);
  const [busy, setBusy] = useState(false);

  async function loadDemo(): Promise<void> {
    setBusy(true);
    const r = await call('demo.load', { items: DEMO_ITEMS });
    setBusy(false);
    if (!r.ok) {
      toast('error', `The demo workload could not be loaded: ${r.error.message}`);
      return;
    }
    const info = await call('app.info', {});
    if (info.ok) useStore.setState({ info: info.value });
    toast('success', `Loaded ${r.value.items.toLocaleString()} demo items from ${r.value.accounts.toLocaleString()} accounts.`);
    reload();
    void useStore.getState().runScoring();
  }

  return (
    <div className="onboarding" data-testid="onboarding">
      <h2>Welcome to Vigil</h2>
      <p>There is nothing to moderate yet. Load a demo workload to try the queue, or import your own content (NDJSON or CSV).</p>
      <div className="row">
        <button type="button" className="primary" onClick={() => void loadDemo()} disabled={busy} data-testid="load-demo">
          {busy ? 'Loading…' : `Load a demo workload (${DEMO_ITEMS.toLocaleString()} items)`}
        </button>
        <button type="button" onClick={() => open({ kind: 'import' })}>
          Import files…
        </button>
      </div>
      <p className="muted">Press ? at any time to see the keyboard shortcuts.</p>
    </div>
  );
}
