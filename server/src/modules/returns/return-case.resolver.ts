import { Arg, Ctx, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { joined } from '../../db/plain-rows.js';
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
import type { CaseEventRow, CaseNoteRow, CaseRoot, CaseRow, MerchantRow, OrderItemRow, OrderRow, ReturnItemRow, UserRow } from './case-row.js';

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

  // The parent is a managed case or a queue's plain row (db/plain-rows.ts). Relations load through references, which
  // the ORM batches per type (no query per row); when the read that produced the case joined them already (the
  // queue, the case page), they are returned as they are.
  @FieldResolver(() => Order)
  order(@Root() returnCase: CaseRoot): Order | OrderRow | Promise<Order | OrderRow> {
    return joined(returnCase.order);
  }

  @FieldResolver(() => User)
  customer(@Root() returnCase: CaseRoot): User | UserRow | Promise<User | UserRow> {
    return joined(returnCase.customer);
  }

  @FieldResolver(() => MerchantProfile)
  merchant(@Root() returnCase: CaseRoot): MerchantProfile | MerchantRow | Promise<MerchantProfile | MerchantRow> {
    return joined(returnCase.merchant);
  }

  @FieldResolver(() => User, { nullable: true })
  assignee(@Root() returnCase: CaseRoot): User | UserRow | null | Promise<User | UserRow> {
    return returnCase.assignee ? joined(returnCase.assignee) : null;
  }

  @FieldResolver(() => [ReturnItem])
  async items(@Root() returnCase: CaseRoot, @Ctx() ctx: RequestContext): Promise<ReturnItem[] | ReturnItemRow[]> {
    if (Array.isArray(returnCase.items)) return returnCase.items; // read with the case (the case page)
    const rc = await ctx.services.loaded(ReturnCase, returnCase);
    return (await rc.items.load()).getItems();
  }

  @FieldResolver(() => [CaseNote], { description: 'The message thread every party of the case sees.' })
  messages(@Root() returnCase: CaseRoot, @Ctx() ctx: RequestContext): Promise<CaseNoteRow[]> {
    return ctx.services.caseDetails.messages(returnCase);
  }

  @FieldResolver(() => [CaseNote], { description: 'Ops and admins only.' })
  internalNotes(@Root() returnCase: CaseRoot, @Ctx() ctx: RequestContext): Promise<CaseNoteRow[]> {
    return ctx.services.caseDetails.internalNotes(returnCase);
  }

  @FieldResolver(() => [CaseEvent], { description: 'The audit trail, oldest first: all of it for ops and admins; for customers and merchants the events, fields and actor names the visibility rule gives them.' })
  timeline(@Root() returnCase: CaseRoot, @Ctx() ctx: RequestContext): Promise<CaseEventRow[]> {
    return ctx.services.caseDetails.timeline(returnCase);
  }

  @FieldResolver(() => [AvailableTransition], { description: 'The moves the viewer can make now.' })
  availableTransitions(@Root() returnCase: CaseRoot, @Ctx() ctx: RequestContext): AvailableTransition[] {
    return ctx.services.caseDetails.availableTransitions(returnCase);
  }

  @FieldResolver(() => Date, { nullable: true, description: 'An approved return (or one expired unshipped): the last moment to ship the items back. Null otherwise.' })
  shipBy(@Root() returnCase: CaseRoot, @Ctx() ctx: RequestContext): Date | null {
    return ctx.services.caseDetails.shipBy(returnCase);
  }

  @FieldResolver(() => Date, { nullable: true, description: 'A rejection not yet disputed: the last moment the customer may dispute it. Null otherwise.' })
  disputableUntil(@Root() returnCase: CaseRoot, @Ctx() ctx: RequestContext): Date | null {
    return ctx.services.caseDetails.disputableUntil(returnCase);
  }

  @FieldResolver(() => Boolean, { description: 'Active and past its resolution deadline.' })
  slaBreached(@Root() returnCase: CaseRoot, @Ctx() ctx: RequestContext): boolean {
    return ctx.services.caseDetails.slaBreached(returnCase);
  }
}

@Resolver(() => CaseNote)
export class CaseNoteResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Null for a note written by the system itself.' })
  author(@Root() note: CaseNote | CaseNoteRow): User | UserRow | null | Promise<User | UserRow> {
    return note.author ? joined(note.author) : null;
  }
}

@Resolver(() => ReturnItem)
export class ReturnItemResolver {
  @FieldResolver(() => OrderItem)
  orderItem(@Root() item: ReturnItem | ReturnItemRow): OrderItem | OrderItemRow | Promise<OrderItem | OrderItemRow> {
    return joined(item.orderItem);
  }
}
