import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Order } from '../orders/order.entity.js';
import { ReturnCase } from '../returns/return-case.entity.js';

export enum RefundState {
  PENDING = 'pending',
  SUCCEEDED = 'succeeded',
  FAILED = 'failed',
  CANCELED = 'canceled',
}
registerEnumType(RefundState, { name: 'RefundState' });

/**
 * Money going back to a customer, for a return case or a cancelled order. The idempotency key
 * (`<caseId>:refund` or `<orderId>:cancel`) is unique, so a retry can never create a second refund.
 */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'refunds' })
@Check({ name: 'refunds_amount_positive', expression: 'amount_minor > 0' })
export class Refund {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => ReturnCase, { nullable: true, deleteRule: 'restrict' })
  @Index()
  returnCase: Rel<ReturnCase> | null = null;

  @ManyToOne(() => Order, { deleteRule: 'restrict' })
  @Index()
  order!: Rel<Order>;

  @Field()
  @Property({ type: 'string', length: 20 })
  provider!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 120, nullable: true, unique: true })
  providerRefundId: string | null = null;

  @Field({ description: 'Sent with every provider call for this refund: `<caseId>:refund` or `<orderId>:cancel` (then `:2`… after a refusal).' })
  @Property({ type: 'string', length: 120, unique: true })
  idempotencyKey!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  amountMinor!: number;

  @Field()
  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Field(() => RefundState)
  @Enum({ items: () => RefundState, nativeEnumName: 'refund_state' })
  state: RefundState & Opt = RefundState.PENDING;

  @Field(() => Int)
  @Property({ type: 'integer' })
  attempts: number & Opt = 0;

  @Field(() => String, { nullable: true, description: "The provider's last refusal or error (ops and admins only)." })
  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  /** When the provider was last called for this refund (for back-off). */
  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null = null;

  /** When the provider confirmed the money went back. */
  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  succeededAt: Date | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Field(() => Date)
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
