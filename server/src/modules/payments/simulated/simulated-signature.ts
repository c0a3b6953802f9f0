import { createHmac, timingSafeEqual } from 'node:crypto';
import { WEBHOOK_TOLERANCE_SECONDS, WebhookVerificationError } from '../payment-provider.js';

/** The simulated provider signs like Stripe: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export const SIMULATED_SIGNATURE_HEADER = 'returnhub-simulated-signature';

const hmac = (secret: string, timestamp: number, body: string | Buffer): string =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');

export function signSimulatedPayload(secret: string, body: string, timestampSeconds: number): string {
  return `t=${timestampSeconds},v1=${hmac(secret, timestampSeconds, body)}`;
}

/** Throws unless `header` signs `body` with `secret` within the tolerance around `nowMs`. */
export function verifySimulatedSignature(secret: string, body: Buffer, header: string | undefined, nowMs: number): void {
  if (!header) throw new WebhookVerificationError('Missing signature header.');
  const parts = header.split(',').map((p) => p.trim().split('='));
  const timestamp = Number(parts.find(([k]) => k === 't')?.[1]);
  const signatures = parts.filter(([k, v]) => k === 'v1' && v).map(([, v]) => v);
  if (!Number.isInteger(timestamp) || signatures.length === 0) throw new WebhookVerificationError('Malformed signature header.');
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
  const matches = signatures.some((s) => {
    const given = Buffer.from(s, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw new WebhookVerificationError('The signature does not match the payload.');
  if (Math.abs(Math.floor(nowMs / 1000) - timestamp) > WEBHOOK_TOLERANCE_SECONDS) {
    throw new WebhookVerificationError(`The signature is older than ${WEBHOOK_TOLERANCE_SECONDS} seconds.`);
  }
}
