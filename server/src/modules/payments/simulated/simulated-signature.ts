import { checkWebhookSignature, signWebhook } from '../../webhooks/webhook-signature.js';
import { WEBHOOK_TOLERANCE_SECONDS, WebhookVerificationError } from '../payment-provider.js';

/** The simulated provider signs like Stripe, with the scheme partner webhooks use (webhooks/webhook-signature.ts). */
export const SIMULATED_SIGNATURE_HEADER = 'returnhub-simulated-signature';

export function signSimulatedPayload(secret: string, body: string, timestampSeconds: number): string {
  return signWebhook(secret, body, timestampSeconds);
}

const REFUSALS = {
  missing: 'Missing signature header.',
  malformed: 'Malformed signature header.',
  mismatch: 'The signature does not match the payload.',
  stale: `The signature is older than ${WEBHOOK_TOLERANCE_SECONDS} seconds.`,
} as const;

/** Throws unless `header` signs `body` with `secret` within the tolerance around `nowMs`. */
export function verifySimulatedSignature(secret: string, body: Buffer, header: string | undefined, nowMs: number): void {
  const check = checkWebhookSignature(secret, body, header, Math.floor(nowMs / 1000), WEBHOOK_TOLERANCE_SECONDS);
  if (check !== 'valid') throw new WebhookVerificationError(REFUSALS[check]);
}
