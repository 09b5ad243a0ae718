import { useState } from 'react';
import { onModEnter } from '../../components/form-keys';
import { Dialog } from '../../components/Dialog';
import { Kbd } from '../../components/Kbd';
import { useStore } from '../../store';

export function NoteDialog() {
  const note = useStore((s) => s.note);
  const close = useStore((s) => s.close);
  const [text, setText] = useState('');
  const save = () => {
    if (!text.trim()) return;
    note(text.trim());
    close();
  };
  return (
    <Dialog title="Internal note" testId="note-dialog">
      <textarea
        autoFocus
        rows={5}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => onModEnter(e, save)}
        placeholder="Visible to the team, never to the customer"
        aria-label="Note"
        data-testid="note-input"
      />
      <div className="row">
        <button type="button" className="primary" onClick={save} disabled={!text.trim()}>
          Save note <Kbd combo="mod+enter" />
        </button>
      </div>
    </Dialog>
  );
}
