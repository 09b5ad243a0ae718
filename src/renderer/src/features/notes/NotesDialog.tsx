import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { NoteHit } from '@shared/similar';
import { call } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { ago, when } from '../../components/format';
import { useStore } from '../../store';

/** Typing settles this long before the search runs. */
const SETTLE_MS = 150;

/**
 * Internal notes: searched by their words, or those that mention you. Note and message texts
 * are shown as text only (a note may quote hostile content). A hit opens its item in the
 * queue: click it, or Enter on it (↓ from the search field goes to the hits, ↑/↓ move).
 */
export function NotesDialog({ mentions }: { mentions: boolean }) {
  const close = useStore((s) => s.close);
  const openItem = useStore((s) => s.openItem);
  const listRef = useRef<HTMLUListElement>(null);
  const [mode, setMode] = useState<'search' | 'mentions'>(mentions ? 'mentions' : 'search');
  const [text, setText] = useState('');
  const [result, setResult] = useState<{ key: string; notes: NoteHit[]; total?: number; error?: string } | null>(null);
  const key = mode === 'mentions' ? '@me' : text.trim();

  useEffect(() => {
    let live = true;
    // Nothing typed: nothing shown (an earlier answer is for another key).
    if (mode === 'search' && !key) return;
    const timer = setTimeout(
      () => {
        const answer =
          mode === 'mentions'
            ? call('notes.mentions', { limit: 100 })
            : call('notes.search', { text: key, limit: 100 }).then((r) =>
                r.ok ? { ok: true as const, value: { ...r.value, total: undefined } } : r,
              );
        void answer.then((r) => {
          if (!live) return;
          if (!r.ok) setResult({ key, notes: [], error: r.error.message });
          else setResult({ key, notes: r.value.notes, ...(r.value.total !== undefined ? { total: r.value.total } : {}) });
        });
      },
      mode === 'mentions' ? 0 : SETTLE_MS,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [mode, key]);

  const shown = result?.key === key ? result : null;

  const hits = () => [...(listRef.current?.querySelectorAll<HTMLButtonElement>('[data-testid="note-open"]') ?? [])];
  function go(itemId: number): void {
    close();
    void openItem(itemId);
  }
  function onInputKey(e: KeyboardEvent<HTMLInputElement>): void {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      hits()[0]?.focus();
    } else if (e.key === 'Enter' && shown?.notes[0]) {
      e.preventDefault();
      go(shown.notes[0].itemId);
    }
  }
  function onHitKey(e: KeyboardEvent<HTMLButtonElement>): void {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const all = hits();
    const at = all.indexOf(e.currentTarget);
    all[Math.max(0, Math.min(all.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
  }
  return (
    <Dialog title="Internal notes" testId="notes-dialog" wide>
      <div className="row" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={mode === 'search'}
          className={mode === 'search' ? 'primary' : 'ghost'}
          onClick={() => setMode('search')}
        >
          Search notes
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={mode === 'mentions'}
          className={mode === 'mentions' ? 'primary' : 'ghost'}
          onClick={() => setMode('mentions')}
          data-testid="notes-mentions-tab"
        >
          Mentioning you
        </button>
      </div>
      {mode === 'search' ? (
        <input
          autoFocus
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onInputKey}
          placeholder="Words in a note (every word, as a prefix)"
          aria-label="Search notes"
          data-testid="notes-search-input"
        />
      ) : null}
      {shown?.error ? <p className="error">{shown.error}</p> : null}
      {shown && !shown.error ? (
        <p className="muted" data-testid="notes-count">
          {mode === 'mentions'
            ? `${shown.total ?? shown.notes.length} ${shown.total === 1 ? 'note mentions' : 'notes mention'} you`
            : shown.notes.length
              ? `${shown.notes.length}${shown.notes.length >= 100 ? '+' : ''} notes, newest first`
              : 'No note holds those words.'}
        </p>
      ) : null}
      <ul className="notes-results" data-testid="notes-results" ref={listRef}>
        {shown?.notes.map((n) => (
          <li key={n.eventId} data-testid="note-hit" data-item-id={n.itemId}>
            <button type="button" className="note-open" onClick={() => go(n.itemId)} onKeyDown={onHitKey} data-testid="note-open">
              <span className="note-line">
                <span className="author">{n.actor}</span>{' '}
                <span className="muted" title={when(n.at)}>
                  {ago(n.at)} · on item {n.itemId}
                </span>
              </span>
              <span className="note-line note-text">{n.text}</span>
              <span className="note-line muted">“{n.itemText}”</span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
