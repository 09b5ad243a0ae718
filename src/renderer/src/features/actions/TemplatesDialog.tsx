import { useEffect, useMemo, useState } from 'react';
import type { ReplyTemplate } from '@shared/model';
import { indexTemplates, searchTemplates } from '@shared/template-search';
import { TEMPLATE_KINDS, TEMPLATE_VARIABLES, type TemplateKind } from '@shared/templates';
import { call } from '../../api/client';
import { onListKey, onModEnter } from '../../components/form-keys';
import { Dialog } from '../../components/Dialog';
import { Kbd } from '../../components/Kbd';
import { useStore } from '../../store';
import { LastChanged } from '../sync/LastChanged';

interface Draft {
  id?: string;
  name: string;
  body: string;
  kind: TemplateKind;
  reason: string;
  tags: string;
}

const EMPTY: Draft = { name: '', body: 'Hi {name}, ', kind: 'reply', reason: '', tags: '' };
const toDraft = (t: ReplyTemplate): Draft => ({
  id: t.id,
  name: t.name,
  body: t.body,
  kind: t.kind,
  reason: t.reason ?? '',
  tags: t.tags.join(', '),
});

/**
 * The team's reply templates, kept by an admin: find one (type, ↑ ↓), edit it, save with
 * Ctrl-Enter; Move up / down sets the order the reply dialog lists them in.
 */
export function TemplatesDialog() {
  const toast = useStore((s) => s.toast);
  const [templates, setTemplates] = useState<ReplyTemplate[]>([]);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [error, setError] = useState<string | null>(null);

  const load = () => void call('templates.list', {}).then((r) => (r.ok ? setTemplates(r.value.templates) : setError(r.error.message)));
  useEffect(load, []);
  const index = useMemo(() => indexTemplates(templates), [templates]);
  const shown = useMemo(() => searchTemplates(index, query), [index, query]);

  function pick(i: number): void {
    const t = shown[i];
    setActive(i);
    if (t) setDraft(toDraft(t));
    setError(null);
  }

  async function save(): Promise<void> {
    const tags = draft.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const r = await call('templates.save', {
      ...(draft.id ? { id: draft.id } : {}),
      name: draft.name,
      body: draft.body,
      kind: draft.kind,
      ...(draft.kind !== 'reply' ? { reason: draft.reason } : {}),
      tags,
    });
    if (!r.ok) return setError(r.error.message);
    setDraft(toDraft(r.value.template));
    setError(null);
    toast('success', `Template saved: ${r.value.template.name}`);
    load();
  }

  async function remove(): Promise<void> {
    if (!draft.id) return setDraft(EMPTY);
    const r = await call('templates.delete', { id: draft.id });
    if (!r.ok) return setError(r.error.message);
    toast('success', `Template deleted: ${draft.name}`);
    setDraft(EMPTY);
    load();
  }

  async function move(by: -1 | 1): Promise<void> {
    const i = templates.findIndex((t) => t.id === draft.id);
    const j = i + by;
    if (i < 0 || j < 0 || j >= templates.length) return;
    const ids = templates.map((t) => t.id);
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    const r = await call('templates.reorder', { ids });
    if (!r.ok) return setError(r.error.message);
    setTemplates(r.value.templates);
  }

  const formKeys = (e: React.KeyboardEvent) => onModEnter(e, () => void save());

  return (
    <Dialog title="Reply templates" wide testId="templates-dialog">
      <LastChanged docs={['template:']} refresh={templates} />
      <div className="row" style={{ alignItems: 'flex-start', gap: 16 }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <input
            autoFocus
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={(e) => onListKey(e, { active, count: shown.length, move: pick, enter: pick })}
            placeholder="Find a template (↑ ↓ Enter to edit)"
            aria-label="Find a template to edit"
            data-testid="templates-search"
          />
          <ul className="templates" role="listbox" aria-label="Templates" tabIndex={0}>
            {shown.map((t, i) => (
              <li
                key={t.id}
                role="option"
                aria-selected={t.id === draft.id}
                className={i === active ? 'active' : undefined}
                onMouseDown={() => pick(i)}
              >
                <strong>{t.name}</strong>
                {t.kind !== 'reply' ? <span className="muted"> ({t.kind})</span> : null}
                {t.updatedBy ? <div className="muted">changed by {t.updatedBy}</div> : null}
              </li>
            ))}
          </ul>
          <button type="button" className="ghost" onClick={() => setDraft(EMPTY)} data-testid="template-new">
            New template
          </button>
        </div>
        <div style={{ flex: 2, minWidth: 0 }} onKeyDown={formKeys}>
          <label>
            Name
            <input
              value={draft.name}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              aria-label="Template name"
              data-testid="template-name"
            />
          </label>
          <label>
            Kind
            <select
              value={draft.kind}
              onChange={(e) => setDraft({ ...draft, kind: e.target.value as TemplateKind })}
              aria-label="Template kind"
            >
              {TEMPLATE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
          {draft.kind !== 'reply' ? (
            <label>
              Why we ask (shown to the moderator, recorded with the reply)
              <input value={draft.reason} onChange={(e) => setDraft({ ...draft, reason: e.target.value })} aria-label="Template reason" />
            </label>
          ) : null}
          <label>
            Tags (comma-separated)
            <input value={draft.tags} onChange={(e) => setDraft({ ...draft, tags: e.target.value })} aria-label="Template tags" />
          </label>
          <label>
            Text — variables: {TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(' ')}
            <textarea
              rows={6}
              value={draft.body}
              onChange={(e) => setDraft({ ...draft, body: e.target.value })}
              aria-label="Template text"
              data-testid="template-body"
            />
          </label>
          <div className="row">
            <button type="button" className="primary" onClick={() => void save()}>
              Save <Kbd combo="mod+enter" />
            </button>
            <button type="button" onClick={() => void move(-1)} disabled={!draft.id}>
              Move up
            </button>
            <button type="button" onClick={() => void move(1)} disabled={!draft.id}>
              Move down
            </button>
            <button type="button" className="ghost" onClick={() => void remove()}>
              {draft.id ? 'Delete' : 'Clear'}
            </button>
          </div>
        </div>
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
