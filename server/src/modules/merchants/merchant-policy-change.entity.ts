import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { MerchantProfile } from '../users/merchant-profile.entity.js';
import { User } from '../users/user.entity.js';

/** One edit of a merchant's return policy: who, when, and each field's old and new value. Append-only. */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'merchant_policy_changes' })
@Index({ properties: ['merchant', 'createdAt'] })
export class MerchantPolicyChange {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => MerchantProfile, { deleteRule: 'cascade' })
  merchant!: Rel<MerchantProfile>;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  actor: Rel<User> | null = null;

  @Field()
  @Property({ type: 'string', length: 120 })
  actorLabel!: string;

  @Field(() => GraphQLJSONObject, { description: '{ field: { from, to } } for each changed field.' })
  @Property({ type: 'json' })
  changes!: Record<string, { from: unknown; to: unknown }>;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
