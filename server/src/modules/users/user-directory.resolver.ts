import { Arg, Args, ArgsType, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Connection } from '../../shared/connection.js';
import { MerchantProfile } from './merchant-profile.entity.js';
import { IsOptional, MaxLength } from 'class-validator';
import type { RequestContext } from '../../http/context.js';
import { UserFilter } from './dto/user-filter.input.js';
import { MerchantPage, UserPage } from './user-directory.types.js';
import { User } from './user.entity.js';

@ArgsType()
class MerchantsArgs {
  @Field(() => String, { nullable: true, description: 'Part of the merchant name.' })
  @IsOptional()
  @MaxLength(200, { message: 'Search for at most 200 characters.' })
  search?: string | null;

  @Field(() => Int, { nullable: true, description: 'Missing, invalid or out of range → 1.' })
  page?: number | null;
}

@ArgsType()
class MerchantConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Part of the merchant name.' })
  @IsOptional()
  @MaxLength(200, { message: 'Search for at most 200 characters.' })
  search?: string | null;

  @Field(() => Int, { nullable: true })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@ObjectType({ simpleResolvers: true })
class UserConnection extends Connection('User', User) {}

@ObjectType({ simpleResolvers: true })
class MerchantConnection extends Connection('Merchant', MerchantProfile) {}

@Resolver()
export class UserDirectoryResolver {
  @Query(() => UserPage, { description: 'Admin: users by display name, 20 a page, with search, role and active filters.' })
  users(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => UserFilter, { nullable: true }) filter?: UserFilter,
    @Arg('page', () => Int, { nullable: true, description: 'Missing, invalid or out of range → 1.' }) page?: number,
  ): Promise<UserPage> {
    return ctx.services.userDirectory.users(filter, page);
  }

  @Query(() => MerchantPage, { description: 'Admin: merchants by name, 20 a page, with their return policies.' })
  merchants(@Args(() => MerchantsArgs) args: MerchantsArgs, @Ctx() ctx: RequestContext): Promise<MerchantPage> {
    return ctx.services.userDirectory.merchants(args.search, args.page);
  }

  @Query(() => UserConnection, {
    description: 'Admin: users as a cursor connection (first/after) in creation order, oldest first — for partner systems paging through; the same filters as users.',
  })
  userConnection(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => UserFilter, { nullable: true }) filter?: UserFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return ctx.services.userDirectory.userConnection(filter, first, after);
  }

  @Query(() => MerchantConnection, { description: 'Admin: merchants as a cursor connection (first/after) in creation order, oldest first; search as in merchants.' })
  merchantConnection(@Args(() => MerchantConnectionArgs) args: MerchantConnectionArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.userDirectory.merchantConnection(args.search, args.first, args.after);
  }

  @Mutation(() => User, { description: 'Admin: deactivates (revoking their sessions and partner tokens) or reactivates a user.' })
  setUserActive(@Arg('id', () => ID) id: string, @Arg('active', () => Boolean) active: boolean, @Ctx() ctx: RequestContext): Promise<User> {
    return ctx.services.userDirectory.setActive(id, active);
  }
}
