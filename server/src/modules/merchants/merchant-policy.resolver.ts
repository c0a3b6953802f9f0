import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../http/context.js';
import { MerchantProfile } from '../users/merchant-profile.entity.js';
import { MerchantPolicyInput } from './dto/merchant-policy.input.js';
import { MerchantPolicyChange } from './merchant-policy-change.entity.js';

@Resolver(() => MerchantProfile)
export class MerchantPolicyResolver {
  @Query(() => MerchantProfile, { description: "A merchant and its return policy: the merchant's own, or any for ops and admins." })
  merchantPolicy(@Arg('merchantId', () => ID) merchantId: string, @Ctx() ctx: RequestContext): Promise<MerchantProfile> {
    return ctx.services.merchantPolicies.get(merchantId);
  }

  @Mutation(() => MerchantProfile, { description: "Admin: changes a merchant's return policy (only the fields given); every change is audited." })
  updateMerchantPolicy(
    @Arg('merchantId', () => ID) merchantId: string,
    @Arg('input', () => MerchantPolicyInput) input: MerchantPolicyInput,
    @Ctx() ctx: RequestContext,
  ): Promise<MerchantProfile> {
    return ctx.services.merchantPolicies.update(merchantId, input);
  }

  @FieldResolver(() => [MerchantPolicyChange], { description: 'Policy changes, newest first (ops and admins).' })
  policyChanges(@Root() merchant: MerchantProfile, @Ctx() ctx: RequestContext): Promise<MerchantPolicyChange[]> {
    return ctx.services.merchantPolicies.history(merchant);
  }
}
