import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from './config.js';
import { BuiltinCarrier } from './modules/fulfilment/builtin-carrier.js';
import { createPaymentProvider } from './modules/payments/create-payment-provider.js';
import { SimulatedPaymentProvider } from './modules/payments/simulated/simulated-provider.js';
import type { Clock } from './shared/clock.js';
import { labelStoreOn } from './modules/documents/storage/label-store.js';
import type { FileStorage } from './modules/documents/storage/file-storage.js';
import type { CarrierPort } from './modules/fulfilment/carrier-port.js';
import type { LabelStore } from './modules/fulfilment/label-store.js';
import type { PaymentProvider } from './modules/payments/payment-provider.js';

/** The process-wide adapters behind the ports (payments, carrier, labels on the file storage), chosen from the configuration. */
export interface Ports {
  payments: PaymentProvider;
  carrier: CarrierPort;
  labels: LabelStore;
}

export function createPorts(config: Config, orm: MikroORM, clock: Clock, storage: FileStorage): Ports {
  return {
    payments: createPaymentProvider(config, orm, clock),
    carrier: new BuiltinCarrier(config.carrier),
    labels: labelStoreOn(storage),
  };
}

/**
 * Once the API listens: the simulated provider posts its webhooks, and the built-in carrier its tracking events,
 * to this server unless told otherwise.
 */
export function connectSimulatedWebhooks(ports: Pick<Ports, 'payments' | 'carrier'>, baseUrl: string): void {
  if (ports.payments instanceof SimulatedPaymentProvider && !ports.payments.webhookUrl) {
    ports.payments.webhookUrl = `${baseUrl}/webhooks/payments`;
  }
  if (ports.carrier instanceof BuiltinCarrier && !ports.carrier.webhookUrl) {
    ports.carrier.webhookUrl = `${baseUrl}/webhooks/carrier`;
  }
}
