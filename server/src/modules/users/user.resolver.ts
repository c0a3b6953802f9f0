import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../http/context.js';
import type { UserRow } from '../returns/case-row.js';
import { userNameFor } from '../returns/case-event-visibility.js';
import { MerchantProfile } from './merchant-profile.entity.js';
import { UserAccessChange } from './user-access-change.entity.js';
import { User } from './user.entity.js';

@Resolver(() => User)
export class UserResolver {
  @FieldResolver(() => String)
  displayName(@Root() user: User | UserRow, @Ctx() ctx: RequestContext): string | Promise<string> {
    return userNameFor(user, ctx.viewer, (id) => ctx.services.merchantProfileOfUser(id).then((profile) => profile?.name ?? null), ctx.signedInUserId);
  }

  @FieldResolver(() => MerchantProfile, { nullable: true, description: 'The merchant a merchant user acts for.' })
  merchantProfile(@Root() user: User | UserRow, @Ctx() ctx: RequestContext): Promise<MerchantProfile | null> {
    return ctx.services.merchantProfileOfUser(user.id).then((profile) => profile ?? null);
  }

  @FieldResolver(() => [UserAccessChange], { description: 'Admin: each deactivation and reactivation of this user, newest first.' })
  accessChanges(@Root() user: User | UserRow, @Ctx() ctx: RequestContext): Promise<UserAccessChange[]> {
    return ctx.services.userDirectory.accessChanges(user.id);
  }

  @FieldResolver(() => UserAccessChange, { nullable: true, description: 'Admin: the latest deactivation or reactivation of this user, if any.' })
  latestAccessChange(@Root() user: User | UserRow, @Ctx() ctx: RequestContext): Promise<UserAccessChange | null> {
    return ctx.services.userDirectory.latestAccessChange(user.id);
  }
}
