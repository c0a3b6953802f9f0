import { Arg, Ctx, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../http/context.js';
import { Connection } from '../../shared/connection.js';
import { Order } from '../orders/order.entity.js';
import { MerchantProfile } from '../users/merchant-profile.entity.js';
import { User } from '../users/user.entity.js';
import { ReturnCaseFilter, ReturnCaseOrder } from './dto/return-case-filter.input.js';
import { ReturnCase } from './return-case.entity.js';
import { ReturnItem } from './return-item.entity.js';
import { OrderItem } from '../orders/order-item.entity.js';
import { CaseEvent } from './case-event.entity.js';
import { CaseNote } from './case-note.entity.js';
import { AvailableTransition } from './return-case.types.js';
import type { CaseEventRow, CaseNoteRow, CaseRow, MerchantRow, OrderItemRow, OrderRow, ReturnItemRow, UserRow } from './case-row.js';

@ObjectType({ simpleResolvers: true })
export class ReturnCaseConnection extends Connection('ReturnCase', ReturnCase) {}

@Resolver(() => ReturnCase)
export class ReturnCaseResolver {
  @Query(() => ReturnCase, { description: 'One case the viewer may see; NOT_FOUND otherwise, exactly as for a missing id.' })
  returnCase(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<CaseRow> {
    return ctx.services.cases.get(id);
  }

  @Query(() => ReturnCaseConnection, {
    description:
      "The viewer's cases, a cursor connection (first/after), newest first by default. For incremental sync (partner systems): " +
      'orderBy: UPDATED_AT with filter.updatedSince — cases in (updatedAt, id) order, the cursor encoding both.',
  })
  returnCases(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ReturnCaseFilter, { nullable: true }) filter?: ReturnCaseFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('orderBy', () => ReturnCaseOrder, { nullable: true, defaultValue: ReturnCaseOrder.CREATED_AT_DESC }) orderBy?: ReturnCaseOrder,
  ) {
    return ctx.services.cases.list(filter, first, after, orderBy);
  }

  // The parent is always a plain row (case-row.ts) read by the case reader or the queue, which joined its order,
  // customer, merchant and assignee; what they did not join loads in batches (CaseDetails).
  @FieldResolver(() => Order)
  order(@Root() returnCase: CaseRow): OrderRow {
    return returnCase.order;
  }

  @FieldResolver(() => User)
  customer(@Root() returnCase: CaseRow): UserRow {
    return returnCase.customer;
  }

  @FieldResolver(() => MerchantProfile)
  merchant(@Root() returnCase: CaseRow): MerchantRow {
    return returnCase.merchant;
  }

  @FieldResolver(() => User, { nullable: true })
  assignee(@Root() returnCase: CaseRow): UserRow | null {
    return returnCase.assignee;
  }

  @FieldResolver(() => [ReturnItem])
  items(@Root() returnCase: CaseRow, @Ctx() ctx: RequestContext): Promise<ReturnItemRow[]> {
    return ctx.services.caseDetails.items(returnCase);
  }

  @FieldResolver(() => [CaseNote], { description: 'The message thread every party of the case sees.' })
  messages(@Root() returnCase: CaseRow, @Ctx() ctx: RequestContext): Promise<CaseNoteRow[]> {
    return ctx.services.caseDetails.messages(returnCase);
  }

  @FieldResolver(() => [CaseNote], { description: 'Ops and admins only.' })
  internalNotes(@Root() returnCase: CaseRow, @Ctx() ctx: RequestContext): Promise<CaseNoteRow[]> {
    return ctx.services.caseDetails.internalNotes(returnCase);
  }

  @FieldResolver(() => [CaseEvent], { description: 'The audit trail, oldest first: all of it for ops and admins; for customers and merchants the events, fields and actor names the visibility rule gives them.' })
  timeline(@Root() returnCase: CaseRow, @Ctx() ctx: RequestContext): Promise<CaseEventRow[]> {
    return ctx.services.caseDetails.timeline(returnCase);
  }

  @FieldResolver(() => [AvailableTransition], { description: 'The moves the viewer can make now.' })
  availableTransitions(@Root() returnCase: CaseRow, @Ctx() ctx: RequestContext): AvailableTransition[] {
    return ctx.services.caseDetails.availableTransitions(returnCase);
  }

  @FieldResolver(() => Date, { nullable: true, description: 'An approved return (or one expired unshipped): the last moment to ship the items back. Null otherwise.' })
  shipBy(@Root() returnCase: CaseRow, @Ctx() ctx: RequestContext): Date | null {
    return ctx.services.caseDetails.shipBy(returnCase);
  }

  @FieldResolver(() => Date, { nullable: true, description: 'A rejection not yet disputed: the last moment the customer may dispute it. Null otherwise.' })
  disputableUntil(@Root() returnCase: CaseRow, @Ctx() ctx: RequestContext): Date | null {
    return ctx.services.caseDetails.disputableUntil(returnCase);
  }

  @FieldResolver(() => Boolean, { description: 'Active and past its resolution deadline.' })
  slaBreached(@Root() returnCase: CaseRow, @Ctx() ctx: RequestContext): boolean {
    return ctx.services.caseDetails.slaBreached(returnCase);
  }
}

@Resolver(() => CaseNote)
export class CaseNoteResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Null for a note written by the system itself.' })
  author(@Root() note: CaseNoteRow): UserRow | null {
    return note.author;
  }
}

@Resolver(() => ReturnItem)
export class ReturnItemResolver {
  @FieldResolver(() => OrderItem)
  orderItem(@Root() item: ReturnItemRow): OrderItemRow {
    return item.orderItem;
  }
}
