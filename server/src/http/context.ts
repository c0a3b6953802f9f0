import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request, Response } from 'express';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { byIdLoader, childrenLoader } from '../db/batched-loads.js';
import { AnalyticsService } from '../modules/analytics/analytics.service.js';
import { QueueService } from '../modules/queue/queue.service.js';
import { AuthService } from '../modules/auth/auth.service.js';
import { DocumentService } from '../modules/documents/document.service.js';
import type { FileStorage } from '../modules/documents/storage/file-storage.js';
import type { RescoreHook } from '../modules/risk/rescore-hook.js';
import type { Viewer } from '../modules/auth/viewer.js';
import { CaseDetails } from '../modules/returns/case-details.service.js';
import { CaseWorkflow } from '../modules/returns/case-workflow.service.js';
import { OpenCaseService } from '../modules/returns/open-case.service.js';
import { ReturnCaseReader } from '../modules/returns/return-case.service.js';
import type { Clock } from '../shared/clock.js';
import type { CarrierPort } from '../modules/fulfilment/carrier-port.js';
import { FulfilmentEffects } from '../modules/fulfilment/fulfilment-effects.js';
import { FulfilmentService } from '../modules/fulfilment/fulfilment.service.js';
import type { LabelStore } from '../modules/fulfilment/label-store.js';
import { MerchantPolicyService } from '../modules/merchants/merchant-policy.service.js';
import { ReturnRulesService } from '../modules/rules/return-rules.service.js';
import { RuleSimulationService } from '../modules/rules/rule-simulation.service.js';
import { StockLevels } from '../modules/stock/stock-levels.service.js';
import { StoreCreditAccounts } from '../modules/store-credit/store-credit-accounts.service.js';
import { OrderService } from '../modules/orders/order.service.js';
import type { PaymentProvider } from '../modules/payments/payment-provider.js';
import { RefundService } from '../modules/refunds/refund.service.js';
import type { RiskModel } from '../modules/risk/risk-model.js';
import type { RateLimit } from './rate-limit.js';
import { RiskService } from '../modules/risk/risk.service.js';
import { ModelRegistryService } from '../modules/risk/model-registry.service.js';
import type { LiveUpdates } from '../modules/live/live-updates.service.js';
import { WebhookEndpoints } from '../modules/webhooks/webhooks.service.js';
import { DevMailbox } from '../modules/notifications/dev-mailbox.service.js';
import { JobQueueReader } from '../modules/job-queue/job-queue.service.js';
import { batchLoader } from '../shared/batch-loader.js';
import { DemoClock } from '../modules/demo-clock/demo-clock.service.js';
import { MerchantProfile } from '../modules/users/merchant-profile.entity.js';
import { OrderItem } from '../modules/orders/order-item.entity.js';
import { Refund } from '../modules/refunds/refund.entity.js';
import { CaseTrackingEvent } from '../modules/fulfilment/tracking-event.entity.js';
import { UserDirectory } from '../modules/users/user-directory.service.js';

/** What the whole process shares: built once at start-up. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  clock: Clock;
  /** The payment port (SPEC §6): the simulated provider or Stripe, from PAYMENT_PROVIDER. */
  payments: PaymentProvider;
  /** The carrier port: issues return labels on approval. */
  carrier: CarrierPort;
  /** Where return labels are stored (to be served by the general storage port later). */
  labels: LabelStore;
  /** The active escalation-risk model of this process, from the database's registry (reloaded on activation). */
  riskModel: RiskModel;
  /** Overrides the per-caller mutation limit (tests). */
  mutationRateLimit?: RateLimit;
  /** Where uploaded files (and return labels) are kept: local disk or S3 (modules/documents/storage). */
  storage: FileStorage;
  /** Best-effort rescore after uploads; the risk wiring provides it (absent: the outbox row alone asks). */
  rescoreHook?: RescoreHook;
}

/**
 * The services of one request, all bound to its EntityManager fork and viewer. Built on first use: a request
 * touches one or two of them, and constructing all sixteen (and their helpers) per request was measurable CPU on
 * the hot read paths (issue 9). Each is built at most once per request, so they still share one unit of work.
 */
export function createServices(em: EntityManager, viewer: Viewer | null, deps: AppDeps) {
  const services = {
    get risk() {
      return once('risk', () => new RiskService(em, deps.riskModel, deps.clock, deps.logger));
    },
    get modelRegistry() {
      return once('modelRegistry', () => new ModelRegistryService(em, viewer, deps.riskModel, deps.clock));
    },
    get auth() {
      return once('auth', () => new AuthService(em, deps.config, deps.clock));
    },
    get cases() {
      return once('cases', () => new ReturnCaseReader(em, viewer, services.risk));
    },
    get caseDetails() {
      return once('caseDetails', () => new CaseDetails(em, viewer, deps.clock));
    },
    get openCase() {
      return once('openCase', () => new OpenCaseService(em, viewer, deps.clock, services.risk, services.workflow, services.documents, services.cases));
    },
    get workflow() {
      return once('workflow', () => new CaseWorkflow(em, viewer, deps.clock, new FulfilmentEffects(deps)));
    },
    get queue() {
      return once('queue', () => new QueueService(em, deps.clock, services.risk));
    },
    get analytics() {
      return once('analytics', () => new AnalyticsService(em, deps.clock));
    },
    get refunds() {
      return once('refunds', () => new RefundService(em, deps));
    },
    get orders() {
      return once('orders', () => new OrderService(em, viewer, deps.clock, services.refunds));
    },
    get stock() {
      return once('stock', () => new StockLevels(em, viewer));
    },
    get storeCredit() {
      return once('storeCredit', () => new StoreCreditAccounts(em, viewer, deps.clock));
    },
    get fulfilment() {
      return once('fulfilment', () => new FulfilmentService(em, viewer, deps.clock, services.workflow, services.refunds));
    },
    get merchantPolicies() {
      return once('merchantPolicies', () => new MerchantPolicyService(em, viewer, deps.clock));
    },
    get returnRules() {
      return once('returnRules', () => new ReturnRulesService(em, viewer, deps.clock));
    },
    get ruleSimulations() {
      return once('ruleSimulations', () => new RuleSimulationService(em, viewer, deps.clock, deps.config));
    },
    get documents() {
      return once('documents', () => new DocumentService(em, viewer, deps, services.workflow, services.fulfilment));
    },
    get webhooks() {
      return once('webhooks', () => new WebhookEndpoints(em, viewer, deps.config, deps.clock));
    },
    get devMailbox() {
      return once('devMailbox', () => new DevMailbox(em));
    },
    get jobQueue() {
      return once('jobQueue', () => new JobQueueReader(em));
    },
    get demoClock() {
      return once('demoClock', () => new DemoClock(em, deps.config, deps.clock));
    },
    /** `User.merchantProfile`, batched: the users of a list's rows resolve with one query. */
    get merchantProfileOfUser() {
      return once('merchantProfileOfUser', () =>
        batchLoader((userIds: string[]) => em.find(MerchantProfile, { user: { $in: userIds } }).then((profiles) => new Map(profiles.map((p) => [p.user.id, p])))),
      );
    },
    get userDirectory() {
      return once('userDirectory', () => new UserDirectory(em, viewer, deps.clock));
    },
    // What an order or product (an entity or a plain row) links to, by id, in batches (db/batched-loads.ts).
    get orderItemsOf() {
      return once('orderItemsOf', () => childrenLoader(em, OrderItem, 'order', { position: 'asc' }));
    },
    get refundsOfOrder() {
      return once('refundsOfOrder', () => childrenLoader(em, Refund, 'order', { createdAt: 'asc', id: 'asc' }));
    },
    /** `ReturnCase.tracking`: the carrier's events of the cases of a list, newest first, in one query per tick. */
    get trackingOfCase() {
      return once('trackingOfCase', () => childrenLoader(em, CaseTrackingEvent, 'returnCase', { occurredAt: 'desc', receivedAt: 'desc' }));
    },
    get merchantProfileById() {
      return once('merchantProfileById', () => byIdLoader(em, MerchantProfile));
    },
  };
  const built = new Map<string, unknown>();
  function once<T>(name: string, build: () => T): T {
    let service = built.get(name) as T | undefined;
    if (service === undefined) {
      service = build();
      built.set(name, service);
    }
    return service;
  }
  return services;
}
export type Services = ReturnType<typeof createServices>;

/** The GraphQL context: one EntityManager fork and one viewer per request. */
export interface RequestContext {
  requestId: string;
  em: EntityManager;
  viewer: Viewer | null;
  services: Services;
  deps: AppDeps;
  logger: Logger;
  /** The session cookie's secret, when the request carried one (for rotation and sign-out). */
  sessionSecret?: string;
  /** The user `login` just signed in during this request: their answer may show them their own sign-in name. */
  signedInUserId?: string;
  /** Absent for calls that do not come over HTTP (tests executing the schema directly). */
  req?: Request;
  res?: Response;
  /** Set for GraphQL subscriptions (WebSocket): their event sources. */
  live?: LiveUpdates;
}
