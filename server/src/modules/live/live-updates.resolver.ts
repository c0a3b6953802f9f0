import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../http/context.js';
import type { CaseRow } from '../returns/case-row.js';
import { ReturnCase } from '../returns/return-case.entity.js';
import type { CaseFeedEvent } from './case-change-feed.js';
import { requireLive } from './live-updates.service.js';
import { QueueChange } from './live.types.js';

/** Live updates over WebSocket (graphql-ws at /graphql). Who may subscribe is in the rule map, checked at subscribe time. */
@Resolver()
export class LiveUpdatesResolver {
  @Subscription(() => ReturnCase, {
    description: "The case each time it changes, for the case's parties (NOT_FOUND at once for a case you may not see).",
    subscribe: ({ args, context }) => requireLive(context).caseUpdates(args.id),
  })
  caseUpdated(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<CaseRow> {
    return ctx.services.cases.get(id);
  }

  @Subscription(() => QueueChange, {
    description: 'Every change of any case, for ops and admins working the queue.',
    subscribe: ({ context }) => requireLive(context).queueChanges(),
  })
  queueChanged(@Root() event: CaseFeedEvent, @Ctx() ctx: RequestContext): Promise<QueueChange> {
    return requireLive(ctx).queueChange(event, (id) => ctx.services.cases.get(id));
  }
}
