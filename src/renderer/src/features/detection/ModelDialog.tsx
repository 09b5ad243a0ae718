import { useEffect } from 'react';
import type { Metrics, ModelInfo, ModelKind, ModelKindStatus } from '../../../../shared/model';
import { Dialog } from '../../components/Dialog';
import { ago } from '../../components/format';
import { ProgressBar } from '../../components/ProgressBar';
import { useStore } from '../../store';

const KIND_TITLE: Record<ModelKind, string> = { spam: 'Spam', reviews: 'Fake reviews', accounts: 'Fake accounts', sentiment: 'Sentiment' };
const POSITIVE: Record<ModelKind, string> = { spam: 'spam', reviews: 'spam or fake', accounts: 'fake', sentiment: 'corrected to positive' };
/** What the other class of labels is, per kind. */
const NEGATIVE: Record<ModelKind, string> = {
  spam: 'approved or answered', reviews: 'approved or answered', accounts: 'approved or answered', sentiment: 'corrected to negative',
};
const FIGURES: [keyof Metrics, string][] = [
  ['f1', 'F1'],
  ['mcc', 'MCC'],
  ['precision', 'Precision'],
  ['recall', 'Recall'],
  ['accuracy', 'Accuracy'],
];

/** The team's own models: train on decisions, compare with the rules, switch on, roll back. */
export function ModelDialog() {
  const models = useStore((s) => s.models);
  const loadModels = useStore((s) => s.loadModels);
  useEffect(() => {
    void loadModels();
  }, [loadModels]);
  return (
    <Dialog title="Team models" wide testId="model-dialog">
      <p className="muted">
        A model learns from the team’s decisions. Its quality is measured by 5-fold cross-validation on those decisions, next to the built-in rules on the same
        ones, before anyone switches it on.
      </p>
      {models ? models.map((k) => <KindCard key={k.kind} status={k} />) : <p>Loading…</p>}
    </Dialog>
  );
}

function KindCard({ status }: { status: ModelKindStatus }) {
  const train = useStore((s) => s.trainModel);
  const switchModel = useStore((s) => s.switchModel);
  const rollback = useStore((s) => s.rollbackModel);
  const { kind, labels, needed, training } = status;
  const active = status.models.find((m) => m.active);
  const latest = status.models[0];
  const enough = labels.positive >= needed && labels.negative >= needed;
  const busy = training?.phase === 'training';
  return (
    <section className="model-kind" data-testid={`model-${kind}`}>
      <h3>
        {KIND_TITLE[kind]}: <span data-testid="model-in-use">{active ? `model ${active.id} in use` : 'built-in rules in use'}</span>
      </h3>
      <p>
        Decisions to learn from: {labels.positive.toLocaleString()} {POSITIVE[kind]}, {labels.negative.toLocaleString()} {NEGATIVE[kind]}
        {enough ? '' : ` (at least ${needed} of each are needed)`}.
      </p>
      {training ? (
        <div className={`training training-${training.phase}`} data-testid="training" data-phase={training.phase}>
          <span>{training.message}</span>
          {busy ? <ProgressBar value={training.progress} max={1} label={`Training the ${kind} model`} /> : null}
        </div>
      ) : null}
      {latest ? <Comparison model={latest} /> : null}
      <div className="row">
        <button type="button" disabled={!enough || busy} onClick={() => void train(kind)} data-testid="train">
          Train on team decisions
        </button>
        {latest && !latest.active ? (
          <button type="button" className="primary" disabled={busy} onClick={() => void switchModel(kind, latest.id)} data-testid="switch-on">
            Switch on model {latest.id}
          </button>
        ) : null}
        {status.rollbackTo !== undefined ? (
          <button type="button" onClick={() => void rollback(kind)} data-testid="rollback">
            Roll back to {status.rollbackTo === null ? 'the built-in rules' : `model ${status.rollbackTo}`}
          </button>
        ) : null}
      </div>
    </section>
  );
}

function Comparison({ model }: { model: ModelInfo }) {
  return (
    <table className="metrics" data-testid="model-metrics">
      <caption>
        Model {model.id}, trained {ago(model.createdAt)} by {model.createdBy} on {(model.positives + model.negatives).toLocaleString()} decisions
      </caption>
      <thead>
        <tr>
          <th scope="col" />
          {FIGURES.map(([, title]) => (
            <th key={title} scope="col">
              {title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr data-testid="metrics-model">
          <th scope="row">This model (cross-validated)</th>
          {FIGURES.map(([k]) => (
            <td key={k}>{model.cv[k].toFixed(2)}</td>
          ))}
        </tr>
        <tr data-testid="metrics-rules">
          <th scope="row">Built-in rules</th>
          {FIGURES.map(([k]) => (
            <td key={k}>{model.rules[k].toFixed(2)}</td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}
