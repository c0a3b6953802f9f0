import type { ReturnRuleInput, RuleActionInput, RuleConditionInput, RuleSet_ReturnRulesFragment } from '../../gql/graphql';
import { amountToMinor, minorToAmount } from '../admin/merchants/policy-form';
import { CONDITION_FIELDS, DEFAULT_PARAM, isListField, RULE_ACTIONS, type ConditionField, type RuleActionType } from './rule-fields';

/**
 * The rules as a person edits them: text as typed (money in major units, "15.00"), each part with a stable key so
 * React keeps focus through reorders. `toRulesInput` turns a draft into the API's input or says what is wrong, in
 * the server's words and keyed by the server's field paths (`name`, `conditions[0].max`, `actions[1].message`), so
 * a refusal from either side lands on the same input.
 */

export interface ConditionDraft {
  key: string;
  field: ConditionField;
  /** List fields: the chosen values (reasons, risk labels) or typed ones (SKUs, categories). */
  values: string[];
  /** Range fields: the bounds as typed, in the field's unit; empty = no bound. */
  min: string;
  max: string;
}

export interface ActionDraft {
  key: string;
  type: RuleActionType;
  /** The action's one parameter as typed (a priority, a message, a number or an amount); '' when it takes none. */
  value: string;
}

export interface RuleDraft {
  key: string;
  /** The saved rule's id (kept so cases name the rule they met); null for a new rule, which the server names. */
  id: string | null;
  name: string;
  conditions: ConditionDraft[];
  actions: ActionDraft[];
}

/** Field path (as the server names it) → what is wrong. */
export type RuleProblems = Record<string, string>;

let lastKey = 0;
export const newKey = (): string => `k${++lastKey}`;

type SavedRule = RuleSet_ReturnRulesFragment['rules'][number];

/** A bound as typed: money in major units, everything else as is. */
function boundText(field: ConditionField, value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return CONDITION_FIELDS[field].unit === 'money' ? minorToAmount(value) : String(value);
}

export function ruleDraftOf(rule: SavedRule): RuleDraft {
  return {
    key: newKey(),
    id: rule.id,
    name: rule.name,
    conditions: rule.conditions.map((c) => {
      const field = c.field as ConditionField;
      return { key: newKey(), field, values: c.anyOf ?? [], min: boundText(field, c.min), max: boundText(field, c.max) };
    }),
    actions: rule.actions.map((a) => {
      const type = a.type as RuleActionType;
      const param = RULE_ACTIONS[type]?.param;
      const raw = param ? a[param] : null;
      const value = raw === null || raw === undefined ? '' : param === 'amountMinor' ? minorToAmount(Number(raw)) : String(raw);
      return { key: newKey(), type, value };
    }),
  };
}

export const emptyCondition = (field: ConditionField): ConditionDraft => ({ key: newKey(), field, values: [], min: '', max: '' });
export const newAction = (type: RuleActionType): ActionDraft => ({ key: newKey(), type, value: DEFAULT_PARAM[type] });
export const newRule = (): RuleDraft => ({ key: newKey(), id: null, name: '', conditions: [], actions: [newAction('REVIEW')] });

/** The same rule under new keys and without its id: a new rule the server will name. */
export const duplicateOf = (rule: RuleDraft): RuleDraft => ({
  key: newKey(),
  id: null,
  name: `${rule.name} (copy)`.slice(0, 120),
  conditions: rule.conditions.map((c) => ({ ...c, key: newKey(), values: [...c.values] })),
  actions: rule.actions.map((a) => ({ ...a, key: newKey() })),
});

/** The server's clause as a sentence: "a name … is needed" → "A name … is needed." */
export function sentence(text: string): string {
  const trimmed = text.trim().replace(/\.$/, '');
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}.`;
}

const WHOLE = /^\d+$/;
const SCORE = /^(0(\.\d+)?|1(\.0+)?|\.\d+)$/;
const MAX_SHIPPING_FEE_MINOR = 100_000_000;

/** A bound in the API's unit, or the problem with what was typed. */
function parseBound(field: ConditionField, text: string): { value: number } | { problem: string } {
  const unit = CONDITION_FIELDS[field].unit;
  const typed = text.trim();
  if (unit === 'money') {
    const minor = amountToMinor(typed);
    return minor === null ? { problem: 'enter an amount such as 15 or 15.00' } : { value: minor };
  }
  if (unit === 'score') return SCORE.test(typed) ? { value: Number(typed) } : { problem: 'a risk score bound lies between 0 and 1' };
  return WHOLE.test(typed) ? { value: Number(typed) } : { problem: 'a whole number of at least 0 is needed (a negative bound can never be met)' };
}

const shown = (field: ConditionField, value: number) => boundText(field, value);

function conditionInput(c: ConditionDraft, at: string, problems: RuleProblems): RuleConditionInput {
  if (isListField(c.field)) {
    const anyOf = [...new Set(c.values.map((v) => v.trim()).filter((v) => v.length > 0))];
    if (anyOf.length === 0) problems[`${at}anyOf`] = 'an empty list can never hold';
    else if (anyOf.some((v) => v.length > 64)) problems[`${at}anyOf`] = 'each value has 1 to 64 characters';
    return { field: c.field, anyOf };
  }
  const input: RuleConditionInput = { field: c.field };
  for (const bound of ['min', 'max'] as const) {
    if (c[bound].trim() === '') continue;
    const parsed = parseBound(c.field, c[bound]);
    if ('problem' in parsed) problems[`${at}${bound}`] = parsed.problem;
    else input[bound] = parsed.value;
  }
  if (c.min.trim() === '' && c.max.trim() === '') problems[`${at}min`] = 'give min, max or both';
  else if (typeof input.min === 'number' && typeof input.max === 'number' && input.min > input.max) {
    problems[`${at}min`] = `min ${shown(c.field, input.min)} is above max ${shown(c.field, input.max)}, so the condition can never hold`;
  }
  return input;
}

function actionInput(a: ActionDraft, at: string, problems: RuleProblems): RuleActionInput {
  const param = RULE_ACTIONS[a.type].param;
  const typed = a.value.trim();
  const whole = (min: number, max: number, problem: string): number | undefined => {
    if (WHOLE.test(typed) && Number(typed) >= min && Number(typed) <= max) return Number(typed);
    problems[`${at}${param}`] = problem;
    return undefined;
  };
  switch (param) {
    case null:
      return { type: a.type };
    case 'priority':
      return { type: a.type, priority: a.value as RuleActionInput['priority'] };
    case 'message':
      if (typed.length === 0 || typed.length > 500) problems[`${at}message`] = 'a message for the customer of 1 to 500 characters is needed';
      return { type: a.type, message: typed };
    case 'photos':
      return { type: a.type, photos: whole(1, 10, 'between 1 and 10 photos') };
    case 'bonusPercent':
      return { type: a.type, bonusPercent: whole(0, 100, 'the bonus is a whole percentage from 0 to 100') };
    case 'percent':
      return { type: a.type, percent: whole(0, 100, 'the restocking fee is a whole percentage from 0 to 100 (0 waives it)') };
    case 'amountMinor': {
      const minor = amountToMinor(typed);
      if (minor === null || minor > MAX_SHIPPING_FEE_MINOR) problems[`${at}amountMinor`] = 'the return shipping fee is an amount such as 4.95, from 0 (waived) to 1,000,000.00';
      return { type: a.type, amountMinor: minor ?? undefined };
    }
  }
}

/** What the conditions only show together (as the server checks it): an item cannot cost more than its order, nor be kept above it. */
function checkAcrossConditions(rule: RuleDraft, inputs: RuleConditionInput[], problems: RuleProblems): void {
  const orderMax = inputs.find((c) => c.field === 'orderValueMinor')?.max;
  if (typeof orderMax !== 'number') return;
  const keeps = rule.actions.some((a) => a.type === 'KEEP_ITEM');
  for (const field of ['itemPriceMinor', 'returnValueMinor'] as const) {
    const index = inputs.findIndex((c) => c.field === field);
    const { min, max } = inputs[index] ?? {};
    const label = CONDITION_FIELDS[field].label.toLowerCase();
    if (typeof min === 'number' && min > orderMax) {
      problems[`conditions[${index}].min`] ??= `${label} at least ${shown(field, min)} can never hold in an order worth at most ${shown(field, orderMax)}`;
    }
    if (typeof max === 'number' && max > orderMax && keeps) {
      problems[`conditions[${index}].max`] ??= `keeping items worth up to ${shown(field, max)} is above the order value bound of ${shown(field, orderMax)}`;
    }
  }
}

/** One rule as the API's input, with every problem the server would name (in its words), keyed by its field paths. */
export function ruleInputOf(rule: RuleDraft): { input: ReturnRuleInput; problems: RuleProblems } {
  const problems: RuleProblems = {};
  const name = rule.name.trim();
  if (name.length === 0 || name.length > 120) problems.name = 'a name of 1 to 120 characters is needed';
  const conditions = rule.conditions.map((c, i) => conditionInput(c, `conditions[${i}].`, problems));
  rule.conditions.forEach((c, i) => {
    if (rule.conditions.findIndex((other) => other.field === c.field) < i) problems[`conditions[${i}].field`] = `"${c.field}" is used twice; merge the two conditions into one`;
  });
  const actions = rule.actions.map((a, i) => actionInput(a, `actions[${i}].`, problems));
  if (actions.length === 0) problems.actions = 'a rule needs at least one action';
  rule.actions.forEach((a, i) => {
    if (rule.actions.findIndex((other) => other.type === a.type) < i) problems[`actions[${i}].type`] = `${a.type} is given twice`;
  });
  const deciding = rule.actions.map((a, i) => ({ a, i })).filter(({ a }) => RULE_ACTIONS[a.type].deciding);
  if (deciding.length > 1) problems[`actions[${deciding[1].i}].type`] ??= `a rule decides at most one way (${deciding.map(({ a }) => a.type).join(' and ')})`;
  checkAcrossConditions(rule, conditions, problems);
  const sentences = Object.fromEntries(Object.entries(problems).map(([field, clause]) => [field, sentence(clause)]));
  return { input: { ...(rule.id ? { id: rule.id } : {}), name, conditions, actions }, problems: sentences };
}

/** The whole set as the API's input, or the problems per rule (by rule key) when any rule has one. */
export function toRulesInput(rules: readonly RuleDraft[]): { rules: ReturnRuleInput[]; problems: null } | { rules: null; problems: Record<string, RuleProblems> } {
  const problems: Record<string, RuleProblems> = {};
  const inputs = rules.map((rule) => {
    const checked = ruleInputOf(rule);
    if (Object.keys(checked.problems).length > 0) problems[rule.key] = checked.problems;
    return checked.input;
  });
  return Object.keys(problems).length > 0 ? { rules: null, problems } : { rules: inputs, problems: null };
}
