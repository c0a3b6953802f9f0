import type { MikroORM } from '@mikro-orm/postgresql';
import type { RequestHandler } from 'express';
import { isConnectionLoss } from '../../errors/format-error.js';
import type { AppDeps } from '../../http/context.js';
import { respondUnavailable } from '../../http/outage.js';
import { CarrierWebhookError, type TrackingEvent } from './carrier-port.js';
import { CarrierTrackingService } from './carrier-tracking.service.js';
import { FulfilmentEffects } from './fulfilment-effects.js';
import { CARRIER_SIGNATURE_HEADER } from './tracking-webhook.js';

/**
 * `POST /webhooks/carrier`, behind `express.raw()`: the signature is checked over the exact bytes received
 * (docs/carrier-tracking.md). 400 with a code for a missing, forged or stale signature or a malformed event (nothing
 * changes); 200 `{ received: true }` for a handled, duplicate or unknown-tracking-number event alike, so the answer
 * tells nothing about which parcels exist; 503 while the database is unreachable and 500 when handling failed
 * otherwise, so the carrier delivers it again.
 */
export function carrierWebhookHandler(orm: MikroORM, deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const header = req.headers[CARRIER_SIGNATURE_HEADER];
    let event: TrackingEvent;
    try {
      event = deps.carrier.parseTrackingWebhook(raw, Array.isArray(header) ? header[0] : header, deps.clock.now());
    } catch (error) {
      if (error instanceof CarrierWebhookError) {
        deps.logger.warn({ code: error.code, reason: error.message, requestId: res.locals.requestId }, 'carrier webhook refused');
        res.status(400).json({ error: error.code, message: error.message });
        return;
      }
      throw error;
    }
    try {
      const outcome = await new CarrierTrackingService(orm.em.fork(), deps.carrier.name, deps.clock, new FulfilmentEffects(deps)).handle(event);
      const log = { eventId: event.eventId, kind: event.kind, trackingNumber: event.trackingNumber, ...outcome, requestId: res.locals.requestId };
      if (outcome.unknownTrackingNumber) deps.logger.warn(log, 'carrier event for an unknown tracking number ignored');
      else deps.logger.info(log, 'carrier event received');
      res.json({ received: true });
    } catch (error) {
      deps.logger.error({ err: error, eventId: event.eventId, requestId: res.locals.requestId }, 'carrier webhook handling failed');
      if (isConnectionLoss(error)) return respondUnavailable(res);
      res.status(500).json({ error: 'INTERNAL_SERVER_ERROR' });
    }
  };
}
