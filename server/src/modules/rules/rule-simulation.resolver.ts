import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../http/context.js';
import { ReturnRuleInput } from './return-rules.types.js';
import { RuleSimulationJob } from './rule-simulation-job.types.js';
import { RuleSimulation } from './rule-simulation.types.js';

@Resolver(() => RuleSimulation)
export class RuleSimulationResolver {
  @Query(() => RuleSimulation, {
    description: "Replays a draft rule set over the merchant's cases opened in [from, to) (at most 366 days) with the facts they had " +
      'when opened, against its current rules: matches per rule, outcomes and money before and after, and a sample of changed cases. ' +
      'Answers in the request up to 10,000 cases (RULE_SIMULATION_SYNC_MAX_CASES); a range holding more gets BAD_USER_INPUT ' +
      '(extensions: cases, maxCases): use startRuleSimulation. Saves nothing.',
  })
  simulateReturnRules(
    @Arg('merchantId', () => ID) merchantId: string,
    @Arg('rules', () => [ReturnRuleInput]) rules: ReturnRuleInput[],
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Ctx() ctx: RequestContext,
  ): Promise<RuleSimulation> {
    return ctx.services.ruleSimulations.simulate(merchantId, rules, from, to);
  }

  @Mutation(() => RuleSimulationJob, {
    description: 'The same simulation over any range of at most 366 days, run in the background: answers at once with the ' +
      'simulation QUEUED; read its progress and result with ruleSimulation(id).',
  })
  startRuleSimulation(
    @Arg('merchantId', () => ID) merchantId: string,
    @Arg('rules', () => [ReturnRuleInput]) rules: ReturnRuleInput[],
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Ctx() ctx: RequestContext,
  ): Promise<RuleSimulationJob> {
    return ctx.services.ruleSimulations.start(merchantId, rules, from, to);
  }

  @Query(() => RuleSimulationJob, { description: "A background simulation of the merchant's (admins: any): status, progress and, once done, the result." })
  ruleSimulation(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<RuleSimulationJob> {
    return ctx.services.ruleSimulations.get(id);
  }
}
