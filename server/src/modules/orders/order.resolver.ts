import { Arg, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../http/context.js';
import { Connection } from '../../shared/connection.js';
import { Refund } from '../refunds/refund.entity.js';
import { MerchantProfile } from '../users/merchant-profile.entity.js';
import type { OrderRow } from '../returns/case-row.js';
import { Order } from './order.entity.js';
import { OrderStatus } from './order.enums.js';
import { OrderItem } from './order-item.entity.js';
import { OrderEvent } from './order-event.entity.js';

@ObjectType({ simpleResolvers: true })
export class OrderConnection extends Connection('Order', Order) {}

@Resolver(() => Order)
export class OrderResolver {
  @Query(() => OrderConnection, { description: "The viewer's orders, newest first: a customer's own, a merchant's own, every order for ops and admins." })
  orders(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return ctx.services.orders.list(first, after);
  }

  @Query(() => Order, { description: 'One order the viewer may see; NOT_FOUND otherwise, exactly as for a missing id.' })
  order(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Order> {
    return ctx.services.orders.get(id);
  }

  @Mutation(() => Order, {
    description:
      'Cancels an order (SPEC §3). PENDING: cancelled at once. CONFIRMED: refunded in full; the order stays CONFIRMED with cancellationPending ' +
      'until the provider confirms the refund, then becomes CANCELLED and its stock is restored. PROCESSING and SHIPPED are refused.',
  })
  cancelOrder(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Order> {
    return ctx.services.orders.cancel(id);
  }

  @Mutation(() => Order, {
    description:
      'Admin: cancels an order with a reason the customer sees (SPEC §3) — a PROCESSING order too, which the customer cannot cancel. ' +
      'The same path as cancelOrder: a full refund through the payment provider, the order CANCELLED and its stock restored once the ' +
      'refund succeeds; recorded on the order (cancellationReason, events) and e-mailed to the customer. reason: 1–1000 characters.',
  })
  cancelOrderWithReason(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: RequestContext): Promise<Order> {
    return ctx.services.orders.cancelWithReason(id, reason);
  }

  @Mutation(() => Order, { description: 'Admin: the order was handed to the carrier.' })
  markOrderShipped(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Order> {
    return ctx.services.orders.markShipped(id);
  }

  @Mutation(() => Order, { description: 'Admin: the order reached the customer (sets deliveredAt; the return window starts).' })
  markOrderDelivered(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Order> {
    return ctx.services.orders.markDelivered(id);
  }

  // The parent is an order entity or a case's plain order row (db/plain-rows.ts): what it links to loads by id, in
  // batches (one query per list, not per row).
  @FieldResolver(() => [OrderItem])
  items(@Root() order: Order | OrderRow, @Ctx() ctx: RequestContext): Promise<OrderItem[]> {
    return ctx.services.orderItemsOf(order.id);
  }

  @FieldResolver(() => [Refund], { description: 'Refunds on this order: its cancellation, and those of its return cases.' })
  refunds(@Root() order: Order | OrderRow, @Ctx() ctx: RequestContext): Promise<Refund[]> {
    return ctx.services.refundsOfOrder(order.id);
  }

  @FieldResolver(() => MerchantProfile)
  async merchant(@Root() order: Order | OrderRow, @Ctx() ctx: RequestContext): Promise<MerchantProfile> {
    return (await ctx.services.merchantProfileById(order.merchant.id))!;
  }

  @FieldResolver(() => Boolean, { description: 'Being cancelled, waiting for the refund to be confirmed.' })
  cancellationPending(@Root() order: Order | OrderRow): boolean {
    return (order.status === OrderStatus.CONFIRMED || order.status === OrderStatus.PROCESSING) && order.cancellationRequestedAt !== null;
  }

  @FieldResolver(() => [OrderEvent], { description: "The order's record: cancellations by the returns team, oldest first." })
  events(@Root() root: Order | OrderRow, @Ctx() ctx: RequestContext): Promise<OrderEvent[]> {
    return ctx.services.orders.events(root.id);
  }
}
