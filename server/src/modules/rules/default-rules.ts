import { ReturnReason, RiskLabel } from '../returns/return-case.enums.js';
import type { ReturnRule } from './return-rules.model.js';

/** The numbers of a merchant's policy (merchant_profiles) that the default rule set is made of. */
export interface PolicyNumbers {
  returnWindowDays: number;
  autoApproveLimitMinor: number;
  restockingFeePercent: number;
}

/** Reasons that are the merchant's fault: no restocking fee (as refund-calculator.ts). */
const FEE_REASONS = [ReturnReason.NOT_AS_DESCRIBED, ReturnReason.CHANGED_MIND, ReturnReason.OTHER];

/**
 * The rule set of a merchant that never saved one (version 0): today's policy written as rules, so nothing changes.
 * Window: refused after `returnWindowDays` started days. Auto-approve: a refund under the limit with low risk.
 * Restocking fee: charged except for defective or wrong items. Rules are derived, never stored.
 */
export function defaultRuleSet(policy: PolicyNumbers): ReturnRule[] {
  const rules: ReturnRule[] = [{
    id: 'default-return-window',
    name: `Return window: ${policy.returnWindowDays} days after delivery`,
    conditions: [{ field: 'daysSinceDelivery', min: policy.returnWindowDays + 1 }],
    actions: [{ type: 'REFUSE', message: `Return window expired. You can only return orders within ${policy.returnWindowDays} days of delivery.` }],
  }];
  if (policy.autoApproveLimitMinor > 0) {
    rules.push({
      id: 'default-auto-approve',
      name: 'Approve small refunds with low risk at once',
      conditions: [{ field: 'returnValueMinor', max: policy.autoApproveLimitMinor - 1 }, { field: 'riskLabel', anyOf: [RiskLabel.LOW] }],
      actions: [{ type: 'AUTO_APPROVE' }],
    });
  }
  if (policy.restockingFeePercent > 0) {
    rules.push({
      id: 'default-restocking-fee',
      name: `Restocking fee of ${policy.restockingFeePercent} %`,
      conditions: [{ field: 'reason', anyOf: FEE_REASONS }],
      actions: [{ type: 'RESTOCKING_FEE', percent: policy.restockingFeePercent }],
    });
  }
  return rules;
}
