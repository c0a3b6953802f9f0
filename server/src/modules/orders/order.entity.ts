import { randomUUID } from 'node:crypto';
import { Check, Cascade, Collection, Entity, Enum, Index, ManyToOne, OneToMany, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { MerchantProfile } from '../users/merchant-profile.entity.js';
import { User } from '../users/user.entity.js';
import { OrderStatus } from './order.enums.js';
import { OrderItem } from './order-item.entity.js';
import { Refund } from '../refunds/refund.entity.js';

@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'orders' })
@Check({ name: 'orders_amounts_non_negative', expression: 'subtotal_minor >= 0 and shipping_fee_minor >= 0 and tax_minor >= 0 and total_minor >= 0' })
export class Order {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @Field()
  @Property({ type: 'string', length: 32, unique: true })
  number!: string;

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  @Index()
  customer!: Rel<User>;

  @ManyToOne(() => MerchantProfile, { deleteRule: 'restrict' })
  @Index()
  merchant!: Rel<MerchantProfile>;

  @Field(() => OrderStatus)
  @Enum({ items: () => OrderStatus, nativeEnumName: 'order_status' })
  status: OrderStatus & Opt = OrderStatus.PENDING;

  @Field(() => String)
  @Property({ type: 'string', length: 3 })
  currency: string & Opt = 'USD';

  @Field(() => Int)
  @Property({ type: 'integer' })
  subtotalMinor!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  shippingFeeMinor: number & Opt = 0;

  @Field(() => Int)
  @Property({ type: 'integer' })
  taxMinor: number & Opt = 0;

  @Field(() => Int)
  @Property({ type: 'integer' })
  totalMinor!: number;

  @Property({ type: 'string', length: 120, nullable: true })
  paymentReference: string | null = null;

  /** When this order replaces returned goods (an exchange), the case it came from. */
  @Property({ type: 'uuid', nullable: true })
  replacesCaseId: string | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  placedAt: Date & Opt = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  shippedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null = null;

  /**
   * A confirmed order the customer cancelled: it stays `confirmed` (and cannot ship) while its full refund is
   * pending, and becomes `cancelled` when the provider confirms the refund.
   */
  @Field(() => Date, { nullable: true, description: 'Set while a cancellation waits for its refund; the order becomes CANCELLED once the refund succeeds.' })
  @Property({ type: 'timestamptz', nullable: true })
  cancellationRequestedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: 'Why the returns team cancelled the order (an admin cancelling a processing order gives one).' })
  @Property({ type: 'text', nullable: true })
  cancellationReason: string | null = null;

  /** When the cancelled order's items went back into stock: set once, so stock is never restored twice. */
  @Property({ type: 'timestamptz', nullable: true })
  stockRestoredAt: Date | null = null;

  @OneToMany(() => OrderItem, (item) => item.order, { cascade: [Cascade.PERSIST], orderBy: { position: 'asc' } })
  items = new Collection<OrderItem>(this);

  /** Refunds drawn on this order (cancellation, returns); loaded in batches through the collection. */
  @OneToMany(() => Refund, (refund) => refund.order, { orderBy: { createdAt: 'asc', id: 'asc' } })
  refunds = new Collection<Refund>(this);

  @Property({ version: true, type: 'integer' })
  version: number & Opt = 1;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
