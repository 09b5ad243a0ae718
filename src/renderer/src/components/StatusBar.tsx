import { useStore } from '../store';

/** Where the moderator is, what is selected, and whether every decision is safely stored. */
export function StatusBar() {
  const cursor = useStore((s) => s.cursor);
  const total = useStore((s) => s.total);
  const selected = useStore((s) => s.selection.size);
  const saving = useStore((s) => s.saving);
  const lastSavedAt = useStore((s) => s.lastSavedAt);
  const info = useStore((s) => s.info);
  return (
    <footer className="statusbar">
      <span data-testid="position">{total ? `${(cursor + 1).toLocaleString()} of ${total.toLocaleString()}` : total === 0 ? 'empty' : '…'}</span>
      {selected ? <span data-testid="selection-count">{selected.toLocaleString()} selected — Shift + action applies to all</span> : null}
      <span className="spacer" />
      <span data-testid="save-state" data-saving={saving}>
        {saving ? `Saving ${saving}…` : lastSavedAt ? 'All decisions saved' : ''}
      </span>
      {info ? <span className="muted" title={info.dbPath}>{info.dataDir}</span> : null}
    </footer>
  );
}
