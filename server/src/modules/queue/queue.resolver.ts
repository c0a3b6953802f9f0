import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../http/context.js';
import { QueueConnection, QueueFilter, QueuePage } from './queue.types.js';

@Resolver()
export class QueueResolver {
  @Query(() => QueuePage, { description: 'The ops queue, 15 per page in SPEC §7 order, with summary cards.' })
  queue(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => QueueFilter, { nullable: true }) filter?: QueueFilter,
    @Arg('page', () => Int, { nullable: true, description: 'Missing, invalid or out of range → 1.' }) page?: number,
  ): Promise<QueuePage> {
    return ctx.services.queue.page(filter, page);
  }

  @Query(() => QueueConnection, { description: 'The same queue order as a keyset cursor connection, for API clients.' })
  queueConnection(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => QueueFilter, { nullable: true }) filter?: QueueFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return ctx.services.queue.connection(filter, first, after);
  }
}
