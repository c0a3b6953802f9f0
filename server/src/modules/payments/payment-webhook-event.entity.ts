import { Entity, Index, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * Every provider event ReturnHub has acted on, once: a redelivered or replayed event finds its row and changes
 * nothing. Written in the same transaction as the change the event caused, so a failed handling is retried.
 */
@Entity({ tableName: 'payment_webhook_events' })
@Unique({ properties: ['provider', 'eventId'] })
export class PaymentWebhookEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @Property({ type: 'string', length: 20 })
  provider!: string;

  @Property({ type: 'string', length: 255 })
  eventId!: string;

  @Property({ type: 'string', length: 80 })
  type!: string;

  /** Provider refund ids the event concerned, for support. */
  @Property({ type: 'json' })
  refundIds: string[] & Opt = [];

  @Property({ type: 'timestamptz' })
  @Index()
  receivedAt!: Date;
}
