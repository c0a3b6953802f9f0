import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WebhookDeliveryState } from './webhook.enums.js';

/**
 * One case event for one endpoint. The body is fixed when the delivery is created, so every retry sends the
 * same bytes (with a fresh timestamped signature). Unique per endpoint and event: fanning out twice adds nothing.
 */
@Entity({ tableName: 'webhook_deliveries' })
@Unique({ properties: ['endpoint', 'eventId'] })
@Index({ properties: ['endpoint', 'createdAt'] })
export class WebhookDelivery {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => WebhookEndpoint, { deleteRule: 'cascade' })
  endpoint!: Rel<WebhookEndpoint>;

  /** The audit event (CaseEvent.id) this delivery reports. */
  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'string', length: 60 })
  eventType!: string;

  @Property({ type: 'uuid' })
  caseId!: string;

  /** The JSON body exactly as sent. */
  @Property({ type: 'text' })
  body!: string;

  @Enum({ items: () => WebhookDeliveryState, nativeEnumName: 'webhook_delivery_state' })
  status: WebhookDeliveryState & Opt = WebhookDeliveryState.PENDING;

  @Property({ type: 'integer' })
  attempts: number & Opt = 0;

  @Property({ type: 'integer', nullable: true })
  httpStatus: number | null = null;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
