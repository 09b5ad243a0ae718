import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReplyTemplate } from '@shared/model';
import { indexTemplates, searchTemplates } from '@shared/template-search';
import { KINDS_NEEDING_REASON, type ReplyCheckHit } from '@shared/templates';
import { call } from '../../api/client';
import { onListKey, onModEnter } from '../../components/form-keys';
import { Dialog } from '../../components/Dialog';
import { Kbd } from '../../components/Kbd';
import { useStore } from '../../store';
import { fillTemplate } from './fillTemplate';
import { useSlaWords } from '../sla/SlaPanel';

const BLANK: ReplyTemplate = { id: '', name: 'Blank', body: '', kind: 'reply', reason: null, tags: [], updatedAt: null, updatedBy: null };

const KIND_LABEL: Record<ReplyTemplate['kind'], string> = {
  reply: '',
  'contact-request': 'asks for contact details',
  'private-channel': 'moves to a private channel',
};

/**
 * Pick a template from the keyboard, make it personal, send. Core refuses a reply that is
 * still the bare template or what many customers got today; the dialog asks first, shows
 * why, and offers an override with a reason. Vigil records the reply; a connector posts it.
 */
export function ReplyDialog() {
  const row = useStore((s) => s.currentRow());
  const actor = useStore((s) => s.actor);
  const caseRef = useStore((s) => s.currentCase?.ref ?? null);
  const decide = useStore((s) => s.decide);
  const close = useStore((s) => s.close);
  const [templates, setTemplates] = useState<ReplyTemplate[] | null>(null);
  // Enter pressed before the templates arrived (a fast typist): taken as soon as they do.
  const enterEarly = useRef(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [chosen, setChosen] = useState<ReplyTemplate | null>(null);
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [hits, setHits] = useState<ReplyCheckHit[]>([]);
  const [override, setOverride] = useState('');
  const [error, setError] = useState<string | null>(null);
  // {backAt} and {hours}, for the out-of-hours answer.
  const slaWords = useSlaWords(row?.id);

  useEffect(() => {
    void call('templates.list', {}).then((r) => (r.ok ? setTemplates(r.value.templates) : setError(r.error.message)));
  }, []);

  const index = useMemo(() => indexTemplates(templates ?? []), [templates]);
  const shown = useMemo(() => searchTemplates(index, query), [index, query]);
  const needsReason = chosen ? KINDS_NEEDING_REASON.has(chosen.kind) : false;

  useEffect(() => {
    if (!templates || !enterEarly.current) return;
    enterEarly.current = false;
    choose(shown[active]);
    // Only the templates' arrival matters here; `shown` and `active` are read as they are then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [templates]);

  function choose(t: ReplyTemplate | undefined): void {
    if (!t) return;
    setChosen(t);
    setReason(t.reason ?? '');
    setHits([]);
    setText(fillTemplate(t.body, row, actor, { ...slaWords, caseRef }));
  }

  async function send(): Promise<void> {
    const note = text.trim();
    if (!note) return setError('The reply is empty.');
    if (!row) return;
    if (needsReason && reason.trim().length < 3) return setError('Say why the customer is asked (the reason is recorded with the reply).');
    const overriding = hits.length > 0 && override.trim().length >= 3;
    if (!overriding) {
      const r = await call('reply.check', { itemId: row.id, text: note, ...(chosen?.id ? { templateId: chosen.id } : {}) });
      if (!r.ok) return setError(r.error.message);
      setHits(r.value.hits);
      if (r.value.hits.length) return setError(null);
    }
    decide('reply', {
      note,
      ...(chosen?.id ? { templateId: chosen.id } : {}),
      ...(needsReason ? { reason: reason.trim() } : {}),
      ...(overriding ? { override: { reason: override.trim() } } : {}),
    });
    close();
  }

  const sendKeys = (e: React.KeyboardEvent) => onModEnter(e, () => void send());

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
            onKeyDown={(e) =>
              onListKey(e, {
                active,
                count: shown.length,
                move: setActive,
                enter: (i) => (templates ? choose(shown[i]) : (enterEarly.current = true)),
              })
            }
            placeholder="Find a template by name, tag or words (↑ ↓ Enter)"
            aria-label="Find a template"
            data-testid="template-search"
          />
          <ul className="templates" role="listbox" aria-label="Templates" tabIndex={0}>
            {shown.map((t, i) => (
              <li
                key={t.id}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onMouseDown={() => choose(t)}
              >
                <strong>{t.name}</strong>
                {t.kind !== 'reply' ? <span className="muted"> — {KIND_LABEL[t.kind]}</span> : null}
                <div className="muted">{t.body}</div>
              </li>
            ))}
            {!shown.length ? <li className="muted">No template matches — write your own below.</li> : null}
          </ul>
          <button type="button" className="ghost" onClick={() => choose(BLANK)}>
            Write without a template
          </button>
        </>
      ) : (
        <>
          <p className="muted">Make it personal before sending. {chosen.id ? `Template: ${chosen.name}.` : ''}</p>
          <textarea
            autoFocus
            rows={6}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setHits([]);
              setError(null);
            }}
            onKeyDown={sendKeys}
            aria-label="Reply text"
            data-testid="reply-text"
          />
          {needsReason ? (
            <label>
              Why we ask ({KIND_LABEL[chosen.kind]})
              <input
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                onKeyDown={sendKeys}
                aria-label="Why we ask"
                data-testid="reply-reason"
              />
            </label>
          ) : null}
          {hits.length ? (
            <div className="error" role="alert" data-testid="reply-check">
              {hits.map((h) => (
                <p key={h.check}>{h.message}</p>
              ))}
              <label>
                Send anyway because… (recorded for supervisors)
                <input
                  value={override}
                  onChange={(e) => setOverride(e.target.value)}
                  onKeyDown={sendKeys}
                  aria-label="Override reason"
                  data-testid="reply-override"
                />
              </label>
            </div>
          ) : null}
          <div className="row">
            <button type="button" className="primary" onClick={() => void send()}>
              {hits.length && override.trim().length >= 3 ? 'Record anyway' : 'Record reply'} <Kbd combo="mod+enter" />
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
