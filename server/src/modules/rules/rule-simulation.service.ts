import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import { badInput, notFound } from '../../errors/domain-error.js';
import type { Clock } from '../../shared/clock.js';
import { isUuid } from '../../shared/ids.js';
import { queueJobs } from '../../shared/job-queue.js';
import { managesMerchant } from '../access/access.js';
import type { Viewer } from '../auth/viewer.js';
import type { MerchantProfile } from '../users/merchant-profile.entity.js';
import { managedMerchant, plainRule } from './return-rules.service.js';
import type { ReturnRule } from './return-rules.model.js';
import type { ReturnRuleInput } from './return-rules.types.js';
import { activeRuleSet } from './rule-set-cache.js';
import type { RuleSimulationJob } from './rule-simulation-job.types.js';
import { insertRun, readRun, simulationJob } from './rule-simulation-runs.js';
import type { RuleSimulation } from './rule-simulation.types.js';
import { MAX_SIMULATION_DAYS, simulateRules, simulationDays } from './rule-simulator.js';
import { countCases } from './simulation-cases.js';
import { validateRuleSet } from './validate-rules.js';

/**
 * The policy simulator (issue 22 §6): a draft rule set replayed over the merchant's cases opened in a range, against
 * its current rules. Small ranges answer in the request (`simulate`, up to RULE_SIMULATION_SYNC_MAX_CASES cases);
 * any range runs in the background (`start`, then `get` for progress and result). Nothing about the cases changes.
 */
export class RuleSimulationService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer | null,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'ruleSimulationSyncMaxCases'>,
  ) {}

  async simulate(merchantId: string, input: ReturnRuleInput[], from: Date, to: Date): Promise<RuleSimulation> {
    const { merchant, draft } = await this.prepare(merchantId, input, from, to);
    const cases = await countCases(this.em, merchant.id, from, to);
    const maxCases = this.config.ruleSimulationSyncMaxCases;
    if (cases > maxCases) {
      throw badInput(`This range holds ${cases} cases; at most ${maxCases} are simulated at once. Run it in the background (startRuleSimulation).`, { field: 'to', cases, maxCases });
    }
    const current = await activeRuleSet(this.em, merchant);
    const result = await simulateRules(this.em, merchant.id, current.rules, draft, from, to);
    return { currentVersion: current.version, ...result };
  }

  /** Queues a simulation of any range (at most 366 days): the row and its job in one transaction. */
  async start(merchantId: string, input: ReturnRuleInput[], from: Date, to: Date): Promise<RuleSimulationJob> {
    const { merchant, draft } = await this.prepare(merchantId, input, from, to);
    const current = await activeRuleSet(this.em, merchant);
    const casesTotal = await countCases(this.em, merchant.id, from, to);
    const id = randomUUID();
    return this.em.transactional(async (tx) => {
      const run = await insertRun(tx, {
        id, merchantId: merchant.id, requestedById: this.viewer?.userId ?? null, draft, current, from, to, casesTotal, createdAt: this.clock.now(),
      });
      queueJobs(tx, [simulationJob(id)]);
      return run;
    });
  }

  /** A simulation of a merchant the viewer manages (admins: any); any other id answers NOT_FOUND. */
  async get(id: string): Promise<RuleSimulationJob> {
    const run = isUuid(id) ? await readRun(this.em, id) : null;
    if (!run || !managesMerchant(this.viewer, run.merchantId)) throw notFound('Rule simulation', id);
    return run;
  }

  /** The checks both forms share: the rules are valid, the range is 1 ms to 366 days, the merchant is the viewer's. */
  private async prepare(merchantId: string, input: ReturnRuleInput[], from: Date, to: Date): Promise<{ merchant: MerchantProfile; draft: ReturnRule[] }> {
    const draft = validateRuleSet(input.map(plainRule));
    const days = simulationDays(from, to);
    if (!(days > 0)) throw badInput('The range must end after it starts.', { field: 'to' });
    if (days > MAX_SIMULATION_DAYS) throw badInput(`A simulation covers at most ${MAX_SIMULATION_DAYS} days.`, { field: 'to' });
    const merchant = await managedMerchant(this.em, this.viewer, merchantId);
    return { merchant, draft };
  }
}
