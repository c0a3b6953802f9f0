import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../http/context.js';
import { ReturnsAnalytics } from './analytics.types.js';

@Resolver()
export class AnalyticsResolver {
  @Query(() => ReturnsAnalytics, { description: 'Returns analytics for a UTC date range (YYYY-MM-DD, both included, at most 366 days).' })
  returnsAnalytics(@Arg('from') from: string, @Arg('to') to: string, @Ctx() ctx: RequestContext): Promise<ReturnsAnalytics> {
    return ctx.services.analytics.returns(from, to);
  }
}
