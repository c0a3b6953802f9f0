import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { MerchantProfile } from '../users/merchant-profile.entity.js';
import { User } from '../users/user.entity.js';
import { WebhookEventType } from './webhook.enums.js';

/**
 * A merchant's HTTPS endpoint for case events. Deliveries are signed with `secret` (HMAC-SHA256), which is shown
 * to the merchant once at creation and kept here only to sign. Deleting keeps the row (soft) so the delivery
 * history stays readable and pending deliveries are cancelled rather than orphaned.
 */
@ObjectType({ simpleResolvers: true, description: "A merchant's endpoint for signed case-event deliveries." })
@Entity({ tableName: 'webhook_endpoints' })
@Index({ properties: ['merchant', 'createdAt'] })
export class WebhookEndpoint {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => MerchantProfile, { deleteRule: 'cascade' })
  merchant!: Rel<MerchantProfile>;

  @Field(() => String)
  @Property({ type: 'text' })
  url!: string;

  @Field(() => [WebhookEventType])
  @Property({ type: 'text[]' })
  events!: WebhookEventType[];

  /** The signing secret. Never exposed after creation. */
  @Property({ type: 'string', length: 100, lazy: true })
  secret!: string;

  /** After a rotation, the old secret: deliveries are signed with both until `previousSecretUntil`. */
  @Property({ type: 'string', length: 100, nullable: true, lazy: true })
  previousSecret: string | null = null;

  @Field(() => Date, { nullable: true, description: 'After a secret rotation: until when deliveries also carry a signature with the previous secret.' })
  @Property({ type: 'timestamptz', nullable: true })
  previousSecretUntil: Date | null = null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  createdBy: Rel<User> | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null = null;

  /** Since when every delivery attempt has failed (null after a success): a day of it disables the endpoint. */
  @Property({ type: 'timestamptz', nullable: true })
  failingSince: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When deliveries stopped because every attempt failed for a day; null while enabled. Re-enable with enableWebhookEndpoint.' })
  @Property({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null = null;

  @Field(() => String, { nullable: true, description: 'Why the endpoint was disabled (with the last error).' })
  @Property({ type: 'text', nullable: true })
  disabledReason: string | null = null;
}
