import type { RuleField } from '@shared/rules';
import { blankCondition, FIELDS, type ConditionForm } from './draft';

/** One condition: field, operator, value (and zone for time of day and weekday). */
export function ConditionRow({
  cond,
  index,
  onChange,
  onRemove,
}: {
  cond: ConditionForm;
  index: number;
  onChange(c: ConditionForm): void;
  onRemove(): void;
}) {
  const def = FIELDS.find((f) => f.field === cond.field)!;
  const zoned = cond.field === 'hour' || cond.field === 'weekday';
  return (
    <div className="rule-condition" data-testid={`rule-condition-${index}`}>
      <select
        aria-label={`Condition ${index + 1} field`}
        value={cond.field}
        onChange={(e) => onChange(blankCondition(e.target.value as RuleField))}
        data-testid="condition-field"
      >
        {FIELDS.map((f) => (
          <option key={f.field} value={f.field}>
            {f.label}
          </option>
        ))}
      </select>
      <select
        aria-label={`Condition ${index + 1} operator`}
        value={cond.op}
        onChange={(e) => onChange({ ...cond, op: e.target.value })}
        data-testid="condition-op"
      >
        {def.ops.map((o) => (
          <option key={o.op} value={o.op}>
            {o.label}
          </option>
        ))}
      </select>
      {cond.field === 'hour' ? (
        <>
          <input
            aria-label="From hour"
            type="number"
            min={0}
            max={23}
            value={cond.from}
            onChange={(e) => onChange({ ...cond, from: e.target.value })}
          />
          <span>and</span>
          <input
            aria-label="To hour"
            type="number"
            min={0}
            max={23}
            value={cond.to}
            onChange={(e) => onChange({ ...cond, to: e.target.value })}
          />
        </>
      ) : (
        <input
          aria-label={`Condition ${index + 1} value`}
          placeholder={def.hint}
          value={cond.text}
          onChange={(e) => onChange({ ...cond, text: e.target.value })}
          data-testid="condition-value"
        />
      )}
      {zoned ? (
        <input
          aria-label="Time zone"
          className="zone"
          placeholder="UTC"
          value={cond.zone}
          onChange={(e) => onChange({ ...cond, zone: e.target.value })}
        />
      ) : null}
      <button type="button" className="ghost" onClick={onRemove} aria-label={`Remove condition ${index + 1}`}>
        ✕
      </button>
    </div>
  );
}
