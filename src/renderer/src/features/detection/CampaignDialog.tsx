import { useCallback, useEffect, useState } from 'react';
import type { CampaignInfo, DecisionAction } from '@shared/model';
import { Dialog } from '../../components/Dialog';
import { Kbd } from '../../components/Kbd';
import { span, textStart, when } from '../../components/format';
import { useStore } from '../../store';
import { comboOf } from '../keyboard/keymap';

/** The campaign's actions, each on the key of the same decision for one item. */
const CHOICES: { action: DecisionAction; title: string; key: string; tone: 'danger' | 'neutral' }[] = [
  { action: 'spam', title: 'Mark all spam', key: 's', tone: 'danger' },
  { action: 'fake', title: 'Mark all authors fake', key: 'f', tone: 'danger' },
  { action: 'remove', title: 'Remove all', key: 'r', tone: 'danger' },
  { action: 'approve', title: 'Not a campaign: approve all', key: 'a', tone: 'neutral' },
];

/** A name a person can tell campaigns apart by: what they say, not an internal id. */
export function campaignTitle(c: CampaignInfo): string {
  if (c.kind === 'review-ring') return `Review ring: ${c.accounts.length.toLocaleString()} accounts reviewing together`;
  return `Campaign of ${c.items.length.toLocaleString()} posts: “${textStart(c.examples[0] ?? '', 50)}”`;
}

/** A campaign decided in one action: every waiting item in it, one transaction, one reason. */
export function CampaignDialog({ campaign }: { campaign: CampaignInfo }) {
  const decideCampaign = useStore((s) => s.decideCampaign);
  const close = useStore((s) => s.close);
  const toast = useStore((s) => s.toast);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const decide = useCallback(
    async (action: DecisionAction): Promise<void> => {
      if (busy) return;
      setBusy(true);
      const n = await decideCampaign(campaign.id, action, reason);
      setBusy(false);
      if (n === null) return;
      close();
      toast(
        'success',
        n ? `Campaign decided: ${n.toLocaleString()} waiting items marked ${action}.` : 'Every item of this campaign was already decided.',
      );
    },
    [busy, campaign.id, close, decideCampaign, reason, toast],
  );

  // One key decides, as on the list, except while the reason is being typed.
  useEffect(() => {
    function onKey(e: KeyboardEvent): void {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA')) return;
      const choice = CHOICES.find((c) => c.key === comboOf(e));
      if (!choice) return;
      e.preventDefault();
      void decide(choice.action);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [decide]);

  return (
    <Dialog title={campaignTitle(campaign)} wide testId="campaign-dialog" focusSelf>
      <p data-testid="campaign-summary">
        {campaign.items.length.toLocaleString()} items from {campaign.accounts.length.toLocaleString()} accounts,{' '}
        <span title={`${when(campaign.start)} – ${when(campaign.end)}`}>{span(campaign.start, campaign.end)}</span>.
      </p>
      <ul className="reasons">
        {campaign.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <h3>Examples</h3>
      {/* Hostile content: text nodes only. */}
      <ul className="examples" data-testid="campaign-examples">
        {campaign.examples.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
      <details>
        <summary>Accounts ({campaign.accounts.length.toLocaleString()})</summary>
        <p className="accounts-list">
          {campaign.accounts.slice(0, 500).join(', ')}
          {campaign.accounts.length > 500 ? ' …' : ''}
        </p>
      </details>
      <label>
        Reason (recorded with every decision)
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="why, for the record (optional)"
          data-testid="campaign-reason"
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.preventDefault();
          }}
        />
      </label>
      <div className="row campaign-actions" role="group" aria-label="Decide every waiting item">
        {CHOICES.map((c) => (
          <button
            key={c.action}
            type="button"
            className={c.tone === 'danger' ? 'danger' : ''}
            disabled={busy}
            onClick={() => void decide(c.action)}
            data-testid={`campaign-${c.action}`}
            aria-keyshortcuts={c.key}
          >
            {c.title} <Kbd combo={c.key} />
          </button>
        ))}
      </div>
      <p className="muted">A key decides while the reason field is not being typed in; Esc closes without deciding.</p>
    </Dialog>
  );
}
