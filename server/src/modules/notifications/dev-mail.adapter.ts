import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../../shared/clock.js';
import type { MailPort, OutgoingMail } from './mail.port.js';

/** The development adapter: files each message in `dev_mailbox_messages` (once per key) instead of sending it. */
export class DevMailAdapter implements MailPort {
  readonly driver = 'dev' as const;

  constructor(
    private readonly orm: MikroORM,
    private readonly from: string,
    private readonly clock: Clock,
  ) {}

  async send(mail: OutgoingMail): Promise<void> {
    await this.orm.em.fork().execute(
      `insert into dev_mailbox_messages (id, dedup_key, "to", "from", subject, text, html, case_id, created_at)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?) on conflict (dedup_key) do nothing`,
      [mail.dedupKey, mail.to.address, this.from, mail.subject, mail.text, mail.html, mail.caseId, this.clock.now()],
    );
  }

  async close(): Promise<void> {}
}
