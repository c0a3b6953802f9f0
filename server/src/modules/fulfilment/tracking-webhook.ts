import { checkWebhookSignature, signWebhook } from '../webhooks/webhook-signature.js';
import { CarrierWebhookError, type TrackingEvent, TrackingEventKind } from './carrier-port.js';

/**
 * The wire format of `POST /webhooks/carrier` (docs/carrier-tracking.md): a JSON event signed with the one webhook
 * signature scheme of the code base (webhooks/webhook-signature.ts), in this header, with the carrier secret.
 */
export const CARRIER_SIGNATURE_HEADER = 'returnhub-carrier-signature';

const KINDS: Record<string, TrackingEventKind> = {
  LABEL_SCANNED: TrackingEventKind.LABEL_SCANNED,
  IN_TRANSIT: TrackingEventKind.IN_TRANSIT,
  DELIVERED_TO_WAREHOUSE: TrackingEventKind.DELIVERED_TO_WAREHOUSE,
};
const typeOf = (kind: TrackingEventKind): string => Object.entries(KINDS).find(([, k]) => k === kind)![0];

const REFUSALS = {
  missing: 'Missing signature header.',
  malformed: 'Malformed signature header.',
  mismatch: 'The signature does not match the payload.',
  stale: 'The signature is older than 300 seconds.',
} as const;

/** The body the built-in carrier sends for an event (and an integrator's carrier sends alike). */
export function trackingEventBody(event: TrackingEvent): string {
  return JSON.stringify({
    id: event.eventId,
    type: typeOf(event.kind),
    trackingNumber: event.trackingNumber,
    occurredAt: event.occurredAt.toISOString(),
    location: event.location,
    description: event.description,
  });
}

export const signTrackingBody = (secret: string, body: string, at: Date): string => signWebhook(secret, body, Math.floor(at.getTime() / 1000));

const text = (value: unknown, max: number, required: boolean): string | null => {
  if (value === undefined || value === null) return required ? null : '';
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return (required && !trimmed) || trimmed.length > max ? null : trimmed;
};

/** Verifies `rawBody` against the header and reads the event; CarrierWebhookError names what is wrong. */
export function parseTrackingEvent(secret: string, rawBody: Buffer, header: string | undefined, now: Date): TrackingEvent {
  const check = checkWebhookSignature(secret, rawBody, header, Math.floor(now.getTime() / 1000));
  if (check !== 'valid') throw new CarrierWebhookError('INVALID_SIGNATURE', REFUSALS[check]);
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new CarrierWebhookError('INVALID_PAYLOAD', 'The payload is not JSON.');
  }
  const eventId = text(body?.id, 255, true);
  const kind = typeof body?.type === 'string' ? KINDS[body.type] : undefined;
  const trackingNumber = text(body?.trackingNumber, 80, true);
  const occurredAt = typeof body?.occurredAt === 'string' ? new Date(body.occurredAt) : null;
  const location = text(body?.location, 200, false);
  const description = text(body?.description, 500, false);
  if (!eventId) throw new CarrierWebhookError('INVALID_PAYLOAD', 'id must be the event id (1 to 255 characters).');
  if (!kind) throw new CarrierWebhookError('INVALID_PAYLOAD', `type must be one of ${Object.keys(KINDS).join(', ')}.`);
  if (!trackingNumber) throw new CarrierWebhookError('INVALID_PAYLOAD', 'trackingNumber must be 1 to 80 characters.');
  if (!occurredAt || Number.isNaN(occurredAt.getTime())) throw new CarrierWebhookError('INVALID_PAYLOAD', 'occurredAt must be an ISO 8601 time.');
  if (location === null) throw new CarrierWebhookError('INVALID_PAYLOAD', 'location must be text of at most 200 characters.');
  if (description === null) throw new CarrierWebhookError('INVALID_PAYLOAD', 'description must be text of at most 500 characters.');
  return { eventId, kind, trackingNumber, occurredAt, location, description };
}
