import { useEffect, useMemo, useState } from 'react';
import type { ReplyTemplate } from '../../../../shared/model';
import { call } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Kbd } from '../../components/Kbd';
import { useStore } from '../../store';
import { fillTemplate } from './fillTemplate';
import { useSlaWords } from '../sla/SlaPanel';

/** Pick a template from the keyboard, make it personal, send. Vigil records the reply; a connector posts it. */
export function ReplyDialog() {
  const row = useStore((s) => s.currentRow());
  const actor = useStore((s) => s.actor);
  const decide = useStore((s) => s.decide);
  const close = useStore((s) => s.close);
  const [templates, setTemplates] = useState<ReplyTemplate[]>([]);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [chosen, setChosen] = useState<ReplyTemplate | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  // {backAt} and {hours}, for the out-of-hours answer.
  const slaWords = useSlaWords(row?.id);

  useEffect(() => {
    void call('templates.list', {}).then((r) => (r.ok ? setTemplates(r.value.templates) : setError(r.error.message)));
  }, []);

  const shown = useMemo(() => {
    const q = query.toLowerCase();
    return templates.filter((t) => !q || t.name.toLowerCase().includes(q) || t.body.toLowerCase().includes(q));
  }, [templates, query]);

  function choose(t: ReplyTemplate | undefined): void {
    if (!t) return;
    setChosen(t);
    setText(fillTemplate(t.body, row, actor, slaWords));
  }

  function send(): void {
    if (!text.trim()) return setError('The reply is empty.');
    decide('reply', { note: text.trim(), ...(chosen?.id ? { templateId: chosen.id } : {}) });
    close();
  }

  return (
    <Dialog title="Reply" wide testId="reply-dialog">
      {!chosen ? (
        <>
          <input
            autoFocus
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, shown.length - 1));
              else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
              else if (e.key === 'Enter') {
                e.preventDefault();
                choose(shown[active]);
              } else return;
              e.preventDefault();
            }}
            placeholder="Find a template (↑ ↓ Enter)"
            aria-label="Find a template"
            data-testid="template-search"
          />
          <ul className="templates" role="listbox" aria-label="Templates">
            {shown.map((t, i) => (
              <li key={t.id} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined} onMouseDown={() => choose(t)}>
                <strong>{t.name}</strong>
                <div className="muted">{t.body}</div>
              </li>
            ))}
            {!shown.length ? <li className="muted">No template matches — write your own below.</li> : null}
          </ul>
          <button type="button" className="ghost" onClick={() => setChosen({ id: '', name: 'Blank', body: '' })}>
            Write without a template
          </button>
        </>
      ) : (
        <>
          <p className="muted">Make it personal before sending. {chosen.name !== 'Blank' ? `Template: ${chosen.name}.` : ''}</p>
          <textarea
            autoFocus
            rows={6}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                send();
              }
            }}
            aria-label="Reply text"
            data-testid="reply-text"
          />
          <div className="row">
            <button type="button" className="primary" onClick={send}>
              Record reply <Kbd combo="mod+enter" />
            </button>
            <button type="button" onClick={() => setChosen(null)}>
              Other template
            </button>
          </div>
        </>
      )}
      {error ? <p className="error">{error}</p> : null}
    </Dialog>
  );
}
