import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../http/context.js';
import { MerchantProfile } from './merchant-profile.entity.js';
import { User } from './user.entity.js';

@Resolver(() => User)
export class UserResolver {
  @FieldResolver(() => MerchantProfile, { nullable: true, description: 'The merchant a merchant user acts for.' })
  merchantProfile(@Root() user: User, @Ctx() ctx: RequestContext): Promise<MerchantProfile | null> {
    return ctx.em.findOne(MerchantProfile, { user: user.id });
  }
}
