import { Arg, Ctx, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../http/context.js';
import { Connection } from '../../shared/connection.js';
import { Product } from '../orders/product.entity.js';
import { MerchantProfile } from '../users/merchant-profile.entity.js';
import { LOW_STOCK_THRESHOLD } from './stock-levels.service.js';

@ObjectType({ simpleResolvers: true })
export class ProductConnection extends Connection('Product', Product) {}

@Resolver(() => Product)
export class StockResolver {
  @Query(() => ProductConnection, {
    description:
      'Stock per SKU, ordered by SKU (a cursor connection: first/after). Merchants and their partner tokens see their own products; ' +
      'ops and admins any merchant\'s (`merchantId`), or every product without it. `search` matches SKU or name (case-insensitive).',
  })
  stock(
    @Ctx() ctx: RequestContext,
    @Arg('merchantId', () => ID, { nullable: true }) merchantId?: string,
    @Arg('search', () => String, { nullable: true }) search?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return ctx.services.stock.list({ merchantId, search, first, after });
  }

  // The merchants of a page's products load in one batch (one query per page).
  @FieldResolver(() => MerchantProfile)
  async merchant(@Root() product: Product, @Ctx() ctx: RequestContext): Promise<MerchantProfile> {
    return (await ctx.services.merchantProfileById(product.merchant.id))!;
  }

  @FieldResolver(() => Boolean, { description: `At or below ${LOW_STOCK_THRESHOLD} units.` })
  lowStock(@Root() product: Product): boolean {
    return product.stock <= LOW_STOCK_THRESHOLD;
  }
}
