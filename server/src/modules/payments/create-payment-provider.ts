import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import type { Clock } from '../../shared/clock.js';
import type { PaymentProvider } from './payment-provider.js';
import { SimulatedPaymentProvider } from './simulated/simulated-provider.js';
import { StripePaymentProvider } from './stripe/stripe-provider.js';

/** The adapter `PAYMENT_PROVIDER` names (config.ts has validated its settings). */
export function createPaymentProvider(config: Config, orm: MikroORM, clock: Clock): PaymentProvider {
  const { payments } = config;
  if (payments.provider === 'stripe') {
    return new StripePaymentProvider({ secretKey: payments.stripeSecretKey!, webhookSecret: payments.stripeWebhookSecret!, apiBase: payments.stripeApiBase }, clock);
  }
  return new SimulatedPaymentProvider(orm, clock, { webhookSecret: payments.simulatedWebhookSecret, webhookUrl: payments.simulatedWebhookUrl });
}
