import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import type { Clock } from '../../shared/clock.js';
import { DevMailAdapter } from './dev-mail.adapter.js';
import type { MailPort } from './mail.port.js';
import { SmtpMailAdapter } from './smtp-mail.adapter.js';

/** The mail adapter `MAIL_DRIVER` names. */
export function createMailPort(config: Config, orm: MikroORM, clock: Clock): MailPort {
  if (config.mailDriver === 'smtp') {
    return new SmtpMailAdapter(config.smtpUrl!, config.mailFrom, new URL(config.publicUrl).hostname);
  }
  return new DevMailAdapter(orm, config.mailFrom, clock);
}
