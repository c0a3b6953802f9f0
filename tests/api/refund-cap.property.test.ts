// Property: for any order and any sequence of returns on it — any prices, quantities, reasons, policies, and any
// lowering at inspection — no refund exceeds what is left of the order total, and together they never exceed it.
// It runs the same two functions the server runs: computeRefund at opening, capToRemaining when the refund is made.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capToRemaining } from '../../server/src/modules/refunds/refund-cap.js';
import { computeRefund } from '../../server/src/modules/returns/refund-calculator.js';
import { ReturnReason } from '../../server/src/modules/returns/return-case.enums.js';

const orderArb = fc.record({
  items: fc.array(fc.record({ unitPriceMinor: fc.integer({ min: 0, max: 500_000 }), quantity: fc.integer({ min: 1, max: 6 }) }), { minLength: 1, maxLength: 6 }),
  shippingFeeMinor: fc.integer({ min: 0, max: 5_000 }),
  taxMinor: fc.integer({ min: 0, max: 50_000 }),
  // Earlier refunds not tied to these returns (goodwill, a partial cancellation…).
  priorRefundShare: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
  policy: fc.record({ restockingFeePercent: fc.integer({ min: 0, max: 100 }), refundShipping: fc.boolean() }),
});

/** A sequence of returns, each taking some of what is left of each item; inspection may lower each refund. */
const returnsArb = fc.array(
  fc.record({
    shares: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
    reason: fc.constantFrom(...Object.values(ReturnReason)),
    lowerBy: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    // Cases are open in parallel: some are refunded before the next one opens, others only at the end.
    refundedBeforeNextOpens: fc.boolean(),
  }),
  { minLength: 1, maxLength: 5 },
);

describe('refund cap (SPEC §6)', () => {
  it('never refunds more than the order total minus what was already refunded', () => {
    fc.assert(
      fc.property(orderArb, returnsArb, (order, returns) => {
        const subtotal = order.items.reduce((sum, i) => sum + i.quantity * i.unitPriceMinor, 0);
        const total = subtotal + order.shippingFeeMinor + order.taxMinor;
        const left = order.items.map((i) => i.quantity);
        let refunded = Math.floor(order.priorRefundShare * total);

        const payLater: number[] = [];
        const pay = (due: number) => {
          const paid = capToRemaining(due, total, refunded);
          expect(Number.isInteger(paid.amountMinor)).toBe(true);
          expect(paid.amountMinor).toBeGreaterThanOrEqual(0);
          expect(paid.amountMinor).toBeLessThanOrEqual(due);
          expect(paid.amountMinor).toBeLessThanOrEqual(total - refunded);
          refunded += paid.amountMinor;
        };
        for (const r of returns) {
          const lines = order.items
            .map((item, n) => ({ n, quantity: Math.min(left[n], Math.floor(r.shares[n] * (left[n] + 1))), unitPriceMinor: item.unitPriceMinor }))
            .filter((l) => l.quantity > 0);
          if (lines.length === 0) continue;
          for (const l of lines) left[l.n] -= l.quantity;
          const atOpening = computeRefund({
            lines,
            reason: r.reason,
            restockingFeePercent: order.policy.restockingFeePercent,
            refundShipping: order.policy.refundShipping,
            returnsRestOfOrder: left.every((q) => q === 0),
            shippingFeeMinor: order.shippingFeeMinor,
            orderTotalMinor: total,
            alreadyRefundedMinor: refunded,
          });
          expect(Number.isInteger(atOpening.refundMinor)).toBe(true);
          expect(atOpening.refundMinor).toBeGreaterThanOrEqual(0);
          expect(atOpening.refundMinor).toBeLessThanOrEqual(total - refunded);

          // Inspection may only lower it; the refund itself is capped again against the order as it is then.
          const due = r.lowerBy === null ? atOpening.refundMinor : Math.floor(atOpening.refundMinor * (1 - r.lowerBy));
          if (r.refundedBeforeNextOpens) pay(due);
          else payLater.push(due);
        }
        payLater.forEach(pay);
        expect(refunded).toBeLessThanOrEqual(total);
      }),
      { numRuns: 2_000, seed: 20261122 },
    );
  });

  it('caps even when the inputs are already past the total (never negative)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 20_000_000 }), (due, total, already) => {
        const { amountMinor, remainingMinor, capped } = capToRemaining(due, total, already);
        expect(amountMinor).toBe(Math.max(0, Math.min(due, total - already)));
        expect(remainingMinor).toBe(Math.max(0, total - already));
        expect(capped).toBe(amountMinor < due);
      }),
      { numRuns: 1_000, seed: 7 },
    );
  });
});
