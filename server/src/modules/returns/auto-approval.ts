import type { EntityManager } from '@mikro-orm/postgresql';
import { MerchantProfile } from '../users/merchant-profile.entity.js';
import { SYSTEM_ACTOR } from './actor.js';
import type { CaseWorkflow } from './case-workflow.service.js';
import { CaseStatus, RiskLabel } from './return-case.enums.js';
import type { ReturnCase } from './return-case.entity.js';

/**
 * SPEC §5: a case is approved at once when its refund is under the merchant's auto-approve limit and its risk is
 * low. A limit of 0 turns it off. Without a risk label the risk is not known to be low, so no.
 */
export function qualifiesForAutoApproval(input: { refundAmountMinor: number; autoApproveLimitMinor: number; riskLabel: RiskLabel | null }): boolean {
  return input.autoApproveLimitMinor > 0 && input.refundAmountMinor < input.autoApproveLimitMinor && input.riskLabel === RiskLabel.LOW;
}

/**
 * Approves a submitted case as the system when it qualifies, inside the caller's transaction. Called when a case is
 * opened (with `rc.riskLabel` as it stands — null until scoring runs) and meant to be called again by risk scoring
 * once a score is persisted: that is the seam where the score decides. Returns whether the case was approved.
 */
export async function autoApproveIfEligible(tx: EntityManager, workflow: CaseWorkflow, rc: ReturnCase, at: Date): Promise<boolean> {
  if (rc.status !== CaseStatus.SUBMITTED) return false;
  const merchant = await tx.findOneOrFail(MerchantProfile, rc.merchant.id);
  if (!qualifiesForAutoApproval({ refundAmountMinor: rc.refundAmountMinor, autoApproveLimitMinor: merchant.autoApproveLimitMinor, riskLabel: rc.riskLabel })) return false;
  await workflow.applyTransition(tx, rc, CaseStatus.APPROVED, SYSTEM_ACTOR, at, {
    note: `Approved automatically: refund under the merchant's limit of ${merchant.autoApproveLimitMinor} (minor units) and low risk.`,
    payload: { autoApproved: true, limitMinor: merchant.autoApproveLimitMinor, riskLabel: rc.riskLabel },
  });
  return true;
}
