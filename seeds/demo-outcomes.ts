import type { EntityManager } from '@mikro-orm/postgresql';
import { OrderStatus } from '../server/src/modules/orders/order.enums.js';
import { validateRuleSet } from '../server/src/modules/rules/validate-rules.js';
import { CasePriority } from '../server/src/modules/returns/return-case.enums.js';
import { CustomerProfile } from '../server/src/modules/users/customer-profile.entity.js';
import { DAY_MS } from '../server/src/shared/clock.js';
import type { DemoCatalogue } from './demo-catalogue.js';
import type { MakeDemoOrder } from './demo-orders.js';
import { stableId } from './stable-id.js';

/**
 * Tidewater Outfitters' saved return rules (version 1), showing issue 22's outcomes. No other demo merchant has saved
 * rules, so the tests that rely on Northwind's or Bazaar's policy are not affected. The keep rule has no reason
 * condition: returnEligibility asks before a reason is chosen, so a rule on the reason could not be offered there.
 */
export const TIDEWATER_RULES = [
  {
    id: 'frequent-returns-review',
    name: 'Three returns in 90 days go to review',
    conditions: [{ field: 'returnsLast90Days', min: 3 }],
    actions: [{ type: 'REVIEW', priority: CasePriority.HIGH }],
  },
  {
    id: 'keep-small-items',
    name: 'Keep items under 15.00 — approve at once, no need to send them back',
    conditions: [{ field: 'itemPriceMinor', max: 1_499 }],
    actions: [{ type: 'KEEP_ITEM' }, { type: 'AUTO_APPROVE' }],
  },
  {
    id: 'damaged-photo',
    name: 'Damaged claims need 1 photo',
    conditions: [{ field: 'reason', anyOf: ['defective_damaged'] }],
    actions: [{ type: 'REQUIRE_PHOTOS', photos: 1 }],
  },
  {
    id: 'changed-mind-label',
    name: 'Changed mind: 4.95 for the return label',
    conditions: [{ field: 'reason', anyOf: ['changed_mind'] }],
    actions: [{ type: 'RETURN_SHIPPING_FEE', amountMinor: 495 }],
  },
  {
    id: 'store-credit-bonus',
    name: 'Offer store credit with a 10 % bonus',
    conditions: [],
    actions: [{ type: 'OFFER_STORE_CREDIT', bonusPercent: 10 }],
  },
];

/**
 * The outcomes demo: customer.three's profile and delivered Tidewater orders (made after every other demo order, so
 * the other orders keep their numbers), and Tidewater's rule set with its history row, as saveReturnRules writes them.
 */
export async function seedOutcomesDemo(tx: EntityManager, at: (msBefore: number) => Date, { users, merchants }: DemoCatalogue, makeOrder: MakeDemoOrder): Promise<void> {
  const customer = users.get('customer.three')!;
  tx.create(CustomerProfile, { id: stableId('customer-profile:customer.three'), user: customer, phone: '+1 555 0103', shippingAddress: '5 Cedar Lane, Tacoma, WA 98402, USA' });
  // Delivered three and five days ago (orders are delivered three days after they are placed).
  makeOrder(customer, 'three', OrderStatus.DELIVERED, 6 * DAY_MS, [['TW-SOCK-01', 2], ['TW-BOTL-03', 1]]);
  makeOrder(customer, 'three', OrderStatus.DELIVERED, 8 * DAY_MS, [['TW-TENT-04', 1], ['TW-LITE-02', 1]]);
  await tx.flush();

  const rules = JSON.stringify(validateRuleSet(TIDEWATER_RULES));
  const savedAt = at(30 * DAY_MS);
  const by = users.get('merchant.three')!;
  await tx.getConnection().execute(
    `insert into return_rule_sets (merchant_id, version, rules, updated_at, updated_by_id, updated_by) values (?, 1, ?::jsonb, ?, ?, ?)`,
    [merchants.three.id, rules, savedAt, by.id, by.username], 'run', tx.getTransactionContext(),
  );
  await tx.getConnection().execute(
    `insert into return_rule_set_versions (merchant_id, version, rules, created_at, actor_id, actor_label) values (?, 1, ?::jsonb, ?, ?, ?)`,
    [merchants.three.id, rules, savedAt, by.id, by.username], 'run', tx.getTransactionContext(),
  );
}
