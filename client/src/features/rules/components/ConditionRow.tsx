import { useId, useState, type KeyboardEvent } from 'react';
import type { ConditionDraft, RuleProblems } from '../rule-draft';
import { CONDITION_FIELD_KEYS, CONDITION_FIELDS, FIELD_CHOICES, UNIT_HINT, type ConditionField } from '../rule-fields';
import { FieldProblem, problemProps } from './FieldProblem';

/** Typed values as removable chips: Enter, a comma or leaving the input adds what was typed (SKUs, categories). */
function ValueChips({ id, label, values, onChange, problem }: { id: string; label: string; values: string[]; onChange: (values: string[]) => void; problem?: string }) {
  const [typed, setTyped] = useState('');
  const add = () => {
    const fresh = typed.split(',').map((v) => v.trim()).filter((v) => v.length > 0 && !values.includes(v));
    if (fresh.length > 0) onChange([...values, ...fresh]);
    setTyped('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add();
    } else if (event.key === 'Backspace' && typed === '' && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  };
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {values.length > 0 ? (
        <ul className="rule-chips" aria-label={`${label}: chosen`}>
          {values.map((value) => (
            <li key={value} className="rule-chips__chip">
              <span className="mono">{value}</span>
              <button type="button" className="rule-chips__remove" aria-label={`Remove ${value}`} onClick={() => onChange(values.filter((v) => v !== value))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <input
        id={id}
        className="field__input"
        value={typed}
        placeholder="Type a value, then Enter"
        onChange={(e) => setTyped(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={add}
        {...problemProps(id, problem)}
      />
      <FieldProblem id={id} problem={problem} />
    </div>
  );
}

/** Choices as checkboxes (reasons, risk labels). */
function ValueChoices({ id, label, field, values, onChange, problem }: { id: string; label: string; field: ConditionField; values: string[]; onChange: (values: string[]) => void; problem?: string }) {
  const toggle = (value: string, on: boolean) => onChange(on ? [...values, value] : values.filter((v) => v !== value));
  return (
    <fieldset className="rule-choices" {...problemProps(id, problem, false)}>
      <legend className="field__label">{label}</legend>
      {(FIELD_CHOICES[field] ?? []).map((choice) => (
        <label key={choice.value} className="rule-choices__choice">
          <input type="checkbox" checked={values.includes(choice.value)} onChange={(e) => toggle(choice.value, e.target.checked)} />
          {choice.label}
        </label>
      ))}
      <FieldProblem id={id} problem={problem} />
    </fieldset>
  );
}

function Bound({ id, label, value, hint, onChange, problem, decimal }: { id: string; label: string; value: string; hint: string; onChange: (value: string) => void; problem?: string; decimal: boolean }) {
  return (
    <div className="field rule-bound">
      <label className="field__label" htmlFor={id}>
        {label} <span className="field__hint">({hint})</span>
      </label>
      <input id={id} className="field__input tabular" inputMode={decimal ? 'decimal' : 'numeric'} value={value} onChange={(e) => onChange(e.target.value)} {...problemProps(id, problem)} />
      <FieldProblem id={id} problem={problem} />
    </div>
  );
}

/**
 * One condition: a field, then what it must be — any of a list (choices or typed values) or within a range, in the
 * field's unit (money as an amount such as 15.00). `at` is the server's path prefix for its problems.
 */
export function ConditionRow({ condition, at, problems, usedFields, onChange, onRemove }: {
  condition: ConditionDraft;
  at: string;
  problems: RuleProblems;
  usedFields: ConditionField[];
  onChange: (condition: ConditionDraft) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const { unit, label } = CONDITION_FIELDS[condition.field];
  const problem = (key: string) => problems[`${at}${key}`];
  const changeField = (field: ConditionField) => onChange({ ...condition, field, values: [], min: '', max: '' });
  return (
    <li className="rule-part" data-testid="rule-condition">
      <div className="field">
        <label className="field__label" htmlFor={`${id}-field`}>
          Field
        </label>
        <select id={`${id}-field`} className="field__input" value={condition.field} onChange={(e) => changeField(e.target.value as ConditionField)} {...problemProps(`${id}-field`, problem('field'))}>
          {CONDITION_FIELD_KEYS.map((field) => (
            <option key={field} value={field} disabled={field !== condition.field && usedFields.includes(field)}>
              {CONDITION_FIELDS[field].label}
            </option>
          ))}
        </select>
        <FieldProblem id={`${id}-field`} problem={problem('field')} />
      </div>
      <div className="rule-part__value">
        {unit === 'choice' ? (
          <ValueChoices id={`${id}-anyOf`} label={`${label} is any of`} field={condition.field} values={condition.values} onChange={(values) => onChange({ ...condition, values })} problem={problem('anyOf')} />
        ) : unit === 'text' ? (
          <ValueChips id={`${id}-anyOf`} label={`${label} is any of`} values={condition.values} onChange={(values) => onChange({ ...condition, values })} problem={problem('anyOf')} />
        ) : (
          <div className="rule-bounds">
            {(['min', 'max'] as const).map((bound) => (
              <Bound
                key={bound}
                id={`${id}-${bound}`}
                label={bound === 'min' ? 'At least' : 'At most'}
                hint={UNIT_HINT[unit]}
                decimal={unit === 'money' || unit === 'score'}
                value={condition[bound]}
                onChange={(value) => onChange({ ...condition, [bound]: value })}
                problem={problem(bound)}
              />
            ))}
          </div>
        )}
      </div>
      <button type="button" className="button button--ghost button--small rule-part__remove" onClick={onRemove} aria-label={`Remove the condition on ${label.toLowerCase()}`}>
        Remove
      </button>
    </li>
  );
}
