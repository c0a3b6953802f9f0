import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { User } from '../users/user.entity.js';
import { CaseStatus } from './return-case.enums.js';
import { ReturnCase } from './return-case.entity.js';

/**
 * The append-only audit trail. A database trigger refuses UPDATE and DELETE on this table,
 * so "never updated, never deleted" does not depend on the application behaving.
 */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'case_events' })
@Index({ properties: ['returnCase', 'createdAt'] })
export class CaseEvent {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => ReturnCase, { deleteRule: 'no action' })
  returnCase!: Rel<ReturnCase>;

  @Field({ description: 'What happened, e.g. case_created, status_changed, note_added, risk_scored.' })
  @Property({ type: 'string', length: 40 })
  type!: string;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'no action' })
  actor: Rel<User> | null = null;

  /** Who acted, as recorded: a username, `system`, or `partner:<token name>`. Parties read a name instead (case-event-visibility.ts). */
  @Field({
    description:
      'Who acted. Ops and admins read the recorded username, `system` or `partner:<token name>`; customers and merchants read ' +
      '"ReturnHub support" (ops and admins), the merchant\'s name (its staff and partner systems), "You" or the customer\'s name, or "Automatic".',
  })
  @Property({ type: 'string', length: 100 })
  actorLabel!: string;

  @Field(() => CaseStatus, { nullable: true })
  @Enum({ items: () => CaseStatus, nativeEnumName: 'case_status', nullable: true })
  fromStatus: CaseStatus | null = null;

  @Field(() => CaseStatus, { nullable: true })
  @Enum({ items: () => CaseStatus, nativeEnumName: 'case_status', nullable: true })
  toStatus: CaseStatus | null = null;

  @Field(() => GraphQLJSONObject, { description: "The event's details; customers and merchants get only the fields the visibility rule shows them." })
  @Property({ type: 'json' })
  payload: Record<string, unknown> & Opt = {};

  /**
   * The order events were written in (an identity column the database assigns). History reads by (createdAt, seq):
   * events of one save share `createdAt`, and the seeds write a case's past out of time order.
   */
  @Property({ type: 'bigint', autoincrement: true, nullable: false })
  seq?: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
