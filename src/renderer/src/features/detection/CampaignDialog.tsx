import { useState } from 'react';
import type { CampaignInfo, DecisionAction } from '../../../../shared/model';
import { Dialog } from '../../components/Dialog';
import { ago, when } from '../../components/format';
import { useStore } from '../../store';

const CHOICES: { action: DecisionAction; title: string }[] = [
  { action: 'spam', title: 'Mark all spam' },
  { action: 'fake', title: 'Mark all authors fake' },
  { action: 'remove', title: 'Remove all' },
  { action: 'approve', title: 'Not a campaign: approve all' },
];

/** A campaign decided in one action: every waiting item in it, one transaction, one reason. */
export function CampaignDialog({ campaign }: { campaign: CampaignInfo }) {
  const decideCampaign = useStore((s) => s.decideCampaign);
  const close = useStore((s) => s.close);
  const toast = useStore((s) => s.toast);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  async function decide(action: DecisionAction): Promise<void> {
    if (busy) return;
    setBusy(true);
    const n = await decideCampaign(campaign.id, action, reason);
    setBusy(false);
    if (n === null) return;
    close();
    toast('success', n ? `Campaign decided: ${n.toLocaleString()} waiting items marked ${action}.` : 'Every item of this campaign was already decided.');
  }

  return (
    <Dialog title={`Campaign ${campaign.id}`} wide testId="campaign-dialog">
      <p>
        {campaign.items.length.toLocaleString()} items from {campaign.accounts.length.toLocaleString()} accounts,{' '}
        <span title={`${when(campaign.start)} – ${when(campaign.end)}`}>
          {ago(campaign.start)} to {ago(campaign.end)}
        </span>
        .
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
        <p className="accounts-list">{campaign.accounts.slice(0, 500).join(', ')}{campaign.accounts.length > 500 ? ' …' : ''}</p>
      </details>
      <label>
        Reason (recorded with every decision)
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={`campaign ${campaign.id}`}
          data-testid="campaign-reason"
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.preventDefault();
          }}
        />
      </label>
      <div className="row" role="group" aria-label="Decide every waiting item">
        {CHOICES.map((c) => (
          <button
            key={c.action}
            type="button"
            className={c.action === 'approve' ? '' : 'primary'}
            disabled={busy}
            onClick={() => void decide(c.action)}
            data-testid={`campaign-${c.action}`}
          >
            {c.title}
          </button>
        ))}
      </div>
    </Dialog>
  );
}
