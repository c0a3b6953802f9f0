import type { MerchantPolicyInput, RefundTiming, SlaTimeoutAction } from '../../../gql/graphql';

/** The policy form's text fields, as typed. */
export interface PolicyDraft {
  returnWindowDays: string;
  responseSlaHours: string;
  slaTimeoutAction: SlaTimeoutAction;
  autoApproveLimit: string;
  restockingFeePercent: string;
  refundShipping: boolean;
  /** When money moves (issue 22 §4); left out, the policy keeps its own. */
  refundTiming?: RefundTiming;
  warehouseAddress: string;
}

export const REFUND_TIMING_LABEL: Record<RefundTiming, string> = {
  AFTER_INSPECTION: 'After inspection (the goods checked first)',
  WAREHOUSE_DELIVERY: 'On delivery to the warehouse',
  FIRST_CARRIER_SCAN: 'At the first carrier scan',
  AT_APPROVAL: 'At approval',
};

export const SLA_ACTION_LABEL: Record<SlaTimeoutAction, string> = {
  ESCALATE: 'Escalate to ops (urgent)',
  AUTO_APPROVE: 'Approve automatically',
  AUTO_REJECT: 'Reject automatically',
};

const WHOLE = /^\d+$/;
const AMOUNT = /^(\d+)(?:\.(\d{1,2}))?$/;

/** "25", "25.5", "25.50" → 2550 minor units (exact: no floating point); null when it is not an amount. */
export function amountToMinor(text: string): number | null {
  const match = AMOUNT.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

export const minorToAmount = (minor: number): string => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

/**
 * The input to send, or what is wrong with what was typed. Only the form (whole numbers, amounts) is checked here;
 * the limits (1–365 days, 0–100 %…) are the server's, and its messages are shown by the field they concern.
 */
export function toPolicyInput(draft: PolicyDraft): { input: MerchantPolicyInput; problems: null } | { input: null; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const whole = (field: keyof PolicyDraft & keyof MerchantPolicyInput, text: string) => {
    if (!WHOLE.test(text.trim())) problems[field] = 'Enter a whole number.';
    return Number(text.trim());
  };
  const input: MerchantPolicyInput = {
    returnWindowDays: whole('returnWindowDays', draft.returnWindowDays),
    responseSlaHours: whole('responseSlaHours', draft.responseSlaHours),
    restockingFeePercent: whole('restockingFeePercent', draft.restockingFeePercent),
    slaTimeoutAction: draft.slaTimeoutAction,
    refundShipping: draft.refundShipping,
    warehouseAddress: draft.warehouseAddress.trim(),
    ...(draft.refundTiming ? { refundTiming: draft.refundTiming } : {}),
  };
  const limit = amountToMinor(draft.autoApproveLimit);
  if (limit === null) problems.autoApproveLimitMinor = 'Enter an amount such as 25 or 25.00 (0 turns it off).';
  else input.autoApproveLimitMinor = limit;
  return Object.keys(problems).length > 0 ? { input: null, problems } : { input, problems: null };
}
