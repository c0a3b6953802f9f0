import type { EntityManager } from '@mikro-orm/postgresql';
import { preparedRows } from '../../db/plain-rows.js';
import { type PolicyNumbers, defaultRuleSet } from './default-rules.js';
import type { ReturnRule } from './return-rules.model.js';

/** At most this many merchants' rule sets are kept; the oldest entry goes first. */
const MAX_MERCHANTS = 10_000;

/** The latest rule set seen per merchant, keyed by version: a saved set never changes, a save makes a new version. */
const cached = new Map<string, { version: number; rules: ReturnRule[] }>();

export interface ActiveRuleSet {
  version: number;
  rules: readonly ReturnRule[];
}

/**
 * The merchant's rules for evaluation, in one statement: the version always, the rules only when this process has
 * not cached that version yet. A merchant without saved rules gets the default set of its policy (version 0).
 * For createReturnCase and returnEligibility (issue 22 §1: at most one statement more).
 */
export async function activeRuleSet(em: EntityManager, merchant: PolicyNumbers & { id: string }): Promise<ActiveRuleSet> {
  const known = cached.get(merchant.id);
  const [row] = await preparedRows<{ version: number; rules: ReturnRule[] | null }>(em,
    'select version, case when version = $2 then null else rules end as rules from return_rule_sets where merchant_id = $1',
    [merchant.id, known?.version ?? -1]);
  if (!row) return { version: 0, rules: defaultRuleSet(merchant) };
  if (row.rules === null && known) return known;
  const entry = { version: row.version, rules: row.rules ?? [] };
  remember(merchant.id, entry);
  return entry;
}

function remember(merchantId: string, entry: { version: number; rules: ReturnRule[] }): void {
  cached.delete(merchantId);
  if (cached.size >= MAX_MERCHANTS) cached.delete(cached.keys().next().value!);
  cached.set(merchantId, entry);
}
