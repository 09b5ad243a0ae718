import type { DetectorVerdict, ItemDetection } from '@shared/model';
import { compact, span } from '../../components/format';
import { useStore } from '../../store';
import { ScoreBadge } from './ScoreBadge';
import { SureNote } from './SureNote';

const DETECTOR_TITLE = { spam: 'Spam', review: 'Fake review', author: 'Fake author' } as const;

/** What detection says of the item and why, in words a moderator can check against the text. */
export function DetectionPanel({ detection }: { detection: ItemDetection | null }) {
  const open = useStore((s) => s.open);
  if (!detection) return <p className="muted detection">Not scored yet.</p>;
  const verdicts = (['review', 'spam', 'author'] as const).filter((k) => detection[k]).map((k) => [k, detection[k]!] as const);
  const c = detection.campaign;
  return (
    <section className="detection" aria-label="Detection" data-testid="detection">
      <h3>
        Detection <ScoreBadge risk={detection.risk} />
      </h3>
      <ul className="verdicts">
        {verdicts.map(([k, v]) => (
          <Verdict key={k} title={DETECTOR_TITLE[k]} verdict={v} />
        ))}
      </ul>
      {detection.audit ? (
        <p className="audit" data-testid="follower-audit">
          {compact(detection.audit.followers)} followers, about {compact(detection.audit.adjustedReach)} genuine (
          {Math.round(detection.audit.fakeFollowerShare * 100)} % of known followers look fake)
        </p>
      ) : null}
      {c ? (
        <div className="campaign" data-testid="campaign">
          <p>
            <strong>Part of a campaign</strong> <ScoreBadge risk={c.score} />
            <SureNote sure={c.sure} />: {c.items.length.toLocaleString()} items from {c.accounts.length.toLocaleString()} accounts,{' '}
            {span(c.start, c.end)}.
          </p>
          <ul className="reasons">
            {c.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          <button type="button" onClick={() => open({ kind: 'campaign', campaign: c })} data-testid="open-campaign">
            Decide the whole campaign… <kbd>w</kbd>
          </button>
        </div>
      ) : null}
    </section>
  );
}

function Verdict({ title, verdict }: { title: string; verdict: DetectorVerdict }) {
  return (
    <li data-testid={`verdict-${title}`}>
      <span className="verdict-title">{title}</span> <ScoreBadge risk={verdict.score} />
      {verdict.source === 'model' ? <span className="muted"> (team model)</span> : null}
      <SureNote sure={verdict.sure} />
      {verdict.reasons.length ? <span className="reasons-inline">: {verdict.reasons.join('; ')}</span> : null}
    </li>
  );
}
