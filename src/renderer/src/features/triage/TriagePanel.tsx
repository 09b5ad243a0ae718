import type { ClassifiedBy, ItemTriage } from '@shared/model';
import { compact } from '../../components/format';
import { Kbd } from '../../components/Kbd';
import { useStore } from '../../store';
import { languageName } from './languageName';

const TYPE_LABEL: Record<ItemTriage['type'], string> = {
  question: 'Question',
  complaint: 'Complaint',
  compliment: 'Compliment',
  other: 'Other',
  spam: 'Spam',
  fake: 'Fake',
};
const ACTION_LABEL: Record<ItemTriage['action'], string> = {
  reply: 'Reply',
  escalate: 'Escalate',
  'no-action': 'No action',
  remove: 'Remove',
};
const BY_LABEL: Record<ClassifiedBy, string> = { rules: 'rules', model: 'team model', moderator: 'moderator' };

function strength(score: number): string {
  const a = Math.abs(score);
  return a < 0.35 ? 'mild' : a < 0.75 ? 'clear' : 'strong';
}

/** The item's type, sentiment, action needed and language, each with who set it and why. */
export function TriagePanel({ triage }: { triage: ItemTriage | null }) {
  const typeKey = useStore((s) => s.keymap.cycleType[0]);
  const sentimentKey = useStore((s) => s.keymap.cycleSentiment[0]);
  if (!triage) return null;
  const t = triage;
  // A moderator's sentiment carries no figure of its own: the strength shown is the classifier's, when it agrees.
  const showStrength = t.sentiment !== 'neutral' && Math.sign(t.sentimentScore) === (t.sentiment === 'positive' ? 1 : -1);
  return (
    <section className="triage" aria-label="Classification" data-testid="triage">
      <h3>Classification</h3>
      <dl>
        <dt>Type</dt>
        <dd>
          <span className={`tag type-${t.type}`} data-testid="triage-type">
            {TYPE_LABEL[t.type]}
          </span>{' '}
          <span className="by" data-testid="triage-type-by">
            by {BY_LABEL[t.typeBy]}
          </span>
          <Reasons reasons={t.reasons.type} />
        </dd>
        <dt>Sentiment</dt>
        <dd>
          <span className={`tag sentiment-${t.sentiment}`} data-testid="triage-sentiment">
            {t.sentiment}
          </span>
          {showStrength ? (
            <span className="strength" data-testid="triage-strength">
              {' '}
              ({strength(t.sentimentScore)}, {t.sentimentScore.toFixed(2)})
            </span>
          ) : null}{' '}
          <span className="by" data-testid="triage-sentiment-by">
            by {BY_LABEL[t.sentimentBy]}
          </span>
          <Reasons reasons={t.reasons.sentiment} />
        </dd>
        <dt>Action needed</dt>
        <dd>
          <span className={`tag action-${t.action}`} data-testid="triage-action">
            {ACTION_LABEL[t.action]}
          </span>
          <Reasons reasons={t.reasons.action} />
        </dd>
        <dt>Influence</dt>
        <dd data-testid="triage-reach">{t.reach === null ? 'author unknown' : `about ${compact(t.reach)} genuine followers`}</dd>
        <dt>Language</dt>
        <dd data-testid="triage-language">{languageName(t.language)}</dd>
      </dl>
      {typeKey || sentimentKey ? (
        <p className="hint">
          {typeKey ? <>{<Kbd combo={typeKey} />} corrects the type</> : null}
          {typeKey && sentimentKey ? ', ' : null}
          {sentimentKey ? <>{<Kbd combo={sentimentKey} />} the sentiment</> : null}.
        </p>
      ) : null}
    </section>
  );
}

function Reasons({ reasons }: { reasons: string[] }) {
  if (!reasons.length) return null;
  return <span className="reasons muted"> — {reasons.join('; ')}</span>;
}
