import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../http/context.js';
import { DemoClockState } from './demo-clock.types.js';

@Resolver()
export class DemoClockResolver {
  @Query(() => DemoClockState, { nullable: true, description: 'The demo clock (development only; null in production).' })
  demoClock(@Ctx() ctx: RequestContext): Promise<DemoClockState | null> {
    return ctx.services.demoClock.state();
  }

  @Mutation(() => DemoClockState, { description: 'Moves the demo clock by whole hours (development only) and runs the timers at once.' })
  advanceDemoClock(@Ctx() ctx: RequestContext, @Arg('hours', () => Int) hours: number): Promise<DemoClockState> {
    return ctx.services.demoClock.advance(hours);
  }
}
