/**
 * SPEC §6: a refund never exceeds the order total minus what was already refunded (or is being refunded) on it.
 * Integer minor units only; never negative.
 */
export function capToRemaining(dueMinor: number, orderTotalMinor: number, alreadyRefundedMinor: number): { amountMinor: number; remainingMinor: number; capped: boolean } {
  const remainingMinor = Math.max(0, orderTotalMinor - alreadyRefundedMinor);
  const amountMinor = Math.max(0, Math.min(dueMinor, remainingMinor));
  return { amountMinor, remainingMinor, capped: amountMinor < dueMinor };
}
