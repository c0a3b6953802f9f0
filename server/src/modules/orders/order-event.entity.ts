import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { User } from '../users/user.entity.js';
import { Order } from './order.entity.js';

/** What happened to an order outside its normal course (today: cancellations by the returns team). Append-only. */
@ObjectType({ simpleResolvers: true, description: "An entry of an order's record: a cancellation by the returns team, a cancelled replacement." })
@Entity({ tableName: 'order_events' })
@Index({ properties: ['order', 'createdAt'] })
export class OrderEvent {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => Order, { deleteRule: 'cascade' })
  order!: Rel<Order>;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  actor: Rel<User> | null = null;

  @Field({ description: 'Who did it, as the audit trail names actors (staff only).' })
  @Property({ type: 'string', length: 120 })
  actorLabel!: string;

  @Field({ description: 'cancelled_by_support: an admin cancelled the order with a reason.' })
  @Property({ type: 'string', length: 60 })
  type!: string;

  @Field(() => String, { nullable: true, description: 'The reason given, shown to the customer.' })
  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
