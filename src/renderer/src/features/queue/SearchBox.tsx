import { useEffect, useRef, useState } from 'react';
import { useStore } from '../../store';

/** How long typing pauses before the queue follows it: a word, not every letter. */
export const SEARCH_DEBOUNCE_MS = 250;

/**
 * The queue's text search. It filters as you type and keeps the keyboard: keys typed here
 * never reach the key map, so a search can never decide anything. ↓ hands the keyboard to
 * the list with the search in force; Esc clears the search and leaves; Enter searches at once.
 */
export function SearchBox() {
  const search = useStore((s) => s.filter.search ?? '');
  const focusToken = useStore((s) => s.searchFocus);
  const setFilter = useStore((s) => s.setFilter);
  // What is being typed while the field has the keyboard; null shows the search in force.
  const [draft, setDraft] = useState<string | null>(null);
  // The same, as the handlers of this very event see it (Esc clears it before the blur it causes).
  const pending = useRef<string | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  const text = draft ?? search;

  const apply = (value: string) => {
    const next = value.trim() || undefined;
    if (next !== (useStore.getState().filter.search ?? undefined)) setFilter({ search: next });
  };
  const type = (value: string | null) => {
    pending.current = value;
    setDraft(value);
  };

  useEffect(() => {
    if (focusToken) {
      ref.current?.focus();
      ref.current?.select();
    }
  }, [focusToken]);

  useEffect(() => {
    if (draft === null) return;
    const timer = setTimeout(() => {
      const value = pending.current;
      if (value !== null) apply(value);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // apply reads the store when it runs; only the typed text restarts the wait.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft]);

  return (
    <form
      className="search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        apply(text);
      }}
    >
      <input
        ref={ref}
        type="search"
        value={text}
        placeholder="Search text or @handle  ( / )"
        aria-label="Search item text or an author’s @handle (↓ to the list, Esc to clear)"
        data-testid="search"
        onChange={(e) => type(e.target.value)}
        onBlur={() => {
          // Leaving the field by any way keeps what was typed in force.
          if (pending.current !== null) apply(pending.current);
          type(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            ref.current?.blur();
          } else if (e.key === 'Escape') {
            // The window's key handler then takes the keyboard back to the list.
            type(null);
            if (search) setFilter({ search: undefined });
          }
        }}
      />
    </form>
  );
}
