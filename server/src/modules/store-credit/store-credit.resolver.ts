import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../http/context.js';
import type { UserRow } from '../returns/case-row.js';
import { User } from '../users/user.entity.js';
import { SpendStoreCreditArgs } from './dto/spend-store-credit.args.js';
import { StoreCreditAccount, StoreCreditSpend } from './store-credit.types.js';

/** Store credit (issue 22 §3): the customer's own accounts on `me`, staff and merchants' reads, and spending on an order. */
@Resolver(() => User)
export class StoreCreditResolver {
  @FieldResolver(() => [StoreCreditAccount], {
    description: "The user's store credit, one account per merchant (the user themself, ops and admins). Empty for anyone without credit.",
  })
  storeCredit(@Root() user: User | UserRow, @Ctx() ctx: RequestContext): Promise<StoreCreditAccount[]> {
    return ctx.services.storeCredit.ofCustomer(user.id).then((accounts) => accounts ?? []);
  }

  @Query(() => [StoreCreditAccount], {
    description:
      "A customer's store-credit accounts: ops and admins every account; a merchant (or its partner token) its own account with one of its " +
      'customers. NOT_FOUND for anyone else, as for an unknown id.',
  })
  storeCreditAccounts(@Arg('customerId', () => ID) customerId: string, @Ctx() ctx: RequestContext): Promise<StoreCreditAccount[]> {
    return ctx.services.storeCredit.forStaff(customerId);
  }

  @Mutation(() => StoreCreditSpend, {
    description:
      "Pays (part of) a pending order (a checkout) or an exchange's unprocessed replacement order (a difference) with the customer's credit with the " +
      "order's merchant: at most what is left of the order total. CONFLICT with rule INSUFFICIENT_STORE_CREDIT when the balance is " +
      'too small (nothing is spent). Merchants and partner tokens their own orders, ops and admins any.',
  })
  spendStoreCredit(@Args() args: SpendStoreCreditArgs, @Ctx() ctx: RequestContext): Promise<StoreCreditSpend> {
    return ctx.services.storeCredit.spendOnOrder(args);
  }
}
