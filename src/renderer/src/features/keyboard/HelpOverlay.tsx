import { useEffect, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { Kbd } from '../../components/Kbd';
import { useStore } from '../../store';
import { ACTIONS, comboOf, type ActionId } from './keymap';

const GROUPS = ['Move', 'Decide', 'Work on the item', 'View', 'Data'] as const;

/** The key map, and where it is changed: pick an action, press its new key. */
export function HelpOverlay() {
  const keymap = useStore((s) => s.keymap);
  const rebind = useStore((s) => s.rebind);
  const reset = useStore((s) => s.resetKeymap);
  const [capturing, setCapturing] = useState<ActionId | null>(null);

  useEffect(() => {
    if (!capturing) return;
    // Capture phase, ahead of the global handler: the next key is the new binding, not a command.
    function onKey(e: KeyboardEvent): void {
      const combo = comboOf(e);
      if (!combo) return;
      e.preventDefault();
      e.stopPropagation();
      if (combo !== 'escape') void rebind(capturing!, combo.replace(/^(ctrl|meta)\+/, 'mod+'));
      setCapturing(null);
    }
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [capturing, rebind]);

  return (
    <Dialog title="Keyboard shortcuts" wide testId="help">
      <p className="muted">
        Shift + a decision key applies it to every selected item (select with <Kbd combo="x" />). Keys are saved with your settings.
      </p>
      <div className="keymap">
        {GROUPS.map((g) => (
          <section key={g}>
            <h3>{g}</h3>
            <table>
              <tbody>
                {ACTIONS.filter((a) => a.group === g).map((a) => (
                  <tr key={a.id} data-testid={`key-${a.id}`}>
                    <td>{a.title}</td>
                    <td>
                      {capturing === a.id ? (
                        <em>press a key… (Esc cancels)</em>
                      ) : keymap[a.id].length ? (
                        keymap[a.id].map((k) => <Kbd key={k} combo={k} />)
                      ) : (
                        <span className="muted">unbound</span>
                      )}
                      {a.bulk && keymap[a.id][0]?.length === 1 ? (
                        <span className="muted"> · bulk <Kbd combo={`shift+${keymap[a.id][0]}`} /></span>
                      ) : null}
                    </td>
                    <td>
                      <button type="button" className="ghost" onClick={() => setCapturing(a.id)} data-testid={`rebind-${a.id}`}>
                        Change
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
      <div className="row">
        <button type="button" onClick={() => void reset()}>
          Reset to defaults
        </button>
      </div>
    </Dialog>
  );
}
