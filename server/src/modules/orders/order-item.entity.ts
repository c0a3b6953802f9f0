import { randomUUID } from 'node:crypto';
import { Check, Entity, Index, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Order } from './order.entity.js';
import { Product } from './product.entity.js';

@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'order_items' })
@Check({ name: 'order_items_quantity_positive', expression: 'quantity > 0 and unit_price_minor >= 0' })
export class OrderItem {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => Order, { deleteRule: 'cascade' })
  @Index()
  order!: Rel<Order>;

  @ManyToOne(() => Product, { nullable: true, deleteRule: 'set null' })
  product: Rel<Product> | null = null;

  @Property({ type: 'smallint' })
  position: number & Opt = 0;

  @Field()
  @Property({ type: 'string', length: 64 })
  sku!: string;

  @Field()
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  quantity!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  unitPriceMinor!: number;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  finalSale: boolean & Opt = false;
}
