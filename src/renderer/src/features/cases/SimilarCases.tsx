import { useEffect, useState } from 'react';
import type { SimilarCase } from '@shared/similar';
import { call } from '../../api/client';
import { ago, when } from '../../components/format';
import { useStore } from '../../store';

const MATCH_LABEL: Record<SimilarCase['match'], string> = {
  exact: 'same wording',
  'near-duplicate': 'nearly the same text',
  words: 'shares distinctive words',
};

/** Long texts are cut for the panel; the whole case is one link away. */
const clip = (s: string, n = 280) => (s.length > n ? `${s.slice(0, n)}…` : s);

/**
 * "How did we answer this before?": resolved cases like this item's, each with its first
 * message, its outcome and the replies the team sent. Customer text and replies are hostile
 * content: text nodes only.
 */
export function SimilarCases({ itemId }: { itemId: number }) {
  const openItem = useStore((s) => s.openItem);
  const [state, setState] = useState<{ itemId: number; cases: SimilarCase[]; error: string | null } | null>(null);
  useEffect(() => {
    let live = true;
    void call('case.similar', { itemId }).then((r) => {
      if (live) setState({ itemId, cases: r.ok ? r.value.cases : [], error: r.ok ? null : r.error.message });
    });
    // The moderator may have moved on meanwhile: only this item's answer counts.
    return () => {
      live = false;
    };
  }, [itemId]);
  const s = state?.itemId === itemId ? state : null;
  return (
    <section
      className="card similar-cases"
      aria-label="How did we answer this before?"
      data-testid="similar-cases"
      data-loaded={s ? 'true' : 'false'}
    >
      <h3>How did we answer this before?</h3>
      {!s ? <p className="muted">Looking for resolved cases like this one…</p> : null}
      {s?.error ? <p className="error">{s.error}</p> : null}
      {s && !s.error && !s.cases.length ? <p className="muted">No resolved case like this one yet.</p> : null}
      {s?.cases.length ? (
        <ol className="similar-list">
          {s.cases.map((c) => (
            <li key={c.rootItemId} data-testid="similar-case" data-root={c.rootItemId} data-match={c.match}>
              <p className="similar-head">
                <button
                  type="button"
                  className="link similar-open"
                  onClick={() => void openItem(c.rootItemId)}
                  aria-label={`Open the case: ${clip(c.firstMessage.text, 80)}`}
                  data-testid="similar-open"
                >
                  Open case
                </button>{' '}
                <span className="badge">{c.outcome ?? 'resolved'}</span> <span className="muted">{MATCH_LABEL[c.match]}</span>
                {c.resolvedAt ? (
                  <span className="muted" title={when(c.resolvedAt)}>
                    {' '}
                    · resolved {ago(c.resolvedAt)}
                    {c.owner ? ` by ${c.owner}` : ''}
                  </span>
                ) : null}
              </p>
              <blockquote
                className="similar-message"
                data-testid="similar-message"
                title="Open the case"
                onClick={() => void openItem(c.rootItemId)}
              >
                {clip(c.firstMessage.text)}
              </blockquote>
              {c.replies.length ? (
                <ul className="similar-replies">
                  {c.replies.map((r, i) => (
                    <li key={`${r.at}-${i}`} data-testid="similar-reply">
                      <span className="author">{r.actor}</span> replied: {clip(r.text, 600)}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">Resolved without a reply on record.</p>
              )}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
