import { Arg, Args, ArgsType, Ctx, Field, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
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

  @Mutation(() => User, { description: 'Admin: deactivates (revoking their sessions and partner tokens) or reactivates a user.' })
  setUserActive(@Arg('id', () => ID) id: string, @Arg('active', () => Boolean) active: boolean, @Ctx() ctx: RequestContext): Promise<User> {
    return ctx.services.userDirectory.setActive(id, active);
  }
}
