import { useId } from 'react';
import { DEFAULT_PARAM, PRIORITY_CHOICES, RULE_ACTION_KEYS, RULE_ACTIONS, type RuleActionType } from '../rule-fields';
import type { ActionDraft, RuleProblems } from '../rule-draft';
import { FieldProblem, problemProps } from './FieldProblem';

const DECIDING = RULE_ACTION_KEYS.filter((type) => RULE_ACTIONS[type].deciding);
const COMBINING = RULE_ACTION_KEYS.filter((type) => !RULE_ACTIONS[type].deciding);

/** The action's one parameter, in the input that suits it. */
function ParamInput({ id, action, onChange, problem }: { id: string; action: ActionDraft; onChange: (value: string) => void; problem?: string }) {
  const param = RULE_ACTIONS[action.type].param;
  if (param === null) return null;
  const label = RULE_ACTIONS[action.type].paramLabel;
  const common = { id, value: action.value, ...problemProps(id, problem) };
  return (
    <div className="field rule-part__value">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {param === 'priority' ? (
        <select {...common} className="field__input" onChange={(e) => onChange(e.target.value)}>
          {PRIORITY_CHOICES.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      ) : param === 'message' ? (
        <textarea {...common} className="field__input rule-part__message" maxLength={500} rows={2} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} className="field__input tabular" inputMode={param === 'amountMinor' ? 'decimal' : 'numeric'} onChange={(e) => onChange(e.target.value)} />
      )}
      <FieldProblem id={id} problem={problem} />
    </div>
  );
}

/** One action: what it does (deciding actions first) and its parameter. `at` is the server's path prefix for its problems. */
export function ActionRow({ action, at, problems, usedTypes, onChange, onRemove }: {
  action: ActionDraft;
  at: string;
  problems: RuleProblems;
  usedTypes: RuleActionType[];
  onChange: (action: ActionDraft) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const param = RULE_ACTIONS[action.type].param;
  const typeProblem = problems[`${at}type`];
  const option = (type: RuleActionType) => (
    <option key={type} value={type} disabled={type !== action.type && usedTypes.includes(type)}>
      {RULE_ACTIONS[type].label}
    </option>
  );
  return (
    <li className="rule-part" data-testid="rule-action">
      <div className="field">
        <label className="field__label" htmlFor={`${id}-type`}>
          Action
        </label>
        <select
          id={`${id}-type`}
          className="field__input"
          value={action.type}
          onChange={(e) => onChange({ ...action, type: e.target.value as RuleActionType, value: DEFAULT_PARAM[e.target.value as RuleActionType] })}
          {...problemProps(`${id}-type`, typeProblem)}
        >
          <optgroup label="Decides the case">{DECIDING.map(option)}</optgroup>
          <optgroup label="Also applies">{COMBINING.map(option)}</optgroup>
        </select>
        <FieldProblem id={`${id}-type`} problem={typeProblem} />
      </div>
      <ParamInput id={`${id}-param`} action={action} onChange={(value) => onChange({ ...action, value })} problem={param ? problems[`${at}${param}`] : undefined} />
      <button type="button" className="button button--ghost button--small rule-part__remove" onClick={onRemove} aria-label={`Remove the action “${RULE_ACTIONS[action.type].label}”`}>
        Remove
      </button>
    </li>
  );
}
