import { useEffect } from 'react';
import type { Metrics, ModelInfo, ModelKind, ModelKindStatus } from '@shared/model';
import { Dialog } from '../../components/Dialog';
import { ago } from '../../components/format';
import { ProgressBar } from '../../components/ProgressBar';
import { useStore } from '../../store';

const KIND_TITLE: Record<ModelKind, string> = {
  spam: 'Spam',
  reviews: 'Fake reviews',
  accounts: 'Fake accounts',
  sentiment: 'Sentiment',
  type: 'Type',
};
type BinaryKind = Exclude<ModelKind, 'type'>;
const POSITIVE: Record<BinaryKind, string> = {
  spam: 'spam',
  reviews: 'spam or fake',
  accounts: 'fake',
  sentiment: 'corrected to positive',
};
/** What the other class of labels is, per kind. */
const NEGATIVE: Record<BinaryKind, string> = {
  spam: 'approved or answered',
  reviews: 'approved or answered',
  accounts: 'approved or answered',
  sentiment: 'corrected to negative',
};
type Figure = Exclude<keyof Metrics, 'perClass'>;
const FIGURES: [Figure, string][] = [
  ['f1', 'F1'],
  ['mcc', 'MCC'],
  ['precision', 'Precision'],
  ['recall', 'Recall'],
  ['accuracy', 'Accuracy'],
];
/** The multi-class kind: averages over the classes, each against the rest. */
const CLASS_FIGURES: [Figure, string][] = [
  ['f1', 'Macro-F1'],
  ['accuracy', 'Accuracy'],
  ['mcc', 'MCC'],
  ['precision', 'Macro precision'],
  ['recall', 'Macro recall'],
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
        A model learns from the team’s decisions. Its quality is measured by 5-fold cross-validation on those decisions, next to the
        built-in rules on the same ones, before anyone switches it on.
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
  const enough = status.classes ? status.classes.every((c) => c.n >= needed) : labels.positive >= needed && labels.negative >= needed;
  const busy = training?.phase === 'training';
  return (
    <section className="model-kind" data-testid={`model-${kind}`}>
      <h3>
        {KIND_TITLE[kind]}: <span data-testid="model-in-use">{active ? `model ${active.id} in use` : 'built-in rules in use'}</span>
      </h3>
      {kind === 'type' ? (
        <p data-testid="model-labels">
          Messages to learn from (corrected with a key, or answered or escalated as typed):{' '}
          {(status.classes ?? []).map((c) => `${c.n.toLocaleString()} ${c.label}`).join(', ')}
          {enough ? '' : ` (at least ${needed} of each type are needed)`}.
        </p>
      ) : (
        <p data-testid="model-labels">
          Decisions to learn from: {labels.positive.toLocaleString()} {POSITIVE[kind]}, {labels.negative.toLocaleString()} {NEGATIVE[kind]}
          {enough ? '' : ` (at least ${needed} of each are needed)`}.
        </p>
      )}
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
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void switchModel(kind, latest.id)}
            data-testid="switch-on"
          >
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
  const figures = model.cv.perClass ? CLASS_FIGURES : FIGURES;
  const n = model.positives + model.negatives;
  return (
    <>
      <table className="metrics" data-testid="model-metrics">
        <caption>
          Model {model.id}, trained {ago(model.createdAt)} by {model.createdBy} on {n.toLocaleString()}{' '}
          {model.kind === 'type' ? 'typed messages' : 'decisions'}
        </caption>
        <thead>
          <tr>
            <th scope="col" />
            {figures.map(([, title]) => (
              <th key={title} scope="col">
                {title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr data-testid="metrics-model">
            <th scope="row">This model (cross-validated)</th>
            {figures.map(([k]) => (
              <td key={k}>{model.cv[k].toFixed(2)}</td>
            ))}
          </tr>
          <tr data-testid="metrics-rules">
            <th scope="row">Built-in rules</th>
            {figures.map(([k]) => (
              <td key={k}>{model.rules[k].toFixed(2)}</td>
            ))}
          </tr>
        </tbody>
      </table>
      {model.cv.perClass ? <PerClass model={model} /> : null}
    </>
  );
}

/** F1 of each class, the model's and the rules', with how many labels it had. */
function PerClass({ model }: { model: ModelInfo }) {
  return (
    <table className="metrics" data-testid="model-per-class">
      <caption>By type</caption>
      <thead>
        <tr>
          <th scope="col">Type</th>
          <th scope="col">Labels</th>
          <th scope="col">F1, model</th>
          <th scope="col">F1, rules</th>
        </tr>
      </thead>
      <tbody>
        {(model.cv.perClass ?? []).map((c) => (
          <tr key={c.label} data-testid={`per-class-${c.label}`}>
            <th scope="row">{c.label}</th>
            <td>{c.n.toLocaleString()}</td>
            <td>{c.f1.toFixed(2)}</td>
            <td>{(model.rules.perClass?.find((r) => r.label === c.label)?.f1 ?? 0).toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
