import { randomUUID } from 'node:crypto';
import { badInput } from '../../errors/domain-error.js';
import { CasePriority } from '../returns/return-case.enums.js';
import type { ConditionField, ReturnRule, RuleAction, RuleCondition } from './return-rules.model.js';
import { DECIDING_ACTIONS, INFORMATIONAL_ACTIONS, LIST_FIELDS, LIST_VALUES, MAX_RULES, RANGE_FIELDS, isDeciding } from './return-rules.model.js';

/** Keys each action type takes besides `type`. */
const ACTION_KEYS: Record<RuleAction['type'], string[]> = {
  AUTO_APPROVE: [], REVIEW: ['priority'], REFUSE: ['message'], REQUIRE_PHOTOS: ['photos'], KEEP_ITEM: [],
  OFFER_STORE_CREDIT: ['bonusPercent'], RESTOCKING_FEE: ['percent'], RETURN_SHIPPING_FEE: ['amountMinor'],
};
const RULE_KEYS = ['id', 'name', 'conditions', 'actions'];
const CONDITION_KEYS = ['field', 'min', 'max', 'anyOf'];
const ACTION_FIELDS = ['type', 'priority', 'message', 'photos', 'bonusPercent', 'percent', 'amountMinor'];
const MAX_PHOTOS = 10;

/** Thrown for one rule: the message and the details name the rule (index and id) and the field. */
class RuleProblem extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

const present = (value: unknown) => value !== undefined && value !== null;
const isInt = (value: unknown): value is number => Number.isSafeInteger(value);

/** Keys that carry a value and are not among the allowed ones (GraphQL inputs hold absent fields as undefined). */
function refuseUnknownKeys(object: Record<string, unknown>, allowed: string[], at: string): void {
  const unknown = Object.keys(object).find((key) => present(object[key]) && !allowed.includes(key));
  if (unknown) throw new RuleProblem(`${at}${unknown}`, `unknown field "${unknown}"`);
}

/**
 * Checks a whole rule set and answers it normalised (ids given to new rules, absent fields dropped), or refuses it
 * with BAD_USER_INPUT naming the first wrong rule and field. A refused set changes nothing: callers validate first.
 */
export function validateRuleSet(input: readonly unknown[]): ReturnRule[] {
  if (input.length > MAX_RULES) throw badInput(`A rule set has at most ${MAX_RULES} rules; this one has ${input.length}.`, { field: 'rules' });
  const seenIds = new Set<string>();
  return input.map((raw, index) => {
    const rule = (raw ?? {}) as Record<string, unknown>;
    const id = present(rule.id) ? String(rule.id) : randomUUID();
    try {
      const checked = validateRule(rule, id);
      if (seenIds.has(id)) throw new RuleProblem('id', 'another rule has the same id');
      seenIds.add(id);
      return checked;
    } catch (error) {
      if (!(error instanceof RuleProblem)) throw error;
      const label = present(rule.name) ? `Rule ${index + 1} ("${String(rule.name)}")` : `Rule ${index + 1}`;
      throw badInput(`${label}, ${error.field}: ${error.message}.`, { ruleIndex: index, ruleId: present(rule.id) ? id : null, field: error.field });
    }
  });
}

function validateRule(rule: Record<string, unknown>, id: string): ReturnRule {
  refuseUnknownKeys(rule, RULE_KEYS, '');
  if (id.trim().length === 0 || id.length > 64) throw new RuleProblem('id', 'an id has 1 to 64 characters (leave it out to get one)');
  const name = typeof rule.name === 'string' ? rule.name.trim() : '';
  if (name.length === 0 || name.length > 120) throw new RuleProblem('name', 'a name of 1 to 120 characters is needed');
  const rawConditions = Array.isArray(rule.conditions) ? rule.conditions : [];
  const rawActions = Array.isArray(rule.actions) ? rule.actions : [];
  const conditions = rawConditions.map((c, i) => validateCondition((c ?? {}) as Record<string, unknown>, `conditions[${i}].`));
  const fields = conditions.map((c) => c.field);
  const repeated = fields.find((f, i) => fields.indexOf(f) !== i);
  if (repeated) throw new RuleProblem(`conditions[${fields.lastIndexOf(repeated)}].field`, `"${repeated}" is used twice; merge the two conditions into one`);
  const actions = rawActions.map((a, i) => validateAction((a ?? {}) as Record<string, unknown>, `actions[${i}].`));
  if (actions.length === 0) throw new RuleProblem('actions', 'a rule needs at least one action');
  const types = actions.map((a) => a.type);
  const twice = types.findIndex((t, i) => types.indexOf(t) !== i);
  if (twice >= 0) throw new RuleProblem(`actions[${twice}].type`, `${types[twice]} is given twice`);
  const deciding = actions.filter(isDeciding);
  if (deciding.length > 1) throw new RuleProblem(`actions[${types.indexOf(deciding[1].type)}].type`, `a rule decides at most one way (${deciding.map((a) => a.type).join(' and ')})`);
  checkAcrossConditions(conditions, actions);
  return { id, name, conditions, actions };
}

function validateCondition(raw: Record<string, unknown>, at: string): RuleCondition {
  refuseUnknownKeys(raw, CONDITION_KEYS, at);
  const field = String(raw.field ?? '') as ConditionField;
  if ((LIST_FIELDS as readonly string[]).includes(field)) {
    if (present(raw.min) || present(raw.max)) throw new RuleProblem(`${at}min`, `"${field}" is matched against a list (anyOf), not a range`);
    const anyOf = Array.isArray(raw.anyOf) ? [...new Set(raw.anyOf.map((v) => String(v).trim()))] : [];
    if (anyOf.length === 0) throw new RuleProblem(`${at}anyOf`, 'an empty list can never hold');
    const allowed = LIST_VALUES[field as keyof typeof LIST_VALUES];
    const wrong = anyOf.find((v) => (allowed ? !allowed.includes(v) : v.length === 0 || v.length > 64));
    if (wrong !== undefined) throw new RuleProblem(`${at}anyOf`, allowed ? `"${wrong}" is not one of ${allowed.join(', ')}` : 'each value has 1 to 64 characters');
    return { field, anyOf };
  }
  if (!(RANGE_FIELDS as readonly string[]).includes(field)) throw new RuleProblem(`${at}field`, `unknown field "${field}"`);
  if (present(raw.anyOf)) throw new RuleProblem(`${at}anyOf`, `"${field}" is matched against a range (min, max), not a list`);
  const condition: RuleCondition = { field };
  for (const bound of ['min', 'max'] as const) {
    const value = raw[bound];
    if (!present(value)) continue;
    const ok = field === 'riskScore' ? typeof value === 'number' && value >= 0 && value <= 1 : isInt(value) && value >= 0;
    if (!ok) throw new RuleProblem(`${at}${bound}`, field === 'riskScore' ? 'a risk score bound lies between 0 and 1' : 'a whole number of at least 0 is needed (a negative bound can never be met)');
    condition[bound] = value as number;
  }
  if (condition.min === undefined && condition.max === undefined) throw new RuleProblem(`${at}min`, 'give min, max or both');
  if (condition.min !== undefined && condition.max !== undefined && condition.min > condition.max) {
    throw new RuleProblem(`${at}min`, `min ${condition.min} is above max ${condition.max}, so the condition can never hold`);
  }
  return condition;
}

function validateAction(raw: Record<string, unknown>, at: string): RuleAction {
  refuseUnknownKeys(raw, ACTION_FIELDS, at);
  const type = String(raw.type ?? '') as RuleAction['type'];
  if (![...DECIDING_ACTIONS, ...INFORMATIONAL_ACTIONS].includes(type)) throw new RuleProblem(`${at}type`, `unknown action "${type}"`);
  refuseUnknownKeys(raw, ['type', ...ACTION_KEYS[type]], at);
  const int = (key: string, min: number, max: number, what: string): number => {
    const value = raw[key];
    if (!isInt(value) || value < min || value > max) throw new RuleProblem(`${at}${key}`, what);
    return value;
  };
  switch (type) {
    case 'AUTO_APPROVE':
    case 'KEEP_ITEM':
      return { type };
    case 'REVIEW': {
      const priority = raw.priority as CasePriority;
      if (!Object.values(CasePriority).includes(priority)) throw new RuleProblem(`${at}priority`, `a priority (${Object.values(CasePriority).join(', ')}) is needed`);
      return { type, priority };
    }
    case 'REFUSE': {
      const message = typeof raw.message === 'string' ? raw.message.trim() : '';
      if (message.length === 0 || message.length > 500) throw new RuleProblem(`${at}message`, 'a message for the customer of 1 to 500 characters is needed');
      return { type, message };
    }
    case 'REQUIRE_PHOTOS':
      return { type, photos: int('photos', 1, MAX_PHOTOS, `between 1 and ${MAX_PHOTOS} photos`) };
    case 'OFFER_STORE_CREDIT':
      return { type, bonusPercent: int('bonusPercent', 0, 100, 'the bonus is a whole percentage from 0 to 100') };
    case 'RESTOCKING_FEE':
      return { type, percent: int('percent', 0, 100, 'the restocking fee is a whole percentage from 0 to 100 (0 waives it)') };
    case 'RETURN_SHIPPING_FEE':
      return { type, amountMinor: int('amountMinor', 0, 100_000_000, 'the return shipping fee is a whole amount in minor units from 0 (waived) to 100,000,000') };
  }
}

/** What only the conditions together can show: an item cannot cost more than its order, nor be kept above it. */
function checkAcrossConditions(conditions: RuleCondition[], actions: RuleAction[]): void {
  const bound = (field: ConditionField, which: 'min' | 'max') => conditions.find((c) => c.field === field)?.[which];
  const orderMax = bound('orderValueMinor', 'max');
  if (orderMax === undefined) return;
  for (const field of ['itemPriceMinor', 'returnValueMinor'] as const) {
    const index = conditions.findIndex((c) => c.field === field);
    const min = bound(field, 'min');
    if (min !== undefined && min > orderMax) {
      throw new RuleProblem(`conditions[${index}].min`, `${field} at least ${min} can never hold in an order worth at most ${orderMax}`);
    }
    const max = bound(field, 'max');
    if (max !== undefined && max > orderMax && actions.some((a) => a.type === 'KEEP_ITEM')) {
      throw new RuleProblem(`conditions[${index}].max`, `keeping items worth up to ${max} is above the order value bound of ${orderMax}`);
    }
  }
}
