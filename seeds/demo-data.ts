import type { EntityManager } from '@mikro-orm/postgresql';
import { hashPassword, DEMO_PASSWORD } from '../server/src/modules/auth/passwords.js';
import { User } from '../server/src/modules/users/user.entity.js';
import { DEMO_USERS, seedDemoCatalogue } from './demo-catalogue.js';
import { seedDemoCase, storeDemoRiskInputs } from './demo-cases.js';
import { demoOrderMaker, seedDemoOrders } from './demo-orders.js';
import { seedOutcomesDemo } from './demo-outcomes.js';

export { DEMO_USERS } from './demo-catalogue.js';

export const DEMO_CASE_COUNT = 32;

export interface SeedSummary {
  skipped: boolean;
  users: number;
  orders: number;
  cases: number;
}

/**
 * The demo data of SPEC §10: eight users, two merchants with different policies, products, orders in every
 * state, a third merchant with saved return rules and its own customer (the outcomes of issue 22), and 32 return cases over every status, priority, reason and risk label, with evidence photos, inspection
 * photos, return labels, notes and events. The files themselves are put in storage by `ensureDemoFiles`.
 * Idempotent: when the demo users exist it changes nothing. Every id is derived from a name and every time
 * from `now`, so the same `now` gives the same rows.
 */
export async function seedDemoData(em: EntityManager, now: Date): Promise<SeedSummary> {
  if (await em.count(User, { username: 'admin.demo' })) return { skipped: true, users: 0, orders: 0, cases: 0 };
  const at = (msBefore: number) => new Date(now.getTime() - msBefore);
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return em.transactional(async (tx) => {
    const catalogue = seedDemoCatalogue(tx, at, passwordHash);
    const { users, customers, merchants } = catalogue;
    const { makeOrder, count: orderCount } = demoOrderMaker(tx, at, catalogue);
    seedDemoOrders(customers, makeOrder);

    const ops = users.get('ops.demo')!;
    // 32 cases, oldest first so case numbers run in time order.
    for (let n = DEMO_CASE_COUNT - 1; n >= 0; n--) {
      await seedDemoCase(tx, { now, at, customers, merchants, ops, makeOrder }, n);
    }
    await tx.flush();
    await storeDemoRiskInputs(tx);
    // Last, so every order above keeps its number.
    await seedOutcomesDemo(tx, at, catalogue, makeOrder);
    return { skipped: false, users: DEMO_USERS.length, orders: orderCount(), cases: DEMO_CASE_COUNT };
  });
}
