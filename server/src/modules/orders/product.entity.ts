import { randomUUID } from 'node:crypto';
import { Check, Entity, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { MerchantProfile } from '../users/merchant-profile.entity.js';

@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'products' })
@Check({ name: 'products_stock_non_negative', expression: 'stock >= 0' })
export class Product {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => MerchantProfile, { deleteRule: 'restrict' })
  merchant!: Rel<MerchantProfile>;

  @Field()
  @Property({ type: 'string', length: 64, unique: true })
  sku!: string;

  @Field()
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => Int, { description: 'Price in minor units (cents).' })
  @Property({ type: 'integer' })
  priceMinor!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  stock: number & Opt = 0;

  /** e.g. electronics, apparel, home, beauty, sports, other; null when unknown (read by the risk model). */
  @Property({ type: 'string', length: 32, nullable: true })
  category: (string & Opt) | null = null;
}
