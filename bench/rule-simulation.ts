// The policy simulator at volume (issue 22 §6: ≤ 10 s for 100,000 cases). The volume spreads its cases over many
// merchants (a few hundred each), so in the run's throwaway copy the newest cases — up to 100,000 within the last
// 366 days — are given to one merchant first (not timed). Then the run_rule_simulation job's own work
// (`runSimulation`: count, replay in keyset batches with progress written after each, result stored) runs in process
// on a simulation row, under a draft of six rules against the merchant's default set. Timed: the whole job, twice.
// Not included: the outbox relay and the worker's pick-up (LISTEN/NOTIFY), which add well under a second.
import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../server/src/db/orm-config.js';
import { CasePriority } from '../server/src/modules/returns/return-case.enums.js';
import { DAY_MS, systemClock } from '../server/src/shared/clock.js';
import type { ReturnRule } from '../server/src/modules/rules/return-rules.model.js';
import { activeRuleSet } from '../server/src/modules/rules/rule-set-cache.js';
import { insertRun, readRun, runSimulation } from '../server/src/modules/rules/rule-simulation-runs.js';
import { MerchantProfile } from '../server/src/modules/users/merchant-profile.entity.js';

export const SIMULATION_TARGET = { cases: 100_000, seconds: 10 };

export interface RuleSimulationBench {
  cases: number;
  /** Each timed replay, in order. */
  seconds: number[];
  /** At the slower of the replays. */
  casesPerSecond: number;
  /** Giving the cases to one merchant (not timed). */
  setupSeconds: number;
}

const DRAFT: ReturnRule[] = [
  { id: 'keep-cheap', name: 'Keep items under 15.00', conditions: [{ field: 'itemPriceMinor', max: 1499 }], actions: [{ type: 'KEEP_ITEM' }, { type: 'AUTO_APPROVE' }] },
  { id: 'late', name: 'Late returns', conditions: [{ field: 'daysSinceDelivery', min: 45 }], actions: [{ type: 'REFUSE', message: 'Too late.' }] },
  { id: 'high-risk', name: 'High risk to review', conditions: [{ field: 'riskLabel', anyOf: ['high'] }], actions: [{ type: 'REVIEW', priority: CasePriority.HIGH }] },
  { id: 'serial', name: 'Three returns in 90 days', conditions: [{ field: 'returnsLast90Days', min: 3 }], actions: [{ type: 'REVIEW', priority: CasePriority.MEDIUM }] },
  { id: 'damaged-photo', name: 'Damage needs a photo', conditions: [{ field: 'reason', anyOf: ['defective_damaged'] }, { field: 'evidencePhotos', max: 0 }], actions: [{ type: 'REQUIRE_PHOTOS', photos: 1 }] },
  { id: 'credit', name: 'Store credit +10 %', conditions: [{ field: 'reason', anyOf: ['changed_mind', 'other'] }], actions: [{ type: 'OFFER_STORE_CREDIT', bonusPercent: 10 }, { type: 'RESTOCKING_FEE', percent: 0 }] },
];

export async function measureRuleSimulation(dbUrl: string, anchor: Date, log: (line: string) => void): Promise<RuleSimulationBench> {
  const orm = await MikroORM.init(ormConfig(dbUrl, { debug: false }));
  try {
    const em = orm.em.fork();
    const to = new Date(anchor.getTime() + DAY_MS);
    const from = new Date(to.getTime() - 366 * DAY_MS);
    const setupStarted = Date.now();
    const [merchant] = await em.getConnection().execute<Array<{ id: string }>>('select id from merchant_profiles order by id limit 1');
    await em.getConnection().execute(
      `update return_cases set merchant_id = ? where id in (select id from return_cases where created_at >= ? and created_at < ? order by created_at desc limit ?)`,
      [merchant.id, from, to, SIMULATION_TARGET.cases]);
    await em.getConnection().execute('analyze return_cases');
    const setupSeconds = (Date.now() - setupStarted) / 1000;
    const profile = await em.findOneOrFail(MerchantProfile, { id: merchant.id });
    const current = await activeRuleSet(em, profile);
    const seconds: number[] = [];
    let cases = 0;
    for (let run = 0; run < 2; run++) {
      const id = randomUUID();
      await insertRun(em, { id, merchantId: merchant.id, requestedById: null, draft: DRAFT, current, from, to, casesTotal: 0, createdAt: new Date() });
      const started = process.hrtime.bigint();
      await runSimulation(em, systemClock, id, true);
      seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
      const { result } = (await readRun(em, id))!;
      cases = result!.cases;
      log(`  job ${run + 1}: ${cases.toLocaleString('en-US')} cases in ${seconds.at(-1)!.toFixed(2)} s; after: ${JSON.stringify(result!.after)}`);
    }
    return { cases, seconds, casesPerSecond: cases / Math.max(...seconds), setupSeconds };
  } finally {
    await orm.close(true);
  }
}
