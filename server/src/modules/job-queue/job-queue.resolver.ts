import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../http/context.js';
import { FailedJob } from './job-queue.types.js';

@Resolver()
export class JobQueueResolver {
  @Query(() => [FailedJob], { description: 'Background jobs given up after their last attempt, most recent first.' })
  failedJobs(@Ctx() ctx: RequestContext, @Arg('first', () => Int, { nullable: true }) first?: number): Promise<FailedJob[]> {
    return ctx.services.jobQueue.failedJobs(first);
  }
}
