import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../http/context.js';
import { ReturnRuleInput, ReturnRuleSet } from './return-rules.types.js';

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
}
