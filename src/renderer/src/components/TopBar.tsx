import { transport } from '../api/client';
import { useStore } from '../store';
import { Kbd } from './Kbd';

export function TopBar() {
  const actor = useStore((s) => s.actor);
  const open = useStore((s) => s.open);
  const keymap = useStore((s) => s.keymap);
  return (
    <header className="topbar">
      <h1>Vigil</h1>
      <span className="host muted">{transport() === 'ipc' ? 'desktop' : 'browser'}</span>
      <div className="spacer" />
      <button type="button" className="ghost" onClick={() => open({ kind: 'palette' })} title="Command palette">
        Commands <Kbd combo={keymap.palette[0] ?? 'mod+k'} />
      </button>
      <button type="button" className="ghost" onClick={() => open({ kind: 'import' })} data-testid="open-import">
        Import
      </button>
      <button type="button" className="ghost" onClick={() => open({ kind: 'export' })}>
        Export
      </button>
      <button type="button" className="ghost" onClick={() => open({ kind: 'help' })} aria-label="Keyboard shortcuts">
        <Kbd combo="?" />
      </button>
      <button type="button" className="actor" onClick={() => open({ kind: 'actor' })} title="Who is deciding" data-testid="actor">
        {actor || 'Set your name'}
      </button>
    </header>
  );
}
