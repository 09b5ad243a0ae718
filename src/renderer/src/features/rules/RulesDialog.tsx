import { useEffect, useMemo, useState } from 'react';
import { ruleSet, type RulePreview } from '@shared/rules';
import { call } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { useStore } from '../../store';
import { LastChanged } from '../sync/LastChanged';
import { ConditionRow } from './ConditionRow';
import { blankCondition, blankRule, fromRule, issueText, toRuleIn, type RuleForm } from './draft';

/** Preview waits this long after the last keystroke before asking core. */
const PREVIEW_DELAY_MS = 250;

/**
 * Routing rules, in order (admin): the first enabled rule whose conditions all hold decides
 * where a new item goes. Every edit is checked by the shared schema at once and previewed over
 * the newest 10,000 items before anything is saved.
 */
export function RulesDialog() {
  const close = useStore((s) => s.close);
  const toast = useStore((s) => s.toast);
  const [rules, setRules] = useState<RuleForm[] | null>(null);
  const [selected, setSelected] = useState(0);
  const [preview, setPreview] = useState<RulePreview | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void call('rules.list', {}).then((r) => {
      if (r.ok) setRules(r.value.rules.map(fromRule));
      else setServerError(r.error.message);
    });
  }, []);

  const drafts = useMemo(() => (rules ?? []).map(toRuleIn), [rules]);
  const problems = useMemo(() => {
    const parsed = ruleSet.safeParse(drafts);
    const byRule = new Map<number, string>();
    for (const i of parsed.error?.issues ?? []) {
      const at = Number(i.path[0]);
      if (!byRule.has(at)) byRule.set(at, issueText(i.path, i.message));
    }
    return byRule;
  }, [drafts]);

  useEffect(() => {
    if (!rules?.length || problems.size) return;
    let live = true;
    const t = setTimeout(() => {
      void call('rules.preview', { rules: drafts, focus: selected }).then((r) => {
        if (!live) return;
        if (r.ok) {
          setPreview(r.value);
          setServerError(null);
        } else setServerError(r.error.message);
      });
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [drafts, selected, problems, rules]);

  if (!rules) {
    return (
      <Dialog title="Routing rules" wide testId="rules-dialog">
        {serverError ? <p className="error">{serverError}</p> : <p className="muted">Loading…</p>}
      </Dialog>
    );
  }

  const rule = rules[selected];
  const update = (patch: Partial<RuleForm>) => setRules(rules.map((r, i) => (i === selected ? { ...r, ...patch } : r)));
  const move = (by: number) => {
    const to = selected + by;
    if (to < 0 || to >= rules.length) return;
    const next = [...rules];
    [next[selected], next[to]] = [next[to]!, next[selected]!];
    setRules(next);
    setSelected(to);
  };
  const problem = problems.get(selected);

  async function save(): Promise<void> {
    if (problems.size) return;
    setSaving(true);
    const r = await call('rules.save', { rules: drafts });
    setSaving(false);
    if (!r.ok) return setServerError(r.error.message);
    const s = useStore.getState();
    s.reload();
    s.refreshCounts();
    useStore.setState({ details: new Map() });
    toast(
      'success',
      `Rules saved; ${r.value.reevaluated.changed.toLocaleString('en')} of ${r.value.reevaluated.examined.toLocaleString('en')} waiting items routed again.`,
    );
    close();
  }

  return (
    <Dialog title="Routing rules" wide testId="rules-dialog">
      <LastChanged docs={['rules']} refresh={saving} />
      <p className="muted">
        In order, the first enabled rule whose conditions all hold sets the queue, owner, boost, SLA and labels of a new item. Items above a
        detection threshold go to the detection queue first. Decided, claimed and handed-over items are never moved.
      </p>
      <div className="rules-layout">
        <ol className="rules-list" data-testid="rules-list">
          {rules.map((r, i) => (
            <li key={i} className={i === selected ? 'selected' : undefined}>
              <button
                type="button"
                className="ghost"
                onClick={() => setSelected(i)}
                aria-current={i === selected}
                data-testid={`rule-item-${i}`}
              >
                {r.enabled ? '' : '(off) '}
                {r.name || 'Unnamed rule'}
                {problems.has(i) ? ' ⚠' : ''}
              </button>
            </li>
          ))}
        </ol>
        <div className="row">
          <button
            type="button"
            onClick={() => {
              setRules([...rules, blankRule(rules.length + 1)]);
              setSelected(rules.length);
            }}
            data-testid="rule-add"
          >
            Add rule
          </button>
          <button type="button" onClick={() => move(-1)} disabled={!rule || selected === 0} data-testid="rule-up">
            Move up
          </button>
          <button type="button" onClick={() => move(1)} disabled={!rule || selected >= rules.length - 1} data-testid="rule-down">
            Move down
          </button>
          <button
            type="button"
            onClick={() => {
              setRules(rules.filter((_, i) => i !== selected));
              setSelected(Math.max(0, selected - 1));
            }}
            disabled={!rule}
            data-testid="rule-delete"
          >
            Delete
          </button>
        </div>
        {rule ? (
          <form
            className="rule-editor"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <label>
              Name
              <input value={rule.name} onChange={(e) => update({ name: e.target.value })} data-testid="rule-name" />
            </label>
            <label className="inline">
              <input
                type="checkbox"
                checked={rule.enabled}
                onChange={(e) => update({ enabled: e.target.checked })}
                data-testid="rule-enabled"
              />{' '}
              Enabled
            </label>
            <fieldset>
              <legend>When all of these hold</legend>
              {rule.conditions.map((c, i) => (
                <ConditionRow
                  key={i}
                  cond={c}
                  index={i}
                  onChange={(next) => update({ conditions: rule.conditions.map((x, j) => (j === i ? next : x)) })}
                  onRemove={() => update({ conditions: rule.conditions.filter((_, j) => j !== i) })}
                />
              ))}
              <button
                type="button"
                className="ghost"
                onClick={() => update({ conditions: [...rule.conditions, blankCondition()] })}
                data-testid="condition-add"
              >
                Add condition
              </button>
            </fieldset>
            <fieldset>
              <legend>Then</legend>
              <label>
                Queue
                <input
                  value={rule.queue}
                  onChange={(e) => update({ queue: e.target.value })}
                  placeholder="leave empty to keep the kind’s queue"
                  data-testid="rule-queue"
                />
              </label>
              <label>
                Give to
                <select
                  value={rule.owner}
                  onChange={(e) => update({ owner: e.target.value as RuleForm['owner'] })}
                  data-testid="rule-owner"
                >
                  <option value="none">nobody in particular</option>
                  <option value="assignee">a person</option>
                  <option value="team">a team</option>
                </select>
              </label>
              {rule.owner !== 'none' ? (
                <label>
                  {rule.owner === 'team' ? 'Team' : 'Person'}
                  <input value={rule.ownerName} onChange={(e) => update({ ownerName: e.target.value })} data-testid="rule-owner-name" />
                </label>
              ) : null}
              <label>
                Priority × (0.1–10)
                <input
                  value={rule.boost}
                  onChange={(e) => update({ boost: e.target.value })}
                  inputMode="decimal"
                  placeholder="1"
                  data-testid="rule-boost"
                />
              </label>
              <label>
                SLA policy
                <input value={rule.sla} onChange={(e) => update({ sla: e.target.value })} data-testid="rule-sla" />
              </label>
              <label>
                Labels
                <input
                  value={rule.labels}
                  onChange={(e) => update({ labels: e.target.value })}
                  placeholder="comma-separated"
                  data-testid="rule-labels"
                />
              </label>
            </fieldset>
          </form>
        ) : (
          <p className="muted">No rules yet: every item goes to its kind’s queue, or a detection queue.</p>
        )}
      </div>
      <p className={problem || serverError ? 'error' : 'muted'} data-testid="rule-preview" aria-live="polite">
        {problem ?? serverError ?? (preview && rule ? previewLine(preview) : rules.length ? 'Previewing…' : '')}
      </p>
      {preview && rule && !problem && !serverError && preview.examples.length ? (
        <ul className="rule-examples" data-testid="rule-examples">
          {preview.examples.map((x) => (
            <li key={x.id}>
              <span className="muted">{x.why}</span> — {x.text}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="row">
        <button
          type="button"
          className="primary"
          onClick={() => void save()}
          disabled={saving || problems.size > 0}
          data-testid="rules-save"
        >
          Save and re-route
        </button>
      </div>
    </Dialog>
  );
}

function previewLine(p: RulePreview): string {
  const n = (x: number) => x.toLocaleString('en');
  const base = `would match ${n(p.matched)} of the last ${n(p.scanned)} items`;
  return p.routed !== p.matched ? `${base} (${n(p.routed)} once the rules above it have had theirs)` : base;
}
