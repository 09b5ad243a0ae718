import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { useStore } from '../../store';

/** Mentions arrive with synced notes too: looked at again this often. */
const POLL_MS = 30_000;

/**
 * "Mentioned you": how many notes mention the current moderator, in the status bar. One count
 * on the mention index (notes.mentions with limit 0); opens the notes dialog on those notes.
 */
export function MentionCount() {
  const actor = useStore((s) => s.actor);
  const lastSavedAt = useStore((s) => s.lastSavedAt);
  const open = useStore((s) => s.open);
  const [total, setTotal] = useState(0);
  useEffect(() => {
    let live = true;
    const ask = () => void call('notes.mentions', { limit: 0 }).then((r) => live && r.ok && setTotal(r.value.total));
    ask();
    const timer = setInterval(ask, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [actor, lastSavedAt]);
  if (!total) return null;
  return (
    <button
      type="button"
      className="ghost"
      data-testid="mention-count"
      onClick={() => open({ kind: 'notes', mentions: true })}
      title="Notes that mention you"
    >
      @ mentioned you {total.toLocaleString()}×
    </button>
  );
}
