import type { EntityManager } from '@mikro-orm/postgresql';
import { preparedRows } from '../../db/plain-rows.js';
import { badInput, notFound } from '../../errors/domain-error.js';
import { batchLoader } from '../../shared/batch-loader.js';
import type { Clock } from '../../shared/clock.js';
import { isUuid } from '../../shared/ids.js';
import type { Viewer } from '../auth/viewer.js';
import { actorLabel } from '../auth/viewer.js';
import { mayReadMerchant } from '../access/access.js';
import { MerchantProfile } from '../users/merchant-profile.entity.js';
import { User } from '../users/user.entity.js';
import type { MerchantPolicyInput } from './dto/merchant-policy.input.js';
import { MerchantPolicyChange } from './merchant-policy-change.entity.js';

/** How many of a merchant's policy changes are shown, newest first. */
const HISTORY_LIMIT = 100;
const POLICY_FIELDS = ['returnWindowDays', 'responseSlaHours', 'slaTimeoutAction', 'autoApproveLimitMinor', 'restockingFeePercent', 'refundShipping', 'refundTiming', 'warehouseAddress'] as const;

/** A merchant's return policy (SPEC §2): read by the merchant (its own) and staff, changed by admins, every change audited. */
export class MerchantPolicyService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer | null,
    private readonly clock: Clock,
  ) {}

  /** The merchant if the viewer may read its policy; otherwise NOT_FOUND, as for a missing id. */
  async get(merchantId: string): Promise<MerchantProfile> {
    const merchant = mayReadMerchant(this.viewer, merchantId) && isUuid(merchantId) ? await this.em.findOne(MerchantProfile, { id: merchantId }) : null;
    if (!merchant) throw notFound('Merchant', merchantId);
    return merchant;
  }

  /** The merchant's latest policy changes, newest first; the merchants of a list load together (one batch per tick). */
  async history(merchant: MerchantProfile): Promise<MerchantPolicyChange[]> {
    return (await this.loadHistory(merchant.id)) ?? [];
  }

  private readonly loadHistory = batchLoader(async (merchantIds: string[]) => {
    // The newest HISTORY_LIMIT of each merchant: picked by a window over the (merchant, created_at) index, then loaded.
    const picked = await preparedRows<{ id: string }>(this.em, `select id from (
        select id, row_number() over (partition by merchant_id order by created_at desc, id desc) as n
          from merchant_policy_changes where merchant_id = any($1::uuid[])) x
       where n <= ${HISTORY_LIMIT}`, [merchantIds]);
    const changes = picked.length
      ? await this.em.find(MerchantPolicyChange, { id: { $in: picked.map((row) => row.id) } }, { orderBy: { createdAt: 'desc', id: 'desc' } })
      : [];
    const byMerchant = new Map<string, MerchantPolicyChange[]>(merchantIds.map((id) => [id, []]));
    for (const change of changes) byMerchant.get(change.merchant.id)?.push(change);
    return byMerchant;
  });

  /** Admin only (the rule map): applies the given fields and records who changed what from what. */
  async update(merchantId: string, input: MerchantPolicyInput): Promise<MerchantProfile> {
    return this.em.transactional(async (tx) => {
      const merchant = isUuid(merchantId) ? await tx.findOne(MerchantProfile, { id: merchantId }) : null;
      if (!merchant) throw notFound('Merchant', merchantId);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const field of POLICY_FIELDS) {
        let value = input[field];
        if (value === undefined || value === null) continue;
        if (field === 'warehouseAddress') {
          value = String(value).trim();
          if (value.length < 5) throw badInput('The warehouse address needs at least 5 characters.', { field });
        }
        if (merchant[field] !== value) {
          changes[field] = { from: merchant[field], to: value };
          (merchant as unknown as Record<string, unknown>)[field] = value;
        }
      }
      if (Object.keys(changes).length > 0) {
        tx.create(MerchantPolicyChange, {
          merchant,
          actor: this.viewer ? tx.getReference(User, this.viewer.userId) : null,
          actorLabel: actorLabel(this.viewer),
          changes,
          createdAt: this.clock.now(),
        });
      }
      await tx.flush();
      return merchant;
    });
  }
}
