import { ReturnReason } from './return-case.enums.js';

export interface RefundLine {
  quantity: number;
  unitPriceMinor: number;
}

export interface RefundInput {
  lines: RefundLine[];
  reason: ReturnReason;
  restockingFeePercent: number;
  /** What the customer pays for the return label (a merchant's rule), deducted from the refund; 0 when none. */
  returnShippingFeeMinor?: number;
  refundShipping: boolean;
  /** True when this return takes back everything on the order not already returned. */
  returnsRestOfOrder: boolean;
  shippingFeeMinor: number;
  orderTotalMinor: number;
  alreadyRefundedMinor: number;
}

export interface RefundBreakdown {
  itemsMinor: number;
  restockingFeeMinor: number;
  returnShippingFeeMinor: number;
  shippingMinor: number;
  /** What the customer gets: items − fees + shipping, never below 0, capped at what is left of the order total. */
  refundMinor: number;
  capped: boolean;
}

/** Reasons that are the merchant's fault: no restocking fee (SPEC §2) and no return shipping fee. */
const FEE_WAIVED = new Set([ReturnReason.DEFECTIVE_DAMAGED, ReturnReason.WRONG_ITEM]);

/**
 * The refund of SPEC §6, in integer minor units only. Shipping is refunded only when the policy says so, and
 * then once per order: with the return that takes back the rest of the order.
 */
export function computeRefund(input: RefundInput): RefundBreakdown {
  const itemsMinor = input.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceMinor, 0);
  const waived = FEE_WAIVED.has(input.reason);
  const percent = waived ? 0 : input.restockingFeePercent;
  // Round half up on whole minor units; the fee never exceeds the items' value.
  const restockingFeeMinor = Math.min(itemsMinor, Math.floor((itemsMinor * percent + 50) / 100));
  const shippingMinor = input.refundShipping && input.returnsRestOfOrder ? input.shippingFeeMinor : 0;
  // The label fee never takes more than what is left after the restocking fee (the refund is never negative).
  const returnShippingFeeMinor = waived ? 0 : Math.min(input.returnShippingFeeMinor ?? 0, itemsMinor - restockingFeeMinor + shippingMinor);
  const uncapped = itemsMinor - restockingFeeMinor - returnShippingFeeMinor + shippingMinor;
  const remaining = Math.max(0, input.orderTotalMinor - input.alreadyRefundedMinor);
  return {
    itemsMinor,
    restockingFeeMinor,
    returnShippingFeeMinor,
    shippingMinor,
    refundMinor: Math.min(uncapped, remaining),
    capped: uncapped > remaining,
  };
}
