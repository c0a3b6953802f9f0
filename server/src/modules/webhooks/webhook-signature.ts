import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'ReturnHub-Signature';
/** Receivers should refuse deliveries whose timestamp is further than this from their clock (replays). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The one HMAC of a webhook delivery: hex HMAC-SHA256 of "<t>.<body>" with a signing secret. */
const hmac = (secret: string, timestamp: number, body: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/**
 * The signature header of one delivery: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, one `v1=` per
 * secret given. After a secret rotation the endpoint's new secret comes first and the previous one second, during
 * the overlap: `t=1765090000,v1=<with new>,v1=<with old>`. A receiver accepts the delivery when ANY v1 matches
 * the secret it holds, so it can switch secrets at any moment of the overlap. Signing the timestamp with the body
 * lets receivers refuse replays.
 */
export function signWebhook(secrets: string | readonly string[], body: string, timestamp: number): string {
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  return [`t=${timestamp}`, ...list.map((secret) => `v1=${hmac(secret, timestamp, body)}`)].join(',');
}

/** How a receiver checks a delivery (also used by the tests): one v1 matches its secret and the timestamp is fresh. */
export function verifyWebhookSignature(secret: string, body: string, header: string | undefined, nowSeconds: number, toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS): boolean {
  if (!header) return false;
  const parts = header.split(',').map((p) => p.trim().split('=', 2) as [string, string | undefined]);
  const timestamp = Number(parts.find(([k]) => k === 't')?.[1]);
  const given = parts.filter(([k, v]) => k === 'v1' && v && /^[0-9a-f]{64}$/.test(v)).map(([, v]) => v!);
  if (!Number.isInteger(timestamp) || given.length === 0) return false;
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
  return given.some((v) => timingSafeEqual(expected, Buffer.from(v, 'hex')));
}
