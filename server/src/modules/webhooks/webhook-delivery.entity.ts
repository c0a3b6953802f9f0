import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WebhookDeliveryState } from './webhook.enums.js';

/**
 * One case event for one endpoint. The body is fixed when the delivery is created, so every retry sends the
 * same bytes (with a fresh timestamped signature). Unique per endpoint and event: fanning out twice adds nothing.
 */
@ObjectType({ simpleResolvers: true, description: 'One event sent to one endpoint, with its attempts (the delivery log).' })
@Entity({ tableName: 'webhook_deliveries' })
@Unique({ properties: ['endpoint', 'eventId'] })
@Index({ properties: ['endpoint', 'createdAt'] })
export class WebhookDelivery {
  @Field(() => ID, { description: 'Also sent as the ReturnHub-Delivery header, the same on every attempt and re-send.' })
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => WebhookEndpoint, { deleteRule: 'cascade' })
  endpoint!: Rel<WebhookEndpoint>;

  /** The audit event (CaseEvent.id) this delivery reports. */
  @Property({ type: 'uuid' })
  eventId!: string;

  @Field(() => String, { description: 'e.g. case.status_changed, or ping for a test event.' })
  @Property({ type: 'string', length: 60 })
  eventType!: string;

  /** The case it reports; null for a test ping. */
  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  caseId: string | null = null;

  /** The JSON body exactly as sent. */
  @Property({ type: 'text' })
  body!: string;

  @Field(() => WebhookDeliveryState)
  @Enum({ items: () => WebhookDeliveryState, nativeEnumName: 'webhook_delivery_state' })
  status: WebhookDeliveryState & Opt = WebhookDeliveryState.PENDING;

  /** Attempts made so far (the GraphQL `attempts` field lists them). */
  @Property({ type: 'integer' })
  attempts: number & Opt = 0;

  @Property({ type: 'integer', nullable: true })
  httpStatus: number | null = null;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}

/** How one attempt ended: the receiver answered 2xx (SUCCEEDED), answered otherwise, or could not be reached. */
export enum WebhookAttemptErrorKind {
  HTTP_STATUS = 'http_status',
  TIMEOUT = 'timeout',
  CONNECTION = 'connection',
  REFUSED_ADDRESS = 'refused_address',
}
registerEnumType(WebhookAttemptErrorKind, { name: 'WebhookAttemptErrorKind', description: 'Why an attempt failed: a non-2xx answer, no answer in time, no connection, or an address webhooks may not reach.' });

/** One HTTP attempt at a delivery (the delivery log): written by the worker, read by the endpoint's owner. */
@ObjectType({ simpleResolvers: true, description: 'One attempt at a delivery.' })
@Entity({ tableName: 'webhook_delivery_attempts' })
@Index({ properties: ['delivery', 'at'] })
export class WebhookDeliveryAttempt {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => WebhookDelivery, { deleteRule: 'cascade' })
  delivery!: Rel<WebhookDelivery>;

  @Field(() => Int, { description: '1 for the first attempt of the delivery; re-sends continue the count.' })
  @Property({ type: 'integer' })
  number!: number;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  at!: Date;

  @Field(() => WebhookDeliveryState, { description: 'SUCCEEDED or FAILED.' })
  @Property({ type: 'string', length: 20 })
  outcome!: WebhookDeliveryState;

  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status (none if it could not be reached)." })
  @Property({ type: 'integer', nullable: true })
  httpStatus: number | null = null;

  @Field(() => Int)
  @Property({ type: 'integer' })
  durationMs!: number;

  @Field(() => WebhookAttemptErrorKind, { nullable: true })
  @Property({ type: 'string', length: 30, nullable: true })
  errorKind: WebhookAttemptErrorKind | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  error: string | null = null;
}
