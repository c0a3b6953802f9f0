import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { OrderItem } from '../orders/order-item.entity.js';
import { ItemCondition } from './return-case.enums.js';
import { ReturnCase } from './return-case.entity.js';

/**
 * One order item being returned. `active` mirrors "the case is not terminal"; a partial unique index on
 * (order_item_id) WHERE active makes "no two active cases on the same order item" a database guarantee.
 */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'return_items' })
@Index({ name: 'return_items_one_active_case_per_order_item', expression: 'create unique index "return_items_one_active_case_per_order_item" on "return_items" ("order_item_id") where "active"' })
@Check({ name: 'return_items_quantity_positive', expression: 'quantity > 0' })
export class ReturnItem {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => ReturnCase, { deleteRule: 'cascade' })
  @Index()
  returnCase!: Rel<ReturnCase>;

  @ManyToOne(() => OrderItem, { deleteRule: 'restrict' })
  orderItem!: Rel<OrderItem>;

  @Property({ type: 'smallint' })
  position: number & Opt = 0;

  @Field(() => Int)
  @Property({ type: 'integer' })
  quantity!: number;

  @Field(() => ItemCondition, { nullable: true, description: 'Set at inspection.' })
  @Enum({ items: () => ItemCondition, nativeEnumName: 'item_condition', nullable: true })
  condition: ItemCondition | null = null;

  @Field(() => Boolean, { nullable: true, description: 'Set at inspection.' })
  @Property({ type: 'boolean', nullable: true })
  restockable: boolean | null = null;

  @Property({ type: 'boolean' })
  active: boolean & Opt = true;

  /** Set once the item went back into stock, so a repeat can never restock twice. */
  @Property({ type: 'timestamptz', nullable: true })
  restockedAt: Date | null = null;
}
