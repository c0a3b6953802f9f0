import { randomUUID } from 'node:crypto';
import { Entity, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/** An e-mail kept by the development mail adapter instead of being sent (a local mail catcher an admin reads). */
@ObjectType({ simpleResolvers: true, description: 'An e-mail the development mail adapter kept instead of sending it.' })
@Entity({ tableName: 'dev_mailbox_messages' })
@Index({ properties: ['createdAt', 'id'] })
export class DevMailboxMessage {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  /** Same key as the mail ledger: a retried job never files the same message twice. */
  @Property({ type: 'string', length: 200, unique: true })
  dedupKey!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 254 })
  to!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 300 })
  from!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 300 })
  subject!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  text!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  html!: string;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  @Index()
  caseId: string | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
