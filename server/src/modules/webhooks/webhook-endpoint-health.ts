import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { briefError } from '../../shared/brief-error.js';
import type { MailPort } from '../notifications/mail.port.js';
import { MailTemplates, formatDate } from '../notifications/mail-templates.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

/** An endpoint whose every delivery attempt fails for this long is disabled. */
export const DISABLE_AFTER_FAILING_MS = 24 * 60 * 60 * 1000;

/**
 * Keeps track of endpoints that keep failing: the first failed attempt after a success starts the clock
 * (`failing_since`), a success stops it, and a failure a day or more after it started disables the endpoint and
 * e-mails the merchant. Plain conditional updates, so concurrent attempts cannot disable (or mail) twice.
 */
export class WebhookEndpointHealth {
  constructor(
    private readonly em: EntityManager,
    private readonly mail: MailPort | null,
    private readonly config: Config,
    private readonly logger: Logger,
  ) {}

  async succeeded(endpointId: string): Promise<void> {
    await this.em.execute('update webhook_endpoints set failing_since = null where id = ? and failing_since is not null', [endpointId]);
  }

  /** Records a failed attempt; true when this one disabled the endpoint. */
  async failed(endpointId: string, now: Date, lastError: string): Promise<boolean> {
    const [row] = await this.em.execute<Array<{ failing_since: Date }>>(
      'update webhook_endpoints set failing_since = coalesce(failing_since, ?) where id = ? returning failing_since',
      [now, endpointId],
    );
    if (!row || now.getTime() - new Date(row.failing_since).getTime() < DISABLE_AFTER_FAILING_MS) return false;
    const since = new Date(row.failing_since);
    const reason = `Every delivery failed from ${since.toISOString()} to ${now.toISOString()}. Last error: ${lastError}`.slice(0, 1000);
    const disabled = await this.em.execute<Array<{ id: string }>>(
      'update webhook_endpoints set disabled_at = ?, disabled_reason = ? where id = ? and disabled_at is null and deleted_at is null returning id',
      [now, reason, endpointId],
    );
    if (disabled.length === 0) return false;
    this.logger.warn({ endpointId, failingSince: since.toISOString() }, 'webhook endpoint disabled after a day of failed deliveries');
    await this.tellOwner(endpointId, since, now, lastError);
    return true;
  }

  /** The merchant's user gets one e-mail per disabling (the dedup key carries the time it happened). */
  private async tellOwner(endpointId: string, since: Date, now: Date, lastError: string): Promise<void> {
    if (!this.mail) return;
    try {
      const endpoint = await this.em.findOneOrFail(WebhookEndpoint, { id: endpointId }, { populate: ['merchant', 'merchant.user'] });
      const owner = endpoint.merchant.user;
      await this.mail.send({
        dedupKey: `webhook-endpoint-disabled:${endpointId}:${now.toISOString()}`,
        to: { name: owner.displayName, address: owner.email },
        caseId: null,
        ...MailTemplates.webhookEndpointDisabled({
          recipientName: owner.displayName,
          endpointUrl: endpoint.url,
          failingSince: formatDate(since),
          lastError,
          consoleUrl: `${this.config.publicUrl}/merchant`,
        }),
      });
    } catch (error) {
      // The endpoint stays disabled (visible in the API); the e-mail is the courtesy that failed.
      this.logger.error({ error: briefError(error), endpointId }, 'could not e-mail the owner of a disabled webhook endpoint');
    }
  }
}
