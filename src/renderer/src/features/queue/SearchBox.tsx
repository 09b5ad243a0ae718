import { useEffect, useRef, useState } from 'react';
import { useStore } from '../../store';

export function SearchBox() {
  const search = useStore((s) => s.filter.search ?? '');
  const focusToken = useStore((s) => s.searchFocus);
  const setFilter = useStore((s) => s.setFilter);
  // What is being typed; null shows the search in force.
  const [draft, setDraft] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  const text = draft ?? search;

  useEffect(() => {
    if (focusToken) {
      ref.current?.focus();
      ref.current?.select();
    }
  }, [focusToken]);

  return (
    <form
      className="search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        setFilter({ search: text.trim() || undefined });
        setDraft(null);
        ref.current?.blur();
      }}
    >
      <input
        ref={ref}
        type="search"
        value={text}
        placeholder="Search text  ( / )"
        aria-label="Search item text"
        data-testid="search"
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && search) {
            setDraft(null);
            setFilter({ search: undefined });
          }
        }}
      />
    </form>
  );
}
