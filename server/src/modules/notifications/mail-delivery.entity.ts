import { Entity, type Opt, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The ledger of e-mails handed to the mail port, one row per event and recipient. Sending is at least once
 * (a job may run again after a crash); the ledger is checked before sending so a retry does not send again
 * when the first attempt got as far as recording it.
 */
@Entity({ tableName: 'mail_deliveries' })
export class MailDelivery {
  /** `case-event:<eventId>:<recipient role>`: the same event never mails the same party twice. */
  @PrimaryKey({ type: 'string', length: 200 })
  dedupKey!: string;

  @Property({ type: 'uuid', nullable: true })
  caseId: string | null = null;

  @Property({ type: 'string', length: 254 })
  recipient!: string;

  @Property({ type: 'string', length: 300 })
  subject!: string;

  /** Which adapter took it: `dev` or `smtp`. */
  @Property({ type: 'string', length: 10 })
  driver!: string;

  @Property({ type: 'timestamptz' })
  sentAt: Date & Opt = new Date();
}
