import { ReturnReason } from './return-case.enums.js';

export interface RefundLine {
  quantity: number;
  unitPriceMinor: number;
}

export interface RefundInput {
  lines: RefundLine[];
  reason: ReturnReason;
  restockingFeePercent: number;
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
  shippingMinor: number;
  /** What the customer gets: items − fee + shipping, capped at what is left of the order total. */
  refundMinor: number;
  capped: boolean;
}

/** Reasons that are the merchant's fault: no restocking fee (SPEC §2). */
const FEE_WAIVED = new Set([ReturnReason.DEFECTIVE_DAMAGED, ReturnReason.WRONG_ITEM]);

/**
 * The refund of SPEC §6, in integer minor units only. Shipping is refunded only when the policy says so, and
 * then once per order: with the return that takes back the rest of the order.
 */
export function computeRefund(input: RefundInput): RefundBreakdown {
  const itemsMinor = input.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceMinor, 0);
  const percent = FEE_WAIVED.has(input.reason) ? 0 : input.restockingFeePercent;
  // Round half up on whole minor units; the fee never exceeds the items' value.
  const restockingFeeMinor = Math.min(itemsMinor, Math.floor((itemsMinor * percent + 50) / 100));
  const shippingMinor = input.refundShipping && input.returnsRestOfOrder ? input.shippingFeeMinor : 0;
  const uncapped = itemsMinor - restockingFeeMinor + shippingMinor;
  const remaining = Math.max(0, input.orderTotalMinor - input.alreadyRefundedMinor);
  return {
    itemsMinor,
    restockingFeeMinor,
    shippingMinor,
    refundMinor: Math.min(uncapped, remaining),
    capped: uncapped > remaining,
  };
}
