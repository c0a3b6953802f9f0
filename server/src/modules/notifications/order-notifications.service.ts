import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import { OrderEvent } from '../orders/order-event.entity.js';
import { Order } from '../orders/order.entity.js';
import { MailDelivery } from './mail-delivery.entity.js';
import { MailTemplates, formatMoney } from './mail-templates.js';
import type { MailPort, OutgoingMail } from './mail.port.js';

/** Outbox topic of an order event the customer must hear about (payload: orderId, eventId). */
export const ORDER_EVENT_TOPIC = 'order.event';

/**
 * The customer's e-mail about an order event (issue 19 §14: an admin cancelled their order), through the mail port,
 * once per event: checked against the same ledger as the case e-mails, recorded after sending.
 */
export class OrderNotifications {
  constructor(
    private readonly em: EntityManager,
    private readonly mail: MailPort,
    private readonly config: Config,
  ) {}

  /** Returns how many e-mails went out now (0 when the event was mailed before, or mails no one). */
  async send(orderId: string, eventId: string): Promise<number> {
    const [event, order] = await Promise.all([
      this.em.findOne(OrderEvent, { id: eventId, order: orderId }),
      this.em.findOne(Order, { id: orderId }, { populate: ['customer', 'merchant'] }),
    ]);
    if (!event || !order || event.type !== 'cancelled_by_support') return 0;
    const mail: OutgoingMail = {
      dedupKey: `order-event:${event.id}:customer`,
      to: { name: order.customer.displayName, address: order.customer.email },
      caseId: order.replacesCaseId,
      ...MailTemplates.orderCancelledBySupport({
        orderNumber: order.number,
        recipientName: order.customer.displayName,
        merchantName: order.merchant.name,
        reason: event.reason ?? 'No reason was given.',
        refund: order.paymentReference ? formatMoney(order.subtotalMinor + order.shippingFeeMinor + order.taxMinor, order.currency) : null,
        ordersUrl: `${this.config.publicUrl}/customer/orders`,
      }),
    };
    if (await this.em.count(MailDelivery, { dedupKey: mail.dedupKey })) return 0;
    await this.mail.send(mail);
    await this.em.execute(
      'insert into mail_deliveries (dedup_key, case_id, recipient, subject, driver, sent_at) values (?, ?, ?, ?, ?, now()) on conflict (dedup_key) do nothing',
      [mail.dedupKey, mail.caseId, mail.to.address, mail.subject.slice(0, 300), this.mail.driver],
    );
    return 1;
  }
}
