/** returnEligibility's answers as the customer's pages read them; override what a test is about. */

export const merchant = { __typename: 'MerchantProfile', id: 'm1', name: 'Northwind Goods', returnWindowDays: 30 };

/** One item's terms for one reason (byReason): a refund or an exchange, no fee of the rules, no photo, unless overridden. */
export const reasonTerms = (reason: string, over: Record<string, unknown> = {}) => ({
  __typename: 'ReasonTerms',
  reason,
  outcomes: ['REFUND', 'EXCHANGE'],
  storeCreditBonusPercent: null,
  ruleMessage: null,
  restockingFeePercent: null,
  returnShippingFeeMinor: null,
  requiredPhotos: 0,
  ...over,
});

export const eligibleItem = (id: string, name: string, over: Record<string, unknown> = {}) => ({
  __typename: 'ItemEligibility',
  orderItemId: id,
  name,
  sku: `SKU-${id}`,
  unitPriceMinor: 2999,
  orderedQuantity: 2,
  claimedQuantity: 0,
  returnableQuantity: 2,
  finalSale: false,
  eligible: true,
  reason: null,
  outcomes: ['REFUND', 'EXCHANGE'],
  storeCreditBonusPercent: null,
  requiredPhotos: 0,
  byReason: [],
  ...over,
});

export const eligibilityAnswer = (over: Record<string, unknown> = {}) => ({
  __typename: 'ReturnEligibility',
  orderId: 'o1',
  eligible: true,
  reason: null,
  rule: null,
  windowDays: 30,
  windowEndsAt: '2026-12-19T10:00:00.000Z',
  daysSinceDelivery: 3,
  items: [
    eligibleItem('oi1', 'Stoneware mug set'),
    eligibleItem('oi2', 'Clearance tote bag', { eligible: false, returnableQuantity: 0, finalSale: true, reason: 'Final-sale items cannot be returned.', outcomes: [] }),
  ],
  ...over,
});

/** The open-return page's query answer: order o1 (delivered) of Northwind with this policy restocking fee and these items. */
export const openReturnAnswer = (restockingFeePercent: number, eligibility: Record<string, unknown> = {}) => ({
  data: {
    order: { __typename: 'Order', id: 'o1', number: 'ORD-1', status: 'DELIVERED', deliveredAt: '2026-11-13T10:00:00.000Z', currency: 'USD', merchant: { ...merchant, restockingFeePercent } },
    returnEligibility: eligibilityAnswer(eligibility),
  },
});
