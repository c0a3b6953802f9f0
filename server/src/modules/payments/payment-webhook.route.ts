import type { MikroORM } from '@mikro-orm/postgresql';
import type { RequestHandler } from 'express';
import type { Logger } from '../../logger.js';
import type { Clock } from '../../shared/clock.js';
import { RefundService, type RefundDeps } from '../refunds/refund.service.js';
import { WebhookVerificationError } from './payment-provider.js';
import { PaymentWebhookService } from './payment-webhook.service.js';
import { isConnectionLoss } from '../../errors/format-error.js';
import { respondUnavailable } from '../../http/outage.js';

/**
 * `POST /webhooks/payments`, behind `express.raw()`: the signature is checked over the exact bytes received.
 * 400 for a missing, forged or stale signature (nothing changes); 200 for a handled or duplicate event;
 * 503 while the database is unreachable and 500 when handling failed otherwise, so the provider delivers it again.
 */
export function paymentWebhookHandler(orm: MikroORM, deps: RefundDeps & { logger: Logger; clock: Clock }): RequestHandler {
  return async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let event;
    try {
      event = deps.payments.parseWebhook(raw, req.headers);
    } catch (error) {
      if (error instanceof WebhookVerificationError) {
        deps.logger.warn({ reason: error.message, requestId: res.locals.requestId }, 'payment webhook refused');
        res.status(400).json({ error: 'INVALID_SIGNATURE', message: error.message });
        return;
      }
      throw error;
    }
    try {
      const em = orm.em.fork();
      const outcome = await new PaymentWebhookService(em, deps.payments, new RefundService(em, deps), deps.clock).handle(event);
      res.json({ received: true, ...outcome });
    } catch (error) {
      deps.logger.error({ err: error, eventId: event.id, requestId: res.locals.requestId }, 'payment webhook handling failed');
      // The database is away: 503, so the provider delivers the event again later.
      if (isConnectionLoss(error)) return respondUnavailable(res);
      res.status(500).json({ error: 'INTERNAL_SERVER_ERROR' });
    }
  };
}
