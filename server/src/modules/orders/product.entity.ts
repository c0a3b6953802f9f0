import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { MerchantProfile } from '../users/merchant-profile.entity.js';

@ObjectType()
@Entity({ tableName: 'products' })
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
}
