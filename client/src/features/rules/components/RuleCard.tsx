import { useId, type DragEvent } from 'react';
import type { RuleDraft, RuleProblems } from '../rule-draft';
import { CONDITION_FIELD_KEYS, RULE_ACTION_KEYS } from '../rule-fields';
import type { RulesEdit } from '../rules-reducer';
import { ActionRow } from './ActionRow';
import { ConditionRow } from './ConditionRow';
import { FieldProblem, problemProps } from './FieldProblem';

export interface RuleDragProps {
  dragging: boolean;
  dropTarget: boolean;
  onDragStart: (event: DragEvent) => void;
  onDragEnd: () => void;
  onDragOver: (event: DragEvent) => void;
  onDrop: (event: DragEvent) => void;
}

/**
 * One rule: its place in the order (drag the handle, or the move buttons from the keyboard), its name, "when all of
 * these hold" and "then". Problems are keyed by the server's field paths, so its refusals land on the same inputs.
 */
export function RuleCard({ rule, index, count, problems, edit, drag }: {
  rule: RuleDraft;
  index: number;
  count: number;
  problems: RuleProblems;
  edit: (edit: RulesEdit) => void;
  drag: RuleDragProps;
}) {
  const id = useId();
  const title = rule.name.trim() || `Rule ${index + 1}`;
  const usedFields = rule.conditions.map((c) => c.field);
  const usedTypes = rule.actions.map((a) => a.type);
  const move = (to: number) => edit({ type: 'move-rule', from: index, to });
  return (
    <li
      className={`card rule-card${drag.dragging ? ' rule-card--dragging' : ''}${drag.dropTarget ? ' rule-card--drop' : ''}`}
      data-testid="rule-card"
      data-rule-name={rule.name}
      aria-labelledby={`${id}-title`}
      onDragOver={drag.onDragOver}
      onDrop={drag.onDrop}
    >
      <div className="card__header rule-card__header">
        <span className="rule-card__handle" draggable onDragStart={drag.onDragStart} onDragEnd={drag.onDragEnd} title="Drag to reorder" aria-hidden="true">
          ⠿
        </span>
        <h3 id={`${id}-title`} className="card__title rule-card__title">
          <span className="rule-card__position tabular">{index + 1}.</span> {title}
        </h3>
        <div className="rule-card__tools" role="group" aria-label={`Arrange ${title}`}>
          <button type="button" className="button button--ghost button--small" disabled={index === 0} onClick={() => move(index - 1)} aria-label={`Move ${title} up`}>
            ↑ Up
          </button>
          <button type="button" className="button button--ghost button--small" disabled={index === count - 1} onClick={() => move(index + 1)} aria-label={`Move ${title} down`}>
            ↓ Down
          </button>
          <button type="button" className="button button--ghost button--small" onClick={() => edit({ type: 'duplicate-rule', key: rule.key })} aria-label={`Duplicate ${title}`}>
            Duplicate
          </button>
          <button type="button" className="button button--danger button--small" onClick={() => edit({ type: 'remove-rule', key: rule.key })} aria-label={`Remove ${title}`}>
            Remove
          </button>
        </div>
      </div>
      <div className="card__body rule-card__body">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-name`}>
            Rule name
          </label>
          <input id={`${id}-name`} className="field__input" value={rule.name} maxLength={120} onChange={(e) => edit({ type: 'rename', key: rule.key, name: e.target.value })} {...problemProps(`${id}-name`, problems.name)} />
          <FieldProblem id={`${id}-name`} problem={problems.name} />
        </div>
        <FieldProblem id={`${id}-id`} problem={problems.id} />

        <section className="rule-card__section" aria-label={`${title}: conditions`}>
          <h4 className="rule-card__section-title">{rule.conditions.length === 0 ? 'When: always (no conditions)' : 'When all of these hold'}</h4>
          {rule.conditions.length > 0 ? (
            <ul className="rule-parts">
              {rule.conditions.map((condition, i) => (
                <ConditionRow
                  key={condition.key}
                  condition={condition}
                  at={`conditions[${i}].`}
                  problems={problems}
                  usedFields={usedFields}
                  onChange={(changed) => edit({ type: 'change-condition', key: rule.key, condition: changed })}
                  onRemove={() => edit({ type: 'remove-condition', key: rule.key, conditionKey: condition.key })}
                />
              ))}
            </ul>
          ) : null}
          <button type="button" className="button button--secondary button--small" disabled={usedFields.length >= CONDITION_FIELD_KEYS.length} onClick={() => edit({ type: 'add-condition', key: rule.key })}>
            Add condition
          </button>
        </section>

        <section className="rule-card__section" aria-label={`${title}: actions`}>
          <h4 className="rule-card__section-title">Then</h4>
          {rule.actions.length > 0 ? (
            <ul className="rule-parts">
              {rule.actions.map((action, i) => (
                <ActionRow
                  key={action.key}
                  action={action}
                  at={`actions[${i}].`}
                  problems={problems}
                  usedTypes={usedTypes}
                  onChange={(changed) => edit({ type: 'change-action', key: rule.key, action: changed })}
                  onRemove={() => edit({ type: 'remove-action', key: rule.key, actionKey: action.key })}
                />
              ))}
            </ul>
          ) : null}
          <FieldProblem id={`${id}-actions`} problem={problems.actions} />
          <button type="button" className="button button--secondary button--small" disabled={usedTypes.length >= RULE_ACTION_KEYS.length} onClick={() => edit({ type: 'add-action', key: rule.key })}>
            Add action
          </button>
        </section>
      </div>
    </li>
  );
}
