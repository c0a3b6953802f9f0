import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { User } from './user.entity.js';

/** One deactivation or reactivation of a user's access: who did it and when. Append-only. */
@ObjectType({ simpleResolvers: true, description: "A change of a user's access (admins only): deactivated or reactivated, by whom, when." })
@Entity({ tableName: 'user_access_changes' })
@Index({ properties: ['user', 'createdAt'] })
export class UserAccessChange {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: Rel<User>;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  actor: Rel<User> | null = null;

  @Field({ description: 'Who changed it, as the audit trail names actors.' })
  @Property({ type: 'string', length: 120 })
  actorLabel!: string;

  @Field({ description: 'The access after the change: false when the user was deactivated.' })
  @Property({ type: 'boolean' })
  active!: boolean;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
