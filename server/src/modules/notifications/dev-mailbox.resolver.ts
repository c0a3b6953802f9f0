import { Arg, Ctx, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../http/context.js';
import { Connection } from '../../shared/connection.js';
import { DevMailboxMessage } from './dev-mailbox-message.entity.js';

@ObjectType({ simpleResolvers: true })
export class DevMailboxConnection extends Connection('DevMailboxMessage', DevMailboxMessage) {}

@Resolver()
export class DevMailboxResolver {
  @Query(() => DevMailboxConnection, { description: 'E-mails the development mail adapter kept (MAIL_DRIVER=dev), newest first.' })
  devMailbox(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('caseId', () => ID, { nullable: true }) caseId?: string,
  ) {
    return ctx.services.devMailbox.list(first, after, caseId);
  }
}
