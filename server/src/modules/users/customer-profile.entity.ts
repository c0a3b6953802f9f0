import { randomUUID } from 'node:crypto';
import { Entity, OneToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { User } from './user.entity.js';

@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'customer_profiles' })
export class CustomerProfile {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @OneToOne(() => User, { owner: true, unique: true, deleteRule: 'restrict' })
  user!: Rel<User>;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 40, nullable: true })
  phone: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  shippingAddress: string | null = null;
}
