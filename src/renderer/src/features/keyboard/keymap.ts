// Every action a moderator can take, with its default key. The help
// overlay, the command palette and the key handler all read this one list.

export type ActionId =
  | 'next'
  | 'prev'
  | 'approve'
  | 'remove'
  | 'escalate'
  | 'spam'
  | 'fake'
  | 'label'
  | 'note'
  | 'reply'
  | 'claim'
  | 'handover'
  | 'select'
  | 'undo'
  | 'search'
  | 'blur'
  | 'help'
  | 'palette'
  | 'import'
  | 'export'
  | 'clearSelection'
  | 'first'
  | 'last'
  | 'campaign'
  | 'thresholds'
  | 'models'
  | 'sync'
  | 'conflicts'
  | 'rules'
  | 'cycleType'
  | 'cycleSentiment'
  | 'caseTake'
  | 'caseHandover'
  | 'caseResolve'
  | 'hours'
  | 'templates'
  | 'notes'
  | 'similar'
  | 'back'
  | 'audit'
  | 'scrollDown'
  | 'scrollUp'
  | 'nextPart'
  | 'prevPart';

export interface ActionDef {
  id: ActionId;
  title: string;
  group: 'Move' | 'Decide' | 'Work on the item' | 'View' | 'Data';
  /** Default bindings; the first is the one shown and rebound. */
  keys: string[];
  /** Shift + the key applies the action to every selected item. */
  bulk?: boolean;
}

export const ACTIONS: readonly ActionDef[] = [
  { id: 'next', title: 'Next item', group: 'Move', keys: ['j', 'arrowdown'] },
  { id: 'prev', title: 'Previous item', group: 'Move', keys: ['k', 'arrowup'] },
  { id: 'first', title: 'First item', group: 'Move', keys: ['home'] },
  { id: 'last', title: 'Last item', group: 'Move', keys: ['end'] },
  { id: 'approve', title: 'Approve', group: 'Decide', keys: ['a'], bulk: true },
  { id: 'remove', title: 'Remove', group: 'Decide', keys: ['r'], bulk: true },
  { id: 'escalate', title: 'Escalate', group: 'Decide', keys: ['e'], bulk: true },
  { id: 'spam', title: 'Mark spam', group: 'Decide', keys: ['s'], bulk: true },
  { id: 'fake', title: 'Mark author fake', group: 'Decide', keys: ['f'], bulk: true },
  { id: 'campaign', title: 'Decide the item’s whole campaign…', group: 'Decide', keys: ['w'] },
  { id: 'undo', title: 'Undo last decision', group: 'Decide', keys: ['u', 'mod+z'] },
  { id: 'label', title: 'Label…', group: 'Work on the item', keys: ['l'], bulk: true },
  { id: 'note', title: 'Internal note…', group: 'Work on the item', keys: ['n'] },
  { id: 'reply', title: 'Reply with a template…', group: 'Work on the item', keys: ['t'] },
  { id: 'claim', title: 'Claim / release', group: 'Work on the item', keys: ['c'], bulk: true },
  { id: 'handover', title: 'Hand over…', group: 'Work on the item', keys: ['h'], bulk: true },
  { id: 'select', title: 'Select / unselect', group: 'Work on the item', keys: ['x'] },
  { id: 'caseTake', title: 'Own the case (take it)', group: 'Work on the item', keys: ['o'] },
  { id: 'caseHandover', title: 'Hand the case over…', group: 'Work on the item', keys: ['g'] },
  { id: 'caseResolve', title: 'Resolve / reopen the case…', group: 'Work on the item', keys: ['v'] },
  { id: 'cycleType', title: 'Correct the type (question → complaint → compliment → other)', group: 'Work on the item', keys: ['y'] },
  { id: 'cycleSentiment', title: 'Correct the sentiment (negative → neutral → positive)', group: 'Work on the item', keys: [';'] },
  { id: 'clearSelection', title: 'Clear the selection', group: 'Work on the item', keys: ['escape'] },
  { id: 'scrollDown', title: 'Scroll the item down', group: 'View', keys: ['pagedown', 'space'] },
  { id: 'scrollUp', title: 'Scroll the item up', group: 'View', keys: ['pageup', 'shift+space'] },
  { id: 'nextPart', title: 'Next part of the item (detection, author, SLA, case, history…)', group: 'View', keys: [']'] },
  { id: 'prevPart', title: 'Previous part of the item', group: 'View', keys: ['['] },
  { id: 'search', title: 'Search', group: 'View', keys: ['/'] },
  { id: 'notes', title: 'Search internal notes (and mentions of you)…', group: 'View', keys: ['mod+shift+f'] },
  { id: 'similar', title: 'Go to “How did we answer this before?” (Enter opens a case)', group: 'View', keys: ['p'] },
  { id: 'back', title: 'Back to the list left to open a similar case or a note', group: 'View', keys: ['backspace'] },
  { id: 'blur', title: 'Blur / unblur content', group: 'View', keys: ['b'] },
  { id: 'help', title: 'Keyboard shortcuts', group: 'View', keys: ['?'] },
  { id: 'palette', title: 'Command palette', group: 'View', keys: ['mod+k'] },
  { id: 'import', title: 'Import files…', group: 'Data', keys: ['mod+o'] },
  { id: 'export', title: 'Export…', group: 'Data', keys: ['mod+e'] },
  { id: 'thresholds', title: 'Detection thresholds…', group: 'Data', keys: ['mod+shift+d'] },
  { id: 'models', title: 'Team models (train, switch on, roll back)…', group: 'Data', keys: ['mod+shift+m'] },
  { id: 'sync', title: 'Sync with the team’s server…', group: 'Data', keys: ['mod+shift+y'] },
  { id: 'conflicts', title: 'Conflicts waiting for a supervisor…', group: 'Data', keys: ['mod+shift+q'] },
  { id: 'audit', title: 'Verify the record (this workstation’s log and the server’s)…', group: 'Data', keys: ['mod+shift+v'] },
  { id: 'rules', title: 'Routing rules…', group: 'Data', keys: ['mod+shift+r'] },
  { id: 'hours', title: 'Business hours and SLA…', group: 'Data', keys: ['mod+shift+h'] },
  // P for phrases: mod+shift+t is the browser's "reopen tab", which a page cannot take.
  { id: 'templates', title: 'Reply templates (admin)…', group: 'Data', keys: ['mod+shift+p'] },
];

export const ACTION_BY_ID = new Map(ACTIONS.map((a) => [a.id, a]));

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** 'mod' is Cmd on a Mac and Ctrl elsewhere. */
export function resolveMod(combo: string): string {
  return combo.replace(/\bmod\+/, isMac ? 'meta+' : 'ctrl+');
}

/** The canonical combo string of a key event, or null for a lone modifier. */
export function comboOf(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'shiftKey'>): string | null {
  const { key } = e;
  if (key === 'Shift' || key === 'Control' || key === 'Alt' || key === 'Meta' || key === 'Dead' || !key) return null;
  const k = key === ' ' ? 'space' : key.toLowerCase();
  const mods: string[] = [];
  if (e.ctrlKey) mods.push('ctrl');
  if (e.altKey) mods.push('alt');
  if (e.metaKey) mods.push('meta');
  // For symbols the character already carries Shift ('?' is Shift+/); for letters, the space bar and named keys it is a modifier.
  if (e.shiftKey && (/^[a-z0-9]$/.test(k) || k === 'space' || key.length > 1)) mods.push('shift');
  return [...mods, k].join('+');
}

export type Keymap = Record<ActionId, string[]>;

/** Defaults with the user's rebindings applied (an override replaces the primary key). */
export function buildKeymap(overrides: Record<string, string>): Keymap {
  const map = {} as Keymap;
  for (const a of ACTIONS) {
    const o = overrides[a.id];
    map[a.id] = o === undefined ? [...a.keys] : o === '' ? [] : [o, ...a.keys.slice(1).filter((k) => k !== o)];
  }
  // A key taken by a rebinding is released by the action that had it by default.
  const taken = new Map<string, ActionId>();
  // (Only by a known action: a stale override, say of an action since renamed, takes nothing.)
  for (const [id, combo] of Object.entries(overrides))
    if (combo && ACTION_BY_ID.has(id as ActionId)) taken.set(resolveMod(combo), id as ActionId);
  for (const a of ACTIONS) {
    map[a.id] = map[a.id].filter((k) => {
      const owner = taken.get(resolveMod(k));
      return owner === undefined || owner === a.id;
    });
  }
  return map;
}

export interface ResolvedKey {
  action: ActionId;
  bulk: boolean;
}

/** combo → action, including the Shift variants of bulk actions (a key bound as such wins over them). */
export function keyIndex(map: Keymap): Map<string, ResolvedKey> {
  const index = new Map<string, ResolvedKey>();
  for (const a of ACTIONS) {
    for (const k of map[a.id]) {
      const combo = resolveMod(k);
      if (!index.has(combo)) index.set(combo, { action: a.id, bulk: false });
    }
  }
  for (const a of ACTIONS) {
    if (!a.bulk) continue;
    for (const k of map[a.id]) {
      const combo = resolveMod(k);
      if (!/^[a-z0-9]$/.test(combo)) continue;
      const shifted = `shift+${combo}`;
      if (!index.has(shifted)) index.set(shifted, { action: a.id, bulk: true });
    }
  }
  return index;
}

/** How a combo is shown to a person. */
export function showCombo(combo: string): string {
  return resolveMod(combo)
    .split('+')
    .map((p) =>
      p === 'ctrl'
        ? 'Ctrl'
        : p === 'meta'
          ? isMac
            ? '⌘'
            : 'Meta'
          : p === 'alt'
            ? isMac
              ? '⌥'
              : 'Alt'
            : p === 'shift'
              ? 'Shift'
              : p === 'arrowdown'
                ? '↓'
                : p === 'arrowup'
                  ? '↑'
                  : p === 'escape'
                    ? 'Esc'
                    : p === 'space'
                      ? 'Space'
                      : p.length === 1
                        ? p
                        : p[0]!.toUpperCase() + p.slice(1),
    )
    .join(isMac ? '' : '+');
}
