import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { useStore } from '../../store';

export function ActorDialog() {
  const actor = useStore((s) => s.actor);
  const setActor = useStore((s) => s.setActor);
  const close = useStore((s) => s.close);
  const [name, setName] = useState(actor);
  return (
    <Dialog title="Who is deciding" testId="actor-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void setActor(name.trim()).then((ok) => ok && close());
        }}
      >
        <p className="muted">Every decision is recorded with this name.</p>
        <input
          autoFocus
          value={name}
          maxLength={200}
          onChange={(e) => setName(e.target.value)}
          aria-label="Your name"
          data-testid="actor-input"
        />
        <div className="row">
          <button type="submit" className="primary" disabled={!name.trim()}>
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
