import { randomUUID } from 'node:crypto';
import { Entity, Enum, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Role } from './user.enums.js';

@ObjectType({ simpleResolvers: true, description: 'A person who signs in: customer, merchant, ops agent or administrator.' })
@Entity({ tableName: 'users' })
export class User {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  // Sign-in name and e-mail: ops and admins, and the user themself (permissions.ts); for anyone else the field is
  // null with a FORBIDDEN error — nullable so that the refusal does not null the case or the list around it.
  @Field(() => String, { nullable: true, description: 'The sign-in name: ops and admins, and the user themself; null (FORBIDDEN) for anyone else.' })
  @Property({ type: 'string', length: 64, unique: true })
  username!: string;

  @Field(() => String, { nullable: true, description: 'Ops and admins, and the user themself; null (FORBIDDEN) for anyone else.' })
  @Property({ type: 'string', length: 254, unique: true })
  email!: string;

  @Field({ description: 'The name shown for this user. To customers and merchants, ops and admins are "ReturnHub support" and a merchant user is their shop (as in the timeline).' })
  @Property({ type: 'string', length: 120 })
  displayName!: string;

  @Field(() => Role)
  @Enum({ items: () => Role, nativeEnumName: 'user_role' })
  role!: Role;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  active: boolean & Opt = true;

  /** argon2id; never leaves the server. */
  @Property({ type: 'string', length: 255, lazy: true })
  passwordHash!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
