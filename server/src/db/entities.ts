import { ApiToken } from '../modules/auth/api-token.entity.js';
import { Session } from '../modules/auth/session.entity.js';
import { EvidenceDocument } from '../modules/documents/evidence-document.entity.js';
import { Order } from '../modules/orders/order.entity.js';
import { OrderEvent } from '../modules/orders/order-event.entity.js';
import { OrderItem } from '../modules/orders/order-item.entity.js';
import { Product } from '../modules/orders/product.entity.js';
import { Refund } from '../modules/refunds/refund.entity.js';
import { MerchantPolicyChange } from '../modules/merchants/merchant-policy-change.entity.js';
import { CaseTrackingEvent } from '../modules/fulfilment/tracking-event.entity.js';
import { PaymentWebhookEvent } from '../modules/payments/payment-webhook-event.entity.js';
import { SimulatedControl, SimulatedEvent, SimulatedRefund } from '../modules/payments/simulated/simulated-provider.entities.js';
import { CaseNumberCounter } from '../modules/returns/case-number-counter.entity.js';
import { CaseEvent } from '../modules/returns/case-event.entity.js';
import { CaseNote } from '../modules/returns/case-note.entity.js';
import { OutboxMessage } from '../modules/returns/outbox-message.entity.js';
import { ReturnCase } from '../modules/returns/return-case.entity.js';
import { ReturnItem } from '../modules/returns/return-item.entity.js';
import { RiskScore } from '../modules/risk/risk-score.entity.js';
import { CustomerProfile } from '../modules/users/customer-profile.entity.js';
import { MerchantProfile } from '../modules/users/merchant-profile.entity.js';
import { User } from '../modules/users/user.entity.js';
import { UserAccessChange } from '../modules/users/user-access-change.entity.js';
import { DevMailboxMessage } from '../modules/notifications/dev-mailbox-message.entity.js';
import { MailDelivery } from '../modules/notifications/mail-delivery.entity.js';
import { WebhookDelivery, WebhookDeliveryAttempt } from '../modules/webhooks/webhook-delivery.entity.js';
import { WebhookEndpoint } from '../modules/webhooks/webhook-endpoint.entity.js';
import { RateCounter } from '../shared/rate-counter.entity.js';

/** Every entity, listed once (the ORM discovers nothing by scanning folders). */
export const entities = [
  User,
  CustomerProfile,
  MerchantProfile,
  Session,
  ApiToken,
  RateCounter,
  Product,
  Order,
  OrderEvent,
  OrderItem,
  ReturnCase,
  CaseNumberCounter,
  ReturnItem,
  CaseNote,
  CaseEvent,
  OutboxMessage,
  EvidenceDocument,
  RiskScore,
  Refund,
  PaymentWebhookEvent,
  CaseTrackingEvent,
  SimulatedRefund,
  SimulatedEvent,
  SimulatedControl,
  MerchantPolicyChange,
  UserAccessChange,
  MailDelivery,
  DevMailboxMessage,
  WebhookEndpoint,
  WebhookDelivery,
  WebhookDeliveryAttempt,
];
