import { duplicateOf, emptyCondition, newAction, newRule, type ActionDraft, type ConditionDraft, type RuleDraft } from './rule-draft';
import { CONDITION_FIELD_KEYS, MAX_RULES, RULE_ACTION_KEYS, RULE_ACTIONS } from './rule-fields';

/** Every edit the rules editor makes to its draft. Each answers a new array, so "edited since" is a reference check. */
export type RulesEdit =
  | { type: 'add-rule' }
  | { type: 'remove-rule'; key: string }
  | { type: 'duplicate-rule'; key: string }
  | { type: 'move-rule'; from: number; to: number }
  | { type: 'rename'; key: string; name: string }
  | { type: 'add-condition'; key: string }
  | { type: 'change-condition'; key: string; condition: ConditionDraft }
  | { type: 'remove-condition'; key: string; conditionKey: string }
  | { type: 'add-action'; key: string }
  | { type: 'change-action'; key: string; action: ActionDraft }
  | { type: 'remove-action'; key: string; actionKey: string };

const replaceRule = (rules: RuleDraft[], key: string, change: (rule: RuleDraft) => RuleDraft) => rules.map((rule) => (rule.key === key ? change(rule) : rule));

/** Moves one item of a list to another position (both in range), as drag-and-drop and the move buttons do. */
export function moved<T>(items: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= items.length || to >= items.length) return [...items];
  const out = [...items];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item);
  return out;
}

export function rulesReducer(rules: RuleDraft[], edit: RulesEdit): RuleDraft[] {
  switch (edit.type) {
    case 'add-rule':
      return rules.length >= MAX_RULES ? rules : [...rules, newRule()];
    case 'remove-rule':
      return rules.filter((rule) => rule.key !== edit.key);
    case 'duplicate-rule': {
      const index = rules.findIndex((rule) => rule.key === edit.key);
      if (index < 0 || rules.length >= MAX_RULES) return rules;
      return [...rules.slice(0, index + 1), duplicateOf(rules[index]), ...rules.slice(index + 1)];
    }
    case 'move-rule':
      return moved(rules, edit.from, edit.to);
    case 'rename':
      return replaceRule(rules, edit.key, (rule) => ({ ...rule, name: edit.name }));
    case 'add-condition':
      // A new condition takes the first field the rule does not use yet (a field is used once per rule).
      return replaceRule(rules, edit.key, (rule) => {
        const field = CONDITION_FIELD_KEYS.find((f) => !rule.conditions.some((c) => c.field === f));
        return field ? { ...rule, conditions: [...rule.conditions, emptyCondition(field)] } : rule;
      });
    case 'change-condition':
      return replaceRule(rules, edit.key, (rule) => ({ ...rule, conditions: rule.conditions.map((c) => (c.key === edit.condition.key ? edit.condition : c)) }));
    case 'remove-condition':
      return replaceRule(rules, edit.key, (rule) => ({ ...rule, conditions: rule.conditions.filter((c) => c.key !== edit.conditionKey) }));
    case 'add-action':
      return replaceRule(rules, edit.key, (rule) => {
        // The first action type not used yet; a second deciding one would be refused, so none while one decides.
        const decides = rule.actions.some((a) => RULE_ACTIONS[a.type].deciding);
        const type = RULE_ACTION_KEYS.find((t) => !rule.actions.some((a) => a.type === t) && !(decides && RULE_ACTIONS[t].deciding));
        return type ? { ...rule, actions: [...rule.actions, newAction(type)] } : rule;
      });
    case 'change-action':
      return replaceRule(rules, edit.key, (rule) => ({ ...rule, actions: rule.actions.map((a) => (a.key === edit.action.key ? edit.action : a)) }));
    case 'remove-action':
      return replaceRule(rules, edit.key, (rule) => ({ ...rule, actions: rule.actions.filter((a) => a.key !== edit.actionKey) }));
  }
}
