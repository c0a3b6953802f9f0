import { Arg, Args, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../http/context.js';
import { User } from '../users/user.entity.js';
import { ApiToken } from './api-token.entity.js';
import { SESSION_COOKIE } from './auth.service.js';
import { ChangePasswordArgs } from './dto/change-password.args.js';
import { LoginArgs } from './dto/login.args.js';

@ObjectType({ simpleResolvers: true })
class CreatedApiToken {
  @Field(() => ApiToken)
  token!: ApiToken;

  @Field({ description: 'The secret, shown this once. Send it as `Authorization: Bearer <secret>`.' })
  secret!: string;
}

@Resolver()
export class AuthResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user, or null.' })
  me(@Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.services.auth.signedInUser(ctx.viewer);
  }

  @Mutation(() => User, { description: 'Signs in and sets the session cookie.' })
  async login(@Args() { username, password }: LoginArgs, @Ctx() ctx: RequestContext): Promise<User> {
    const address = ctx.req?.ip ?? 'local';
    const signedIn = await ctx.services.auth.login(username, password, address, ctx.sessionSecret);
    ctx.res?.cookie(SESSION_COOKIE, signedIn.sessionSecret, {
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.deps.config.isProduction,
      path: '/',
      expires: signedIn.expiresAt,
    });
    ctx.signedInUserId = signedIn.user.id;
    return signedIn.user;
  }

  @Mutation(() => Boolean, { description: 'Signs out: the session is revoked on the server and the cookie cleared.' })
  async logout(@Ctx() ctx: RequestContext): Promise<boolean> {
    if (ctx.sessionSecret) await ctx.services.auth.revokeSession(ctx.sessionSecret);
    ctx.res?.clearCookie(SESSION_COOKIE, { path: '/' });
    return true;
  }

  @Mutation(() => Boolean, { description: "Changes the signed-in person's password and signs out their other sessions (this one stays)." })
  async changePassword(@Args() { currentPassword, newPassword }: ChangePasswordArgs, @Ctx() ctx: RequestContext): Promise<boolean> {
    await ctx.services.auth.changePassword(ctx.viewer!, currentPassword, newPassword, ctx.req?.ip ?? 'local');
    return true;
  }

  @Query(() => [ApiToken], { description: "Partner tokens: a merchant's own, or all for admins." })
  apiTokens(@Ctx() ctx: RequestContext): Promise<ApiToken[]> {
    return ctx.services.auth.listApiTokens(ctx.viewer!);
  }

  @Mutation(() => CreatedApiToken, { description: 'Creates a partner token for a merchant (admins name the merchant).' })
  createApiToken(
    @Arg('name') name: string,
    @Arg('merchantId', () => ID, { nullable: true }) merchantId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<CreatedApiToken> {
    return ctx.services.auth.createApiToken(ctx.viewer!, name, merchantId ?? null);
  }

  @Mutation(() => ApiToken)
  revokeApiToken(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ApiToken> {
    return ctx.services.auth.revokeApiToken(ctx.viewer!, id);
  }
}
