import { useEffect } from 'react';
import type { ItemDetail, QueueRow } from '@shared/model';
import { ago, KIND_LABEL, QUEUE_LABEL, STATUS_LABEL, stars, when } from '../../components/format';
import { useStore } from '../../store';
import { afterPaint } from '../../store/afterPaint';
import { DetectionPanel } from '../detection/DetectionPanel';
import { RoutingNote } from '../rules/RoutingNote';
import { TriagePanel } from '../triage/TriagePanel';
import { CasePanel } from '../cases/CasePanel';
import { SimilarCases } from '../cases/SimilarCases';
import { AuthorCard } from './AuthorCard';
import { History } from './History';
import { ThreadView } from './ThreadView';
import { holderOf } from '../queue/holder';
import { SlaPanel } from '../sla/SlaPanel';
import { DETAIL_PANE_ID } from './scrollDetail';

/** How many items ahead of the cursor get their details fetched before they are shown. */
const PREFETCH = 2;

export function DetailPane() {
  const cursor = useStore((s) => s.cursor);
  const row = useStore((s) => s.rowAt(s.cursor));
  const nextIds = useStore((s) => {
    const ids: number[] = [];
    for (let i = 1; i <= PREFETCH; i++) {
      const r = s.rowAt(s.cursor + i);
      if (r) ids.push(r.id);
    }
    return ids.join(',');
  });
  const detail = useStore((s) => (row ? s.details.get(row.id) : undefined));
  const detailError = useStore((s) => s.detailError);
  const blurred = useStore((s) => s.blurMedia);
  const loadDetail = useStore((s) => s.loadDetail);
  const total = useStore((s) => s.total);

  useEffect(() => {
    // After the paint: the row already shows the item; its details fill in a frame later.
    let live = true;
    void afterPaint().then(() => {
      if (!live) return;
      if (row) loadDetail(row.id);
      for (const id of nextIds ? nextIds.split(',') : []) loadDetail(Number(id));
    });
    return () => {
      live = false;
    };
  }, [row, nextIds, loadDetail]);

  if (!row) {
    return (
      <section className="detail empty" data-testid="detail" data-item-id="">
        <p>{total === 0 ? 'Nothing to show.' : total === null ? 'Loading…' : 'Loading the item…'}</p>
      </section>
    );
  }
  const error = detailError?.itemId === row.id ? detailError.message : null;
  return (
    <section
      className="detail"
      id={DETAIL_PANE_ID}
      data-testid="detail"
      data-item-id={row.id}
      data-index={cursor}
      aria-label="Item"
      tabIndex={0}
    >
      <ItemHeader row={row} />
      {row.kind === 'review' ? (
        <p className="review-meta">
          <span className="stars" aria-label={`${row.rating} of 5 stars`}>
            {stars(row.rating)}
          </span>{' '}
          review of <strong>{row.target ?? 'an unnamed target'}</strong>
        </p>
      ) : row.target ? (
        <p className="review-meta">
          About <strong>{row.target}</strong>
        </p>
      ) : null}
      {/* Content is hostile: it is only ever a text node, never parsed as HTML. */}
      <div className={blurred ? 'content blurred' : 'content'} data-testid="content">
        {detail?.item.text ?? row.text}
      </div>
      {blurred ? <p className="hint">Content blurred — press b to show it.</p> : null}
      <Links detail={detail} />
      {error ? <p className="error">{error}</p> : null}
      {/* First what a moderator decides on: the scores with their reasons, the campaign, the author. */}
      {detail ? (
        <>
          <DetectionPanel detection={detail.detection} />
          <AuthorCard author={detail.author} />
        </>
      ) : (
        <p className="muted">Loading detection, author and history…</p>
      )}
      {/* Then the case work, below the fold: ] and [ jump between these parts, PageDown and Space scroll. */}
      <SlaPanel itemId={row.id} version={row.version} />
      {detail ? (
        <>
          <RoutingNote routing={detail.routing} />
          <TriagePanel triage={detail.triage} />
          <CasePanel itemId={row.id} />
          <SimilarCases itemId={row.id} />
          <ThreadView thread={detail.thread} currentId={row.id} blurred={blurred} />
          <History events={detail.events} />
        </>
      ) : null}
    </section>
  );
}

function ItemHeader({ row }: { row: QueueRow }) {
  return (
    <header className="item-head">
      <span className={`kind kind-${row.kind}`}>{KIND_LABEL[row.kind]}</span>
      <span className="platform">on {row.platform}</span>
      <span className={`status status-${row.status}`} data-testid="item-status">
        {STATUS_LABEL[row.status]}
      </span>
      <span className="queue-name">in {QUEUE_LABEL[row.queue] ?? row.queue}</span>
      <time dateTime={row.createdAt ? new Date(row.createdAt).toISOString() : undefined} title={when(row.createdAt)}>
        {ago(row.createdAt)}
      </time>
      {holderOf(row) ? (
        <span className="claimed" data-testid="item-holder">
          Held by {row.assignee}
          {row.claimUntil ? ` until ${new Date(row.claimUntil).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}` : ''}
        </span>
      ) : null}
      {row.labels.length ? (
        <span className="labels" data-testid="item-labels">
          {row.labels.map((l) => (
            <span key={l} className="label">
              {l}
            </span>
          ))}
        </span>
      ) : null}
    </header>
  );
}

/** Links are shown, never followed: opening one asks first, and it opens outside Vigil. */
function Links({ detail }: { detail: ItemDetail | undefined }) {
  const open = useStore((s) => s.open);
  const url = detail?.item.url;
  if (!url) return null;
  return (
    <p className="links">
      Source: <code>{url}</code>{' '}
      <button type="button" className="ghost" onClick={() => open({ kind: 'link', url })}>
        Open outside Vigil…
      </button>
    </p>
  );
}
