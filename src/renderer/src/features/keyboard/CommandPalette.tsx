import { Command } from 'cmdk';
import { ITEM_STATUSES } from '@shared/model';
import { Kbd } from '../../components/Kbd';
import { queueLabel, STATUS_LABEL } from '../../components/format';
import { useStore } from '../../store';
import { runAction } from '../actions/runAction';
import { ACTIONS } from './keymap';

/** Every action by name, plus the places a moderator goes: queues and views. */
export function CommandPalette() {
  const close = useStore((s) => s.close);
  const keymap = useStore((s) => s.keymap);
  const counts = useStore((s) => s.counts);

  const run = (fn: () => void) => () => {
    close();
    fn();
  };
  const s = () => useStore.getState();

  return (
    <div className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <Command label="Command palette" className="palette" data-testid="palette" loop>
        <Command.Input autoFocus placeholder="Type a command, a queue or a view…" />
        <Command.List>
          <Command.Empty>No command matches.</Command.Empty>
          <Command.Group heading="Actions">
            {ACTIONS.filter((a) => a.id !== 'palette').map((a) => (
              <Command.Item key={a.id} value={a.title} onSelect={run(() => runAction(s(), a.id))}>
                <span>{a.title}</span>
                {keymap[a.id][0] ? <Kbd combo={keymap[a.id][0]!} /> : null}
              </Command.Item>
            ))}
            {ACTIONS.filter((a) => a.bulk).map((a) => (
              <Command.Item key={`bulk-${a.id}`} value={`${a.title} (selected items)`} onSelect={run(() => runAction(s(), a.id, true))}>
                <span>{a.title} — selected items</span>
              </Command.Item>
            ))}
          </Command.Group>
          <Command.Group heading="Queues">
            <Command.Item value="Go to all queues" onSelect={run(() => s().setFilter({ queue: undefined }))}>
              Go to all queues
            </Command.Item>
            {counts?.queues.map((q) => (
              <Command.Item key={q.queue} value={`Go to ${queueLabel(q.queue)}`} onSelect={run(() => s().setFilter({ queue: q.queue }))}>
                Go to {queueLabel(q.queue)} <span className="muted">{q.open.toLocaleString()} waiting</span>
              </Command.Item>
            ))}
          </Command.Group>
          <Command.Group heading="Views">
            {[...ITEM_STATUSES, 'all' as const].map((st) => (
              <Command.Item
                key={st}
                value={`Show ${STATUS_LABEL[st]}`}
                onSelect={run(() => s().setFilter({ status: st === 'new' ? undefined : st }))}
              >
                Show {STATUS_LABEL[st]?.toLowerCase()}
              </Command.Item>
            ))}
            <Command.Item value="Clear all filters" onSelect={run(() => s().setFilter({}, true))}>
              Clear all filters
            </Command.Item>
            <Command.Item value="Set your name" onSelect={run(() => s().open({ kind: 'actor' }))}>
              Set your name…
            </Command.Item>
          </Command.Group>
        </Command.List>
      </Command>
    </div>
  );
}
