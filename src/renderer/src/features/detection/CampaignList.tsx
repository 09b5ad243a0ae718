import { useEffect, useRef, useState } from 'react';
import type { CampaignInfo } from '@shared/model';
import { call } from '../../api/client';
import { span } from '../../components/format';
import { useStore } from '../../store';
import { ScoreBadge } from './ScoreBadge';
import { UnsureMark } from './SureNote';
import { campaignTitle } from './CampaignDialog';

/** Campaigns read for the list: more than a moderator works through in a sitting. */
const LIMIT = 500;

/**
 * The Spam Waves queue one row per campaign: what it says, how many items wait, over what span
 * and why it is a campaign. ↓ / ↑ (or j / k) move between rows, Enter opens the campaign to
 * decide it whole.
 */
export function CampaignList() {
  const open = useStore((s) => s.open);
  const toast = useStore((s) => s.toast);
  // Re-read when the Spam Waves queue's waiting or total count moves (a decision on one of its
  // items, a scoring pass that brings a campaign), not after every decision elsewhere: a read
  // is up to LIMIT campaigns with their members.
  const epoch = useStore((s) => {
    const q = s.counts?.queues.find((c) => c.queue === 'spam-waves');
    return q ? `${q.open}/${q.total}` : '';
  });
  const [campaigns, setCampaigns] = useState<CampaignInfo[] | null>(null);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    let live = true;
    void call('campaigns.list', { limit: LIMIT }).then((r) => {
      if (!live) return;
      if (!r.ok) {
        toast('error', `The campaigns could not be read: ${r.error.message}`);
        return;
      }
      setCampaigns(r.value.campaigns.filter((c) => c.waiting > 0));
    });
    return () => {
      live = false;
    };
  }, [epoch, toast]);

  if (!campaigns) return <p className="muted">Reading the campaigns…</p>;
  if (!campaigns.length) return <p className="nothing">No campaign has items waiting.</p>;

  const move = (from: HTMLElement, by: 1 | -1) => {
    const rows = [...(list.current?.querySelectorAll<HTMLButtonElement>('button.campaign-row') ?? [])];
    rows[Math.max(0, Math.min(rows.length - 1, rows.indexOf(from as HTMLButtonElement) + by))]?.focus();
  };
  return (
    <ul className="campaign-list" ref={list} aria-label="Campaigns with items waiting" data-testid="campaign-list">
      {campaigns.map((c) => (
        <li key={c.id}>
          <button
            type="button"
            className="campaign-row"
            data-testid="campaign-row"
            onClick={() => open({ kind: 'campaign', campaign: c })}
            onKeyDown={(e) => {
              const by = e.key === 'ArrowDown' || e.key === 'j' ? 1 : e.key === 'ArrowUp' || e.key === 'k' ? -1 : 0;
              if (!by) return;
              // Taken here, before the window's keys move the item list.
              e.preventDefault();
              move(e.currentTarget, by);
            }}
          >
            <span className="campaign-row-title">
              {campaignTitle(c)} <ScoreBadge risk={c.score} />
              <UnsureMark level={c.sure.level} />
            </span>
            <span className="campaign-row-meta">
              {c.waiting.toLocaleString()} of {c.items.length.toLocaleString()} items waiting, from {c.accounts.length.toLocaleString()}{' '}
              accounts · {span(c.start, c.end)}
            </span>
            <span className="campaign-row-reasons">{c.reasons.slice(0, 2).join('; ')}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Items or campaigns: shown above the Spam Waves queue. */
export function CampaignToggle() {
  const byCampaign = useStore((s) => s.byCampaign);
  const setByCampaign = useStore((s) => s.setByCampaign);
  return (
    <div className="segmented" role="group" aria-label="Show the spam waves">
      <button type="button" aria-pressed={!byCampaign} onClick={() => setByCampaign(false)} data-testid="show-items">
        Items
      </button>
      <button type="button" aria-pressed={byCampaign} onClick={() => setByCampaign(true)} data-testid="show-campaigns">
        By campaign
      </button>
    </div>
  );
}
