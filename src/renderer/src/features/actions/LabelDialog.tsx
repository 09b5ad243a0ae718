import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { useStore } from '../../store';

const NO_LABELS: readonly string[] = [];

export function LabelDialog({ bulk }: { bulk: boolean }) {
  const row = useStore((s) => s.currentRow());
  // The store's own array, or one constant: a new [] per read would never equal the last and
  // React would render again for ever.
  const known = useStore((s) => s.facets?.labels) ?? NO_LABELS;
  const selected = useStore((s) => s.selection.size);
  const label = useStore((s) => s.label);
  const close = useStore((s) => s.close);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const current = bulk ? [] : (row?.labels ?? []);

  function add(): void {
    const l = text.trim();
    if (!l) return setError('Type a label first.');
    if (/[,\n\r]/.test(l)) return setError('A label cannot contain commas or line breaks.');
    if (l.length > 64) return setError('A label is at most 64 characters.');
    label([l], [], bulk);
    close();
  }

  return (
    <Dialog title={bulk ? `Label ${selected} selected items` : 'Label this item'} testId="label-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <input
          autoFocus
          list="known-labels"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
          placeholder="Label, then Enter"
          aria-label="Label"
          data-testid="label-input"
        />
        <datalist id="known-labels">
          {known.map((l) => (
            <option key={l} value={l} />
          ))}
        </datalist>
        {error ? <p className="error">{error}</p> : null}
      </form>
      {current.length ? (
        <div className="chips">
          {current.map((l) => (
            <button
              key={l}
              type="button"
              className="chip"
              onClick={() => {
                label([], [l], false);
                close();
              }}
            >
              {l} ×
            </button>
          ))}
        </div>
      ) : null}
    </Dialog>
  );
}
