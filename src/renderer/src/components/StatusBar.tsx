import { useStore } from '../store';
import { ProgressBar } from './ProgressBar';
import { ConflictCount, SyncIndicator } from '../features/sync/SyncIndicator';
import { MentionCount } from '../features/notes/MentionCount';
import { SetAsideCount } from '../features/sync/SetAside';

/** Where the moderator is, what is selected, and whether every decision is safely stored. */
export function StatusBar() {
  const cursor = useStore((s) => s.cursor);
  const total = useStore((s) => s.total);
  const selected = useStore((s) => s.selection.size);
  const saving = useStore((s) => s.saving);
  const lastSavedAt = useStore((s) => s.lastSavedAt);
  const info = useStore((s) => s.info);
  const scoring = useStore((s) => s.scoring);
  return (
    <footer className="statusbar">
      <span data-testid="position">
        {total ? `${(cursor + 1).toLocaleString()} of ${total.toLocaleString()}` : total === 0 ? 'empty' : '…'}
      </span>
      {selected ? <span data-testid="selection-count">{selected.toLocaleString()} selected — Shift + action applies to all</span> : null}
      <span className="spacer" />
      {scoring ? (
        <span className="scoring" data-testid="scoring">
          Scoring {scoring.done.toLocaleString()} of {scoring.total.toLocaleString()} items
          <ProgressBar value={scoring.done} max={scoring.total} label="Detection scoring" />
        </span>
      ) : null}
      <span data-testid="save-state" data-saving={saving}>
        {saving ? `Saving ${saving}…` : lastSavedAt ? 'All decisions saved' : ''}
      </span>
      <SyncIndicator />
      <SetAsideCount />
      <ConflictCount />
      <MentionCount />
      {info ? (
        <span className="muted" title={info.dbPath}>
          {info.dataDir}
        </span>
      ) : null}
    </footer>
  );
}
