import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../http/context.js';
import { ReturnRuleInput, ReturnRuleSet } from './return-rules.types.js';
import { RuleSimulation } from './rule-simulation.types.js';

@Resolver(() => ReturnRuleSet)
export class ReturnRulesResolver {
  @Query(() => ReturnRuleSet, { description: "A merchant's ordered return rules: the merchant's own (and its partner tokens'), any for admins." })
  returnRules(@Arg('merchantId', () => ID) merchantId: string, @Ctx() ctx: RequestContext): Promise<ReturnRuleSet> {
    return ctx.services.returnRules.get(merchantId);
  }

  @Mutation(() => ReturnRuleSet, {
    description: "Replaces a merchant's rule set (its own; admins any) when expectedVersion is still current, else CONFLICT. " +
      'A rule set that cannot be right is refused with BAD_USER_INPUT naming the rule (ruleIndex, ruleId) and the field; nothing is saved.',
  })
  saveReturnRules(
    @Arg('merchantId', () => ID) merchantId: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('rules', () => [ReturnRuleInput]) rules: ReturnRuleInput[],
    @Ctx() ctx: RequestContext,
  ): Promise<ReturnRuleSet> {
    return ctx.services.returnRules.save(merchantId, expectedVersion, rules);
  }

  @Query(() => RuleSimulation, {
    description: "Replays a draft rule set over the merchant's cases opened in [from, to) (at most 366 days) with the facts they had " +
      'when opened, against its current rules: matches per rule, outcomes before and after, and a sample of changed cases. Saves nothing.',
  })
  simulateReturnRules(
    @Arg('merchantId', () => ID) merchantId: string,
    @Arg('rules', () => [ReturnRuleInput]) rules: ReturnRuleInput[],
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Ctx() ctx: RequestContext,
  ): Promise<RuleSimulation> {
    return ctx.services.returnRules.simulate(merchantId, rules, from, to);
  }
}
