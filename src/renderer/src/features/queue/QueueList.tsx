import { flexRender, tableFeatures, useTable, type ColumnDef, type Row } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef } from 'react';
import type { QueueRow } from '@shared/model';
import { ago, compact, KIND_LABEL, stars } from '../../components/format';
import { useStore } from '../../store';
import { ScoreBadge } from '../detection/ScoreBadge';
import { UnsureMark } from '../detection/SureNote';
import { SlaBadge } from '../sla/SlaBadge';
import { useSlotWindow } from './slotWindow';
import { holderOf } from './holder';

export const ROW_HEIGHT = 44;

const features = tableFeatures({});

// Columns say what a row shows; the virtualizer says which rows exist in the DOM.
const columns: ColumnDef<typeof features, QueueRow>[] = [
  {
    id: 'kind',
    header: 'Kind',
    accessorFn: (r) => r.kind,
    cell: (info) => <span className={`kind kind-${info.row.original.kind}`}>{KIND_LABEL[info.row.original.kind]}</span>,
  },
  {
    id: 'author',
    header: 'Author',
    accessorFn: (r) => r.authorHandle,
    cell: (info) => {
      const r = info.row.original;
      return (
        <span className="author" title={r.authorName ?? undefined}>
          {r.authorHandle ? `@${r.authorHandle}` : 'unknown'}
          <small>{compact(r.authorFollowers)}</small>
        </span>
      );
    },
  },
  {
    id: 'text',
    header: 'Content',
    accessorFn: (r) => r.text,
    cell: (info) => {
      const r = info.row.original;
      return (
        <span className="snippet">
          {r.rating ? <span className="stars">{stars(r.rating)} </span> : null}
          {r.text.length > 300 ? `${r.text.slice(0, 300)}…` : r.text}
        </span>
      );
    },
  },
  {
    id: 'target',
    header: 'About',
    accessorFn: (r) => r.target,
    cell: (info) => <span className="target">{info.row.original.target ?? ''}</span>,
  },
  {
    id: 'score',
    header: 'Score',
    accessorFn: (r) => r.risk,
    // Only scores worth a look are shown: a column of low numbers is noise.
    // A score the detector is not sure of carries a small mark (its words are in the item's detection).
    cell: (info) =>
      info.row.original.risk >= 0.5 ? (
        <>
          <ScoreBadge risk={info.row.original.risk} />
          <UnsureMark level={info.row.original.riskSure} />
        </>
      ) : null,
  },
  {
    id: 'due',
    header: 'Due',
    accessorFn: (r) => r.slaDue,
    // Waiting items only: a decided item's due no longer counts.
    cell: (info) =>
      info.row.original.status === 'new' || info.row.original.status === 'escalated' ? <SlaBadge due={info.row.original.slaDue} /> : null,
  },
  {
    id: 'age',
    header: 'Age',
    accessorFn: (r) => r.createdAt,
    cell: (info) => <span className="age">{ago(info.row.original.createdAt)}</span>,
  },
];

interface RowViewProps {
  row: Row<typeof features, QueueRow>;
  index: number;
  top: number;
  current: boolean;
  selected: boolean;
  blurred: boolean;
  onPick(index: number): void;
}

const RowView = memo(function RowView({ row, index, top, current, selected, blurred, onPick }: RowViewProps) {
  const r = row.original;
  const cls = ['qrow', current && 'current', selected && 'selected', blurred && 'blurred', r.status !== 'new' && `status-${r.status}`]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      role="row"
      aria-selected={current}
      aria-rowindex={index + 1}
      className={cls}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      data-index={index}
      data-item-id={r.id}
      onMouseDown={() => onPick(index)}
    >
      <span className="mark" aria-label={selected ? 'selected' : undefined}>
        {selected ? '●' : ''}
      </span>
      {row.getAllCells().map((cell) => (
        <div role="gridcell" key={cell.id} className={`cell cell-${cell.column.id}`}>
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </div>
      ))}
      {holderOf(r) ? (
        <span className="assignee" title={`Held by ${r.assignee}`} data-testid="row-holder">
          {r.assignee}
        </span>
      ) : null}
    </div>
  );
}, sameRow);

/** The table hands out new row objects on every render; what matters is the item under them. */
function sameRow(a: RowViewProps, b: RowViewProps): boolean {
  return (
    a.row.original === b.row.original &&
    a.index === b.index &&
    a.top === b.top &&
    a.current === b.current &&
    a.selected === b.selected &&
    a.blurred === b.blurred &&
    a.onPick === b.onPick
  );
}

export function QueueList() {
  const total = useStore((s) => s.total);
  const win = useStore((s) => s.win);
  const gen = useStore((s) => s.gen);
  const cursor = useStore((s) => s.cursor);
  const selection = useStore((s) => s.selection);
  const blurred = useStore((s) => s.blurMedia);
  const ensureRange = useStore((s) => s.ensureRange);
  const setCursor = useStore((s) => s.setCursor);
  const parentRef = useRef<HTMLDivElement>(null);

  const count = total ?? win.start + win.rows.length;
  const filter = useStore((s) => s.filter);
  const scrollElement = useCallback(() => parentRef.current, []);
  const { slots, base } = useSlotWindow(count, cursor, filter, ROW_HEIGHT, scrollElement);
  const virtualizer = useVirtualizer({
    count: slots,
    getScrollElement: scrollElement,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const first = base + (virtualItems[0]?.index ?? 0);
  const last = base + (virtualItems[virtualItems.length - 1]?.index ?? 0);

  // Fetch what is about to be on screen (and a little more) whenever the view or the list moves.
  useEffect(() => {
    if (count > 0) ensureRange(first, Math.max(last, cursor));
  }, [first, last, cursor, count, gen, ensureRange]);

  // The current item stays in view as the keyboard moves it. When it is in view already (as
  // after a decision, where the next row moves up into place) nothing is asked of the
  // virtualizer: scrolling reads the list's layout, which would cost the frame a reflow.
  const followed = useRef({ cursor: -1, count: -1 });
  useEffect(() => {
    if (count <= 0) return;
    // The window moving under a scrolling mouse is no reason to bring the cursor back.
    if (followed.current.cursor === cursor && followed.current.count === count) return;
    followed.current = { cursor, count };
    const slot = Math.min(cursor, count - 1) - base;
    const top = slot * ROW_HEIGHT;
    const offset = virtualizer.scrollOffset ?? 0;
    const height = virtualizer.scrollRect?.height ?? 0;
    if (height > 0 && top >= offset && top + ROW_HEIGHT <= offset + height) return;
    virtualizer.scrollToIndex(slot, { align: 'auto' });
  }, [cursor, count, base, virtualizer]);

  const data = useMemo(() => {
    const out: QueueRow[] = [];
    for (const v of virtualItems) {
      const r = win.rows[base + v.index - win.start];
      if (r) out.push(r);
    }
    return out;
    // virtualItems changes identity on every scroll frame; first/last capture what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [win, first, last, base]);

  const table = useTable({ features, columns, data, getRowId: (r) => String(r.id) });
  const byId = new Map(table.getRowModel().rows.map((r) => [r.original.id, r]));

  return (
    <div
      className="qlist"
      role="grid"
      aria-rowcount={count}
      aria-label="Queue"
      data-testid="queue-list"
      data-cursor={cursor}
      data-total={count}
    >
      <div className="qhead" role="row">
        <span className="mark" />
        {table.getHeaderGroups()[0]!.headers.map((h) => (
          <div key={h.id} role="columnheader" className={`cell cell-${h.column.id}`}>
            {String(h.column.columnDef.header ?? '')}
          </div>
        ))}
      </div>
      <div ref={parentRef} className="qscroll" role="rowgroup" tabIndex={0}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualItems.map((v) => {
            const index = base + v.index;
            // Slots past the end (rows just decided away) stay empty until the list settles.
            if (index >= count) return null;
            const item = win.rows[index - win.start];
            const row = item ? byId.get(item.id) : undefined;
            if (!item || !row) {
              return (
                <div key={`p${index}`} className="qrow placeholder" style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }} />
              );
            }
            return (
              <RowView
                key={item.id}
                row={row}
                index={index}
                top={v.start}
                current={index === cursor}
                selected={selection.has(item.id)}
                blurred={blurred}
                onPick={setCursor}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
