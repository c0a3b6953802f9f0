import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode, badInput, conflict } from '../../errors/domain-error.js';
import type { Clock } from '../../shared/clock.js';
import { type ConnectionShape, decodeCursor, encodeCursor, pageSize } from '../../shared/connection.js';
import type { Viewer } from '../auth/viewer.js';
import { RefundState } from '../refunds/refund.entity.js';
import type { RefundService } from '../refunds/refund.service.js';
import { findVisibleOrder, orderScope } from './order-access.js';
import { Order } from './order.entity.js';
import { OrderStatus } from './order.enums.js';
import type { FilterQuery } from '@mikro-orm/core';

/** SPEC §3's cancellation answers, word for word where the spec gives them. */
export const CANCEL_REFUSALS: Partial<Record<OrderStatus, string>> = {
  [OrderStatus.PROCESSING]: 'Order is being processed. Contact support.',
  [OrderStatus.SHIPPED]: 'Cannot cancel shipped orders. Wait for delivery to request return.',
  [OrderStatus.DELIVERED]: 'Delivered orders cannot be cancelled. Request a return instead.',
  [OrderStatus.CANCELLED]: 'Order is already cancelled.',
};

const refuse = (order: Order, message: string) =>
  new DomainError(ErrorCode.INVALID_TRANSITION, message, { status: order.status.toUpperCase() });

/** Orders (SPEC §3): reading them in the viewer's scope, cancelling, and the admin's shipping milestones. */
export class OrderService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer | null,
    private readonly clock: Clock,
    private readonly refunds: RefundService,
  ) {}

  get(id: string): Promise<Order> {
    return findVisibleOrder(this.em, this.viewer, id);
  }

  /** The viewer's orders, newest first, as a keyset connection. */
  async list(first: number | null | undefined, after: string | null | undefined): Promise<ConnectionShape<Order>> {
    const limit = pageSize(first);
    const scope = orderScope(this.viewer);
    const page: FilterQuery<Order>[] = [scope];
    if (after) {
      const [placedAt, id] = decodeCursor(after, 2) as [string, string];
      const at = new Date(placedAt);
      if (Number.isNaN(at.getTime())) throw badInput('The cursor is not valid. Use a cursor from a previous page.', { field: 'after' });
      page.push({ $or: [{ placedAt: { $lt: at } }, { placedAt: at, id: { $lt: id } }] });
    }
    const [rows, totalCount] = await Promise.all([
      this.em.find(Order, { $and: page }, { orderBy: { placedAt: 'desc', id: 'desc' }, limit: limit + 1 }),
      this.em.count(Order, scope),
    ]);
    const edges = rows.slice(0, limit).map((node) => ({ node, cursor: encodeCursor([node.placedAt.toISOString(), node.id]) }));
    return { edges, totalCount, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /**
   * SPEC §3. A pending order is cancelled at once. A confirmed one is refunded in full with the key
   * `<orderId>:cancel`: it stays CONFIRMED with `cancellationRequestedAt` set (and cannot ship) while the refund is
   * pending, and becomes CANCELLED — its stock restored, once — when the provider confirms. Asking again while it
   * is pending changes nothing and pays nothing more; after a refused refund it tries again with a new key.
   */
  async cancel(id: string): Promise<Order> {
    let refundId: string | null = null;
    await this.em.transactional(async (tx) => {
      const order = await findVisibleOrder(tx, this.viewer, id, { lock: true });
      const now = this.clock.now();
      switch (order.status) {
        case OrderStatus.PENDING:
          order.status = OrderStatus.CANCELLED;
          order.cancelledAt = now;
          return;
        case OrderStatus.CONFIRMED: {
          order.cancellationRequestedAt ??= now;
          const refund = await this.refunds.openCancellationRefund(tx, order, now);
          if (refund.state === RefundState.PENDING) refundId = refund.id;
          return;
        }
        default:
          throw refuse(order, CANCEL_REFUSALS[order.status as OrderStatus] ?? `This order cannot be cancelled (${order.status}).`);
      }
    });
    if (refundId) await this.refunds.processAfterCommit(refundId);
    return findVisibleOrder(this.em.fork(), this.viewer, id);
  }

  /** Admin: the order left the warehouse. */
  markShipped(id: string): Promise<Order> {
    return this.milestone(id, (order, now) => {
      if (order.cancellationRequestedAt && order.status !== OrderStatus.CANCELLED) throw conflict('This order is being cancelled; it cannot ship.');
      if (order.status === OrderStatus.PENDING) throw refuse(order, 'An unpaid order cannot ship. Confirm the payment first.');
      if (order.status !== OrderStatus.CONFIRMED && order.status !== OrderStatus.PROCESSING) throw refuse(order, `Only confirmed or processing orders can ship. This order is ${order.status}.`);
      order.status = OrderStatus.SHIPPED;
      order.shippedAt = now;
    });
  }

  /** Admin: the parcel reached the customer; the return window starts now (`deliveredAt`). */
  markDelivered(id: string): Promise<Order> {
    return this.milestone(id, (order, now) => {
      if (order.status !== OrderStatus.SHIPPED) throw refuse(order, `Only shipped orders can be delivered. This order is ${order.status}.`);
      order.status = OrderStatus.DELIVERED;
      order.deliveredAt = now;
    });
  }

  private async milestone(id: string, apply: (order: Order, now: Date) => void): Promise<Order> {
    return this.em.transactional(async (tx) => {
      const order = await findVisibleOrder(tx, this.viewer, id, { lock: true });
      apply(order, this.clock.now());
      await tx.flush();
      return order;
    });
  }
}
