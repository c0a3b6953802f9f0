import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../http/context.js';

@ObjectType({ simpleResolvers: true, description: 'What the web app needs to know about this deployment before anyone signs in.' })
export class AppInfo {
  @Field() releaseVersion!: string;
  @Field({ description: 'The demo accounts accept the demo password (never in production).' }) demoSignInEnabled!: boolean;
}

@Resolver()
export class SystemResolver {
  @Query(() => AppInfo)
  appInfo(@Ctx() ctx: RequestContext): AppInfo {
    return { releaseVersion: ctx.deps.config.releaseVersion, demoSignInEnabled: ctx.deps.config.allowDemoPassword };
  }
}
