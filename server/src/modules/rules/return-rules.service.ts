import type { EntityManager } from '@mikro-orm/postgresql';
import { preparedRows } from '../../db/plain-rows.js';
import { conflict, notFound, unauthenticated } from '../../errors/domain-error.js';
import type { Clock } from '../../shared/clock.js';
import { isUuid } from '../../shared/ids.js';
import { managesMerchant } from '../access/access.js';
import type { Viewer } from '../auth/viewer.js';
import { actorLabel } from '../auth/viewer.js';
import { MerchantPolicyChange } from '../merchants/merchant-policy-change.entity.js';
import { MerchantProfile } from '../users/merchant-profile.entity.js';
import { User } from '../users/user.entity.js';
import { defaultRuleSet } from './default-rules.js';
import type { ReturnRule } from './return-rules.model.js';
import type { ReturnRuleInput, ReturnRuleSet } from './return-rules.types.js';
import { validateRuleSet } from './validate-rules.js';

interface StoredRuleSet {
  version: number;
  rules: ReturnRule[];
  /** As the driver returns it (a string on this connection's type parsers). */
  updated_at: Date | string;
  updated_by: string;
}

/**
 * A merchant's return rules (issue 22 §1): read by the merchant (and its partner tokens) and admins, replaced whole
 * by the merchant or an admin. Who may call at all is the rule map's; whose merchant is this service's. (The simulator
 * is rule-simulation.service.ts.)
 */
export class ReturnRulesService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer | null,
    private readonly clock: Clock,
  ) {}

  async get(merchantId: string): Promise<ReturnRuleSet> {
    const merchant = await this.merchantFor(this.em, merchantId);
    const [row] = await preparedRows<StoredRuleSet>(this.em,
      'select version, rules, updated_at, updated_by from return_rule_sets where merchant_id = $1', [merchant.id]);
    return toRuleSet(merchant, row);
  }

  /**
   * Replaces the merchant's rule set when `expectedVersion` is still its version (0: it has none yet); otherwise
   * CONFLICT. Validated first, then one transaction: the set, its history row and the policy-change audit row.
   */
  async save(merchantId: string, expectedVersion: number, input: ReturnRuleInput[]): Promise<ReturnRuleSet> {
    const rules = validateRuleSet(input.map(plainRule));
    return this.em.transactional(async (tx) => {
      const merchant = await this.merchantFor(tx, merchantId);
      const now = this.clock.now();
      const by = actorLabel(this.viewer);
      const values = [merchant.id, JSON.stringify(rules), now, this.viewer?.userId ?? null, by, expectedVersion];
      // A stale version matches no row: nothing is written. The insert of a first version loses a race the same way.
      const [row] = expectedVersion === 0
        ? await preparedRows<StoredRuleSet>(tx, `insert into return_rule_sets (merchant_id, version, rules, updated_at, updated_by_id, updated_by)
            select $1, 1, $2::jsonb, $3, $4, $5 where $6::int = 0
            on conflict (merchant_id) do nothing returning version, rules, updated_at, updated_by`, values)
        : await preparedRows<StoredRuleSet>(tx, `update return_rule_sets
            set version = version + 1, rules = $2::jsonb, updated_at = $3, updated_by_id = $4, updated_by = $5
            where merchant_id = $1 and version = $6 returning version, rules, updated_at, updated_by`, values);
      if (!row) throw conflict('The rules were changed by someone else first. Reload them and try again.', { field: 'expectedVersion' });
      await preparedRows(tx, `insert into return_rule_set_versions (merchant_id, version, rules, created_at, actor_id, actor_label)
        values ($1, $2, $3::jsonb, $4, $5, $6)`, [merchant.id, row.version, JSON.stringify(rules), now, this.viewer?.userId ?? null, by]);
      tx.create(MerchantPolicyChange, {
        merchant,
        actor: this.viewer ? tx.getReference(User, this.viewer.userId) : null,
        actorLabel: by,
        changes: { returnRules: { from: `version ${expectedVersion}`, to: `version ${row.version} (${rules.length} rules)` } },
        createdAt: now,
      });
      await tx.flush();
      return toRuleSet(merchant, row);
    });
  }

  private merchantFor(em: EntityManager, merchantId: string): Promise<MerchantProfile> {
    return managedMerchant(em, this.viewer, merchantId);
  }
}

/** The merchant the viewer manages (admins: any); another merchant's, like a missing one, answers NOT_FOUND. */
export async function managedMerchant(em: EntityManager, viewer: Viewer | null, merchantId: string): Promise<MerchantProfile> {
  if (!viewer) throw unauthenticated();
  const merchant = managesMerchant(viewer, merchantId) && isUuid(merchantId) ? await em.findOne(MerchantProfile, { id: merchantId }) : null;
  if (!merchant) throw notFound('Merchant', merchantId);
  return merchant;
}

function toRuleSet(merchant: MerchantProfile, row: StoredRuleSet | undefined): ReturnRuleSet {
  if (!row) return { merchantId: merchant.id, version: 0, isDefault: true, rules: defaultRuleSet(merchant), updatedAt: null, updatedBy: null };
  return { merchantId: merchant.id, version: row.version, isDefault: false, rules: row.rules, updatedAt: new Date(row.updated_at), updatedBy: row.updated_by };
}

/** A GraphQL input as plain data (its class instance holds absent fields as undefined), for validation. */
export function plainRule(input: ReturnRuleInput): Record<string, unknown> {
  return {
    ...input,
    conditions: input.conditions?.map((c) => ({ ...c })),
    actions: input.actions?.map((a) => ({ ...a })),
  };
}
