// The one webhook signature scheme: partner deliveries and the simulated payment provider sign and verify with it.
import { describe, expect, it } from 'vitest';
import { WebhookVerificationError } from '../payments/payment-provider.js';
import { signSimulatedPayload, verifySimulatedSignature } from '../payments/simulated/simulated-signature.js';
import { checkWebhookSignature, signWebhook } from './webhook-signature.js';

const SECRET = 'whsec_test_secret_0123456789';
const BODY = '{"id":"evt_1","type":"refund.updated"}';
const T = 1_765_090_000;

describe('webhook signature', () => {
  it('signs t=<seconds>,v1=<HMAC-SHA256 of "t.body"> and the simulated provider signs the same way', () => {
    expect(signWebhook(SECRET, BODY, T)).toMatch(/^t=1765090000,v1=[0-9a-f]{64}$/);
    expect(signSimulatedPayload(SECRET, BODY, T)).toBe(signWebhook(SECRET, BODY, T));
  });

  it('accepts a fresh signature with the secret, for a string or the raw bytes, and either secret during a rotation', () => {
    expect(checkWebhookSignature(SECRET, BODY, signWebhook(SECRET, BODY, T), T + 300)).toBe('valid');
    expect(checkWebhookSignature(SECRET, Buffer.from(BODY), signWebhook(SECRET, BODY, T), T)).toBe('valid');
    const rotated = signWebhook(['whsec_new_secret_0123456789', SECRET], BODY, T);
    expect(checkWebhookSignature(SECRET, BODY, rotated, T)).toBe('valid');
    expect(checkWebhookSignature('whsec_new_secret_0123456789', BODY, rotated, T)).toBe('valid');
  });

  it('says why it refuses: missing, malformed, another secret or body, too old or too far ahead', () => {
    const header = signWebhook(SECRET, BODY, T);
    expect(checkWebhookSignature(SECRET, BODY, undefined, T)).toBe('missing');
    expect(checkWebhookSignature(SECRET, BODY, 'v1=abc', T)).toBe('malformed');
    expect(checkWebhookSignature(SECRET, BODY, `t=${T}`, T)).toBe('malformed');
    expect(checkWebhookSignature('whsec_another_secret_012345', BODY, header, T)).toBe('mismatch');
    expect(checkWebhookSignature(SECRET, `${BODY} `, header, T)).toBe('mismatch');
    expect(checkWebhookSignature(SECRET, BODY, header, T + 301)).toBe('stale');
    expect(checkWebhookSignature(SECRET, BODY, header, T - 301)).toBe('stale');
  });

  it('the simulated provider refuses with a WebhookVerificationError naming the reason', () => {
    const header = signSimulatedPayload(SECRET, BODY, T);
    expect(() => verifySimulatedSignature(SECRET, Buffer.from(BODY), header, T * 1000)).not.toThrow();
    expect(() => verifySimulatedSignature(SECRET, Buffer.from(BODY), undefined, T * 1000)).toThrow(new WebhookVerificationError('Missing signature header.'));
    expect(() => verifySimulatedSignature('whsec_another_secret_012345', Buffer.from(BODY), header, T * 1000)).toThrow(/does not match/);
    expect(() => verifySimulatedSignature(SECRET, Buffer.from(BODY), header, (T + 301) * 1000)).toThrow(/older than 300 seconds/);
  });
});
