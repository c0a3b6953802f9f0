import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode, badInput, conflict } from '../../errors/domain-error.js';
import type { Clock } from '../../shared/clock.js';
import { type ConnectionShape, decodeCursor, encodeCursor, pageSize } from '../../shared/connection.js';
import type { Viewer } from '../auth/viewer.js';
import { RefundState } from '../refunds/refund.entity.js';
import type { RefundService } from '../refunds/refund.service.js';
import { findVisibleOrder, orderScope } from '../access/access.js';
import { Order } from './order.entity.js';
import { OrderStatus } from './order.enums.js';
import type { FilterQuery } from '@mikro-orm/core';
import { batchLoader } from '../../shared/batch-loader.js';
import { actorLabel } from '../auth/viewer.js';
import { ORDER_EVENT_TOPIC } from '../notifications/order-notifications.service.js';
import { OutboxMessage } from '../returns/outbox-message.entity.js';
import { User } from '../users/user.entity.js';
import { OrderEvent } from './order-event.entity.js';
import { restoreOrderStock } from './stock.js';
import { SYSTEM_ACTOR, actorOf } from '../returns/actor.js';
import { recordCaseChange } from '../returns/case-changes.js';
import { ReturnCase } from '../returns/return-case.entity.js';
import { returnStoreCreditOfOrder } from '../store-credit/store-credit.service.js';

const MAX_REASON = 1000;

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

  /** An order's events, oldest first; the orders of a list load together (one query per tick). */
  async events(orderId: string): Promise<OrderEvent[]> {
    return (await this.loadEvents(orderId)) ?? [];
  }

  private readonly loadEvents = batchLoader(async (orderIds: string[]) => {
    const events = await this.em.find(OrderEvent, { order: { $in: orderIds } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    const byOrder = new Map<string, OrderEvent[]>(orderIds.map((id) => [id, []]));
    for (const event of events) byOrder.get(event.order.id)?.push(event);
    return byOrder;
  });

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
  cancel(id: string): Promise<Order> {
    return this.cancelOrder(id, null);
  }

  /**
   * Admins (the rule map): the same cancellation, with a reason the customer sees, and for a PROCESSING order too
   * (SPEC §3) — the same full refund and stock roll-back; recorded in `order_events` and e-mailed to the customer.
   */
  cancelWithReason(id: string, reason: string): Promise<Order> {
    const text = reason.trim();
    if (!text) throw badInput('Give a reason: the customer sees it.', { field: 'reason' });
    if (text.length > MAX_REASON) throw badInput(`The reason is at most ${MAX_REASON} characters.`, { field: 'reason' });
    return this.cancelOrder(id, text);
  }

  private async cancelOrder(id: string, reason: string | null): Promise<Order> {
    let refundId: string | null = null;
    await this.em.transactional(async (tx) => {
      const order = await findVisibleOrder(tx, this.viewer, id, { lock: true });
      const now = this.clock.now();
      const started = order.status !== OrderStatus.CANCELLED && order.cancellationRequestedAt === null;
      switch (order.status) {
        case OrderStatus.PENDING:
          order.status = OrderStatus.CANCELLED;
          order.cancelledAt = now;
          await this.giveBackStoreCredit(tx, order, now);
          break;
        case OrderStatus.PROCESSING:
        case OrderStatus.CONFIRMED: {
          // A processing order: the customer is told to contact support; the returns team (an admin, with a reason) can act.
          if (order.status === OrderStatus.PROCESSING && reason === null) throw refuse(order, CANCEL_REFUSALS[OrderStatus.PROCESSING]!);
          if (order.replacesCaseId) {
            await this.cancelReplacement(tx, order, order.replacesCaseId, reason, now);
            break;
          }
          order.cancellationRequestedAt ??= now;
          const refund = await this.refunds.openCancellationRefund(tx, order, now);
          if (refund.state === RefundState.PENDING) refundId = refund.id;
          break;
        }
        default:
          throw refuse(order, CANCEL_REFUSALS[order.status as OrderStatus] ?? `This order cannot be cancelled (${order.status}).`);
      }
      if (reason !== null && started) this.recordSupportCancellation(tx, order, reason, now);
    });
    if (refundId) await this.refunds.processAfterCommit(refundId);
    return findVisibleOrder(this.em.fork(), this.viewer, id);
  }

  /**
   * A replacement order from an exchange was paid for with the returned goods, not by card: there is no money to
   * give back, so it is cancelled at once, its stock restored (once), and the exchange case records it.
   */
  private async cancelReplacement(tx: EntityManager, order: Order, caseId: string, reason: string | null, now: Date): Promise<void> {
    order.status = OrderStatus.CANCELLED;
    order.cancelledAt = now;
    await restoreOrderStock(tx, order.id, now);
    const rc = await tx.findOneOrFail(ReturnCase, caseId);
    recordCaseChange(tx, rc, {
      type: 'replacement_cancelled',
      actor: this.viewer ? actorOf(this.viewer) : SYSTEM_ACTOR,
      at: now,
      payload: { orderId: order.id, orderNumber: order.number, note: reason ?? `The replacement order ${order.number} was cancelled.` },
    });
    await this.giveBackStoreCredit(tx, order, now);
  }

  /** Store credit spent on an order cancelled at once (pending, or a replacement) goes back to the customer's account. */
  private giveBackStoreCredit(tx: EntityManager, order: Order, now: Date) {
    return returnStoreCreditOfOrder(tx, { orderId: order.id, caseId: order.replacesCaseId, actor: this.viewer ? actorOf(this.viewer) : SYSTEM_ACTOR, at: now });
  }

  /** The reason on the order, an audit entry, and the outbox message that e-mails the customer — in the change's transaction. */
  private recordSupportCancellation(tx: EntityManager, order: Order, reason: string, now: Date): void {
    order.cancellationReason = reason;
    const event = tx.create(OrderEvent, {
      order,
      actor: this.viewer ? tx.getReference(User, this.viewer.userId) : null,
      actorLabel: actorLabel(this.viewer),
      type: 'cancelled_by_support',
      reason,
      createdAt: now,
    });
    tx.create(OutboxMessage, { topic: ORDER_EVENT_TOPIC, caseId: null, payload: { orderId: order.id, eventId: event.id }, createdAt: now });
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
