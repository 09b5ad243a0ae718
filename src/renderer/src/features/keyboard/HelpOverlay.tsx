import { useEffect, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { Kbd } from '../../components/Kbd';
import { useStore } from '../../store';
import { ACTION_BY_ID, ACTIONS, comboOf, resolveMod, type ActionId } from './keymap';

const GROUPS = ['Move', 'Decide', 'Work on the item', 'View', 'Data'] as const;

/** The key map, and where it is changed: pick an action, press its new key. */
export function HelpOverlay() {
  const keymap = useStore((s) => s.keymap);
  const rebind = useStore((s) => s.rebind);
  const reset = useStore((s) => s.resetKeymap);
  const [capturing, setCapturing] = useState<ActionId | null>(null);
  // A key that another action has: taken only once the person says so.
  const [taking, setTaking] = useState<{ combo: string; from: ActionId; bulk: boolean } | null>(null);
  const toast = useStore((s) => s.toast);

  useEffect(() => {
    if (!capturing) return;
    const action = capturing;
    const give = (combo: string) => {
      void rebind(action, combo).then((failed) => {
        if (!failed) toast('info', `${ACTION_BY_ID.get(action)!.title} is now ${combo}`);
      });
      setCapturing(null);
      setTaking(null);
    };
    // Capture phase, ahead of the global handler: the next key is the new binding, not a command.
    function onKey(e: KeyboardEvent): void {
      const combo = comboOf(e);
      if (!combo) return;
      e.preventDefault();
      e.stopPropagation();
      if (combo === 'escape') {
        setCapturing(null);
        setTaking(null);
        return;
      }
      if (taking) {
        if (combo === 'enter') give(taking.combo);
        return;
      }
      const stored = combo.replace(/^(ctrl|meta)\+/, 'mod+');
      const owner = useStore.getState().keyIndex.get(resolveMod(stored));
      if (owner && owner.action !== action) setTaking({ combo: stored, from: owner.action, bulk: owner.bulk });
      else give(stored);
    }
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [capturing, taking, rebind, toast]);

  return (
    <Dialog title="Keyboard shortcuts" wide testId="help" focusSelf>
      <p className="muted">
        Shift + a decision key applies it to every selected item (select with <Kbd combo="x" />
        ). Keys are saved with your settings.
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
                      {capturing === a.id && taking ? (
                        <span role="alert" data-testid="rebind-confirm">
                          <Kbd combo={taking.combo} /> is {ACTION_BY_ID.get(taking.from)!.title}&apos;s {taking.bulk ? 'bulk key' : 'key'}.
                          Enter gives it to {a.title}
                          {taking.bulk
                            ? ` (${ACTION_BY_ID.get(taking.from)!.title} keeps its own key, without the bulk one)`
                            : ` and leaves ${ACTION_BY_ID.get(taking.from)!.title} without a key`}
                          ; Esc keeps it.
                        </span>
                      ) : capturing === a.id ? (
                        <em>press a key… (Esc cancels)</em>
                      ) : keymap[a.id].length ? (
                        keymap[a.id].map((k) => <Kbd key={k} combo={k} />)
                      ) : (
                        <span className="muted">unbound</span>
                      )}
                      {a.bulk && keymap[a.id][0]?.length === 1 ? (
                        <span className="muted">
                          {' '}
                          · bulk <Kbd combo={`shift+${keymap[a.id][0]}`} />
                        </span>
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
