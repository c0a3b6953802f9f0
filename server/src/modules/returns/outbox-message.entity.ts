import { Entity, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Background work owed because of a change, written in the same transaction as the change:
 * a rolled-back change leaves no message. A relay hands them to the job queue (jobs/).
 */
@Entity({ tableName: 'outbox_messages' })
@Index({ name: 'outbox_messages_pending_idx', expression: 'create index "outbox_messages_pending_idx" on "outbox_messages" ("id") where "dispatched_at" is null' })
export class OutboxMessage {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string & Opt;

  @Property({ type: 'string', length: 60 })
  topic!: string;

  @Property({ type: 'uuid', nullable: true })
  caseId: string | null = null;

  @Property({ type: 'json' })
  payload: Record<string, unknown> & Opt = {};

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null = null;
}
