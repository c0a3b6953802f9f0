import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AnalyticsResolver } from './modules/analytics/analytics.resolver.js';
import { QueueResolver } from './modules/queue/queue.resolver.js';
import { RiskResolver } from './modules/risk/risk.resolver.js';
import { SystemResolver } from './modules/system/system.resolver.js';
import { UserResolver } from './modules/users/user.resolver.js';
import { UserDirectoryResolver } from './modules/users/user-directory.resolver.js';
import { AuthResolver } from './modules/auth/auth.resolver.js';
import { CaseDocumentsResolver, EvidenceDocumentResolver } from './modules/documents/documents.resolver.js';
import { UploadLimitsResolver } from './modules/documents/upload-limits.resolver.js';
import { ReturnCaseMutationsResolver } from './modules/returns/return-case-mutations.resolver.js';
import { CaseNoteResolver, ReturnCaseResolver, ReturnItemResolver } from './modules/returns/return-case.resolver.js';
import { FulfilmentResolver } from './modules/fulfilment/fulfilment.resolver.js';
import { MerchantPolicyResolver } from './modules/merchants/merchant-policy.resolver.js';
import { ReturnRulesResolver } from './modules/rules/return-rules.resolver.js';
import { RuleSimulationResolver } from './modules/rules/rule-simulation.resolver.js';
import { OrderResolver } from './modules/orders/order.resolver.js';
import { StockResolver } from './modules/stock/stock.resolver.js';
import { StoreCreditResolver } from './modules/store-credit/store-credit.resolver.js';
import { guardSubscriptions } from './permissions/subscription-guard.js';
import { LiveUpdatesResolver } from './modules/live/live-updates.resolver.js';
import { noPubSub } from './modules/live/live-updates.service.js';
import { WebhookDeliveryResolver, WebhooksResolver } from './modules/webhooks/webhooks.resolver.js';
import { DevMailboxResolver } from './modules/notifications/dev-mailbox.resolver.js';
import { JobQueueResolver } from './modules/job-queue/job-queue.resolver.js';
import { DemoClockResolver } from './modules/demo-clock/demo-clock.resolver.js';
import { applyPermissions } from './permissions/permissions.js';

export const resolvers = [
  AuthResolver, ReturnCaseResolver, ReturnItemResolver, CaseNoteResolver, ReturnCaseMutationsResolver, QueueResolver, AnalyticsResolver, RiskResolver, SystemResolver, UserResolver, UserDirectoryResolver,
  OrderResolver,
  StockResolver,
  StoreCreditResolver,
  FulfilmentResolver,
  MerchantPolicyResolver,
  ReturnRulesResolver, RuleSimulationResolver,
  EvidenceDocumentResolver, CaseDocumentsResolver, UploadLimitsResolver,
  LiveUpdatesResolver, WebhooksResolver, WebhookDeliveryResolver, DevMailboxResolver, JobQueueResolver, DemoClockResolver,
] as const;

/** The schema as type-graphql builds it from the code, without the permission layer (for the SDL file). */
export function buildBareSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers, validate: { forbidUnknownValues: false }, emitSchemaFile: false, pubSub: noPubSub });
}

/** The executable schema: the code's schema with the one rule map applied to it. */
export async function buildAppSchema(): Promise<GraphQLSchema> {
  // Subscriptions also get the rule map at subscribe time (graphql-shield only wraps their resolve).
  return guardSubscriptions(applyPermissions(await buildBareSchema()));
}

/** The SDL committed as schema/schema.graphql, the only input of the client's code generation. */
export const printSdl = (schema: GraphQLSchema): string => `${printSchema(lexicographicSortSchema(schema))}\n`;
