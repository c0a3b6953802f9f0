import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'ReturnHub-Signature';
/** Receivers should refuse deliveries whose timestamp is further than this from their clock (replays). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * The one webhook signature scheme of this code base (Stripe's): `t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>">`. Partner webhooks sign with it (webhook-dispatcher) and the simulated payment provider signs and
 * verifies its own webhooks with it (payments/simulated/simulated-signature.ts). Stripe's real webhooks are checked
 * by Stripe's library. Signing the timestamp with the body lets receivers refuse replays.
 */
const hmac = (secret: string, timestamp: number, body: string | Buffer): string =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');

/**
 * The signature header of one delivery, one `v1=` per secret given. After a secret rotation the endpoint's new
 * secret comes first and the previous one second, during the overlap: `t=1765090000,v1=<with new>,v1=<with old>`.
 * A receiver accepts the delivery when ANY v1 matches the secret it holds, so it can switch secrets at any moment
 * of the overlap.
 */
export function signWebhook(secrets: string | readonly string[], body: string, timestamp: number): string {
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  return [`t=${timestamp}`, ...list.map((secret) => `v1=${hmac(secret, timestamp, body)}`)].join(',');
}

/** Why a signature header is refused, or `valid`. */
export type SignatureCheck = 'valid' | 'missing' | 'malformed' | 'mismatch' | 'stale';

/** Checks a header against the body and one secret: one v1 matches (in constant time) and the timestamp is fresh. */
export function checkWebhookSignature(secret: string, body: string | Buffer, header: string | undefined, nowSeconds: number, toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS): SignatureCheck {
  if (!header) return 'missing';
  const parts = header.split(',').map((p) => p.trim().split('=', 2) as [string, string | undefined]);
  const timestamp = Number(parts.find(([k]) => k === 't')?.[1]);
  const given = parts.filter(([k, v]) => k === 'v1' && v && /^[0-9a-f]{64}$/.test(v)).map(([, v]) => v!);
  if (!Number.isInteger(timestamp) || given.length === 0) return 'malformed';
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
  if (!given.some((v) => timingSafeEqual(expected, Buffer.from(v, 'hex')))) return 'mismatch';
  return Math.abs(nowSeconds - timestamp) > toleranceSeconds ? 'stale' : 'valid';
}

/** How a receiver checks a delivery (also used by the tests). */
export function verifyWebhookSignature(secret: string, body: string | Buffer, header: string | undefined, nowSeconds: number, toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS): boolean {
  return checkWebhookSignature(secret, body, header, nowSeconds, toleranceSeconds) === 'valid';
}
