import type { GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { type IRule, allow, and, deny, shield } from 'graphql-shield';

import { DomainError, ErrorCode } from '../errors/domain-error.js';
import { isAdmin, isAuthenticated, isCustomer, isCustomerOrAdmin, isCustomerOrStaff, isMerchantOrAdmin, isMerchantOrStaff, isNotCustomer, isPerson, isStaff } from './rules.js';
import { isStaffOrSelf, mayUploadKind } from './rules.js';

/**
 * Who may subscribe. graphql-shield only wraps a subscription's `resolve` (each event), so the same rules are
 * also applied to its `subscribe` (permissions/subscription-guard.ts): refused callers fail at subscribe time.
 */
export const subscriptionRules = {
  caseUpdated: isAuthenticated,
  queueChanged: isStaff,
};

/**
 * THE rule map: every role rule of the API, and nothing else anywhere. Deny by default: a Query or Mutation
 * field, or a whole type, that is not listed here cannot be reached. Object types are allowed explicitly,
 * with their sensitive fields named.
 */
/** Rule per type: one rule for every field, or per field with '*' for the rest. A type that is not listed is denied. */
export type RuleMap = Record<string, ShieldRule | Record<string, ShieldRule>>;
type ShieldRule = IRule | ReturnType<typeof and>;

export const RULES: RuleMap = {
    Query: {
      me: allow,
      appInfo: allow,
      uploadLimits: allow,
      returnCase: isAuthenticated,
      returnCases: isAuthenticated,
      apiTokens: and(isPerson, isMerchantOrAdmin),
      returnEligibility: isCustomerOrAdmin,
      queue: isStaff,
      queueConnection: isStaff,
      returnsAnalytics: isStaff,
      caseAuditExport: isStaff,
      models: isAdmin,
      orders: isAuthenticated,
      order: isAuthenticated,
      merchantPolicy: isMerchantOrStaff,
      // A merchant's return rules (issue 22): the merchant and its partner tokens read their own, admins any.
      returnRules: isMerchantOrAdmin,
      // The simulator is the rules editor's (a person's); it reads many cases, so partner tokens are not let in.
      simulateReturnRules: and(isPerson, isMerchantOrAdmin),
      // A background simulation: the merchant's own (admins any) — whose it is, the service checks.
      ruleSimulation: and(isPerson, isMerchantOrAdmin),
      webhookEndpoints: isMerchantOrAdmin,
      devMailbox: isAdmin,
      failedJobs: isAdmin,
      // Development's demo clock (issue 19 §18): admins in a browser only; null / FORBIDDEN in production (DemoClock).
      demoClock: and(isPerson, isAdmin),
      users: isAdmin,
      merchants: isAdmin,
      userConnection: isAdmin,
      merchantConnection: isAdmin,
      // Stock per SKU: merchants (and partner tokens) their own, ops read-only and admins any merchant's; not customers.
      stock: isMerchantOrStaff,
      // A customer's store credit (issue 22 §3): staff any customer's, a merchant its own customers' accounts with it.
      storeCreditAccounts: isMerchantOrStaff,
    },
    Mutation: {
      login: allow,
      logout: allow,
      changePassword: isPerson,
      createApiToken: and(isPerson, isMerchantOrAdmin),
      revokeApiToken: and(isPerson, isMerchantOrAdmin),
      createReturnCase: isCustomerOrAdmin,
      // Who may make which move is the transition table's business (returns/transitions.ts).
      transitionReturnCase: isAuthenticated,
      setCasePriority: isStaff,
      assignCase: isStaff,
      requestFollowUp: isStaff,
      decideReturnCase: isMerchantOrStaff,
      cancelReturnCase: isCustomer,
      disputeDecision: isCustomer,
      resolveDispute: isStaff,
      addCaseNote: isAuthenticated,
      rescoreCase: isStaff,
      activateModel: isAdmin,
      advanceDemoClock: and(isPerson, isAdmin),
      cancelOrder: isCustomerOrStaff,
      // A person on the returns team cancels what the customer may not (a processing order), with a reason.
      cancelOrderWithReason: and(isPerson, isAdmin),
      markOrderShipped: isAdmin,
      markOrderDelivered: isAdmin,
      // Fulfilment moves: who may make each one is the transition table's (the customer ships; reviewers receive and inspect).
      confirmReturnShipment: isCustomerOrStaff,
      markReturnReceived: isMerchantOrStaff,
      recordInspection: isMerchantOrStaff,
      retryRefund: isStaff,
      updateMerchantPolicy: and(isPerson, isAdmin),
      // A person saves rules (the merchant its own, admins any); partner tokens only read them.
      saveReturnRules: and(isPerson, isMerchantOrAdmin),
      // The simulator in the background (issue 22 §6), like simulateReturnRules.
      startRuleSimulation: and(isPerson, isMerchantOrAdmin),
      // Customers EVIDENCE, merchants (and partners) RESPONSE and INSPECTION, ops and admins any kind;
      // ownership and case state are checked by the documents service.
      uploadCaseDocuments: mayUploadKind,
      createWebhookEndpoint: isMerchantOrAdmin,
      deleteWebhookEndpoint: isMerchantOrAdmin,
      enableWebhookEndpoint: isMerchantOrAdmin,
      updateWebhookEndpoint: isMerchantOrAdmin,
      rotateWebhookSecret: isMerchantOrAdmin,
      sendTestWebhook: isMerchantOrAdmin,
      resendWebhookDelivery: isMerchantOrAdmin,
      // A person, not a partner system, decides who may sign in.
      setUserActive: and(isPerson, isAdmin),
      // Pays an order with the customer's credit: the merchant's checkout or partner system (its orders), staff any.
      spendStoreCredit: isMerchantOrStaff,
    },
    Subscription: subscriptionRules,
    // Sign-in names and e-mails: staff and the user themself; parties see names (User.displayName) only.
    User: { '*': allow, username: isStaffOrSelf, email: isStaffOrSelf, storeCredit: isStaffOrSelf, accessChanges: isAdmin, latestAccessChange: isAdmin },
    UserAccessChange: allow,
    AppInfo: allow,
    MerchantProfile: { '*': allow, autoApproveLimitMinor: isNotCustomer, policyChanges: isStaff },
    ApiToken: allow,
    CreatedApiToken: allow,
    Order: allow,
    OrderItem: allow,
    // Risk and internal notes are for ops and admins only (SPEC §1).
    // Why a case went its way (issue 22): the merchant's rule internals are for the merchant and staff, never the customer.
    ReturnCase: { '*': allow, internalNotes: isStaff, risk: isStaff, matchedRules: isMerchantOrStaff, keepItemRule: isMerchantOrStaff },
    MatchedRule: isMerchantOrStaff,
    RiskScore: isStaff,
    RiskReason: isStaff,
    RiskModelRegistry: isAdmin,
    RiskModelVersion: isAdmin,
    ModelMetrics: isAdmin,
    ModelGate: isAdmin,
    GateScores: isAdmin,
    UnreadableModelVersion: isAdmin,
    ConfidenceInterval: isAdmin,
    CalibrationBin: isAdmin,
    ModelFeatureWeight: isAdmin,
    ModelDrift: isAdmin,
    FeatureDrift: isAdmin,
    CaseNote: allow,
    CaseEvent: allow,
    AvailableTransition: allow,
    ReturnEligibility: allow,
    QueuePage: allow,
    QueueSummary: allow,
    StatusCount: allow,
    QueueConnection: allow,
    QueueEdge: allow,
    ReturnsAnalytics: allow,
    CountByKey: allow,
    MerchantReturns: allow,
    DailyReturns: allow,
    AuditExport: allow,
    ItemEligibility: allow,
    ReasonTerms: allow,
    ReturnItem: allow,
    ReturnCaseConnection: allow,
    ReturnCaseEdge: allow,
    PageInfo: allow,
    OrderConnection: allow,
    OrderEdge: allow,
    // The provider's internals are for the people who run or pay the refund, not the customer (state, amount, dates).
    // The carrier's scans of the return parcel: everyone who can see the case (issue 22 §5).
    TrackingEvent: allow,
    Refund: { '*': allow, lastError: isStaff, provider: isNotCustomer, providerRefundId: isNotCustomer, idempotencyKey: isNotCustomer, attempts: isNotCustomer, lastAttemptAt: isNotCustomer },
    MerchantPolicyChange: allow,
    ReturnRuleSet: allow,
    ReturnRule: allow,
    ReturnRuleCondition: allow,
    ReturnRuleAction: allow,
    RuleSimulation: allow,
    RuleSimulationJob: allow,
    SimulatedOutcomes: allow,
    SimulatedRuleMatch: allow,
    SimulatedCaseChange: allow,
    EvidenceDocument: allow,
    UploadLimits: allow,
    DocumentKindLimits: allow,
    AcceptedFileType: allow,
    WebhookEndpoint: { '*': allow, deliveries: isMerchantOrAdmin },
    WebhookDelivery: isMerchantOrAdmin,
    WebhookDeliveryAttempt: isMerchantOrAdmin,
    WebhookDeliveryConnection: isMerchantOrAdmin,
    WebhookDeliveryEdge: isMerchantOrAdmin,
    RotatedWebhookSecret: isMerchantOrAdmin,
    WebhookDeliveryStatus: allow,
    CreatedWebhookEndpoint: allow,
    DevMailboxMessage: allow,
    DevMailboxConnection: allow,
    DevMailboxMessageEdge: allow,
    FailedJob: allow,
    DemoClockState: allow,
    QueueChange: allow,
    UserPage: isAdmin,
    MerchantPage: isAdmin,
    UserConnection: isAdmin,
    UserEdge: isAdmin,
    MerchantConnection: isAdmin,
    MerchantEdge: isAdmin,
    Product: allow,
    OrderEvent: { '*': allow, actorLabel: isStaff },
    ProductConnection: allow,
    ProductEdge: allow,
    StoreCreditAccount: allow,
    // Who made a movement is a username for staff; the parties read the movement without it.
    StoreCreditMovement: { '*': allow, actorLabel: isStaff },
    StoreCreditSpend: allow,
};

export const SHIELD_OPTIONS: NonNullable<Parameters<typeof shield>[1]> = {
  fallbackRule: deny,
  allowExternalErrors: true,
  fallbackError: () => new DomainError(ErrorCode.FORBIDDEN, 'You are not allowed to do this.'),
};

export const permissions = shield(RULES, SHIELD_OPTIONS);

/** The rule that guards `type.field`, as the shield resolves it (field, then the type's '*', then the fallback). */
export function ruleFor(type: string, field: string): ShieldRule {
  const rules = RULES[type];
  if (rules === undefined) return deny;
  if (typeof (rules as ShieldRule).resolve === 'function') return rules as ShieldRule;
  const map = rules as Record<string, ShieldRule>;
  return map[field] ?? map['*'] ?? deny;
}

/**
 * The schema with the rule map applied to the fields it restricts. A field whose rule is `allow` is left
 * unwrapped: its rule can only say yes, and the shield's wrapper would turn every such field — every scalar of
 * every row of a list — into a promise (issue 9 measured it as a sixth of a queue request's CPU). Fields of unlisted
 * types keep the deny fallback, so deny-by-default is unchanged.
 */
export function applyPermissions(schema: GraphQLSchema): GraphQLSchema {
  const generated = permissions.generate(schema) as unknown as Record<string, Record<string, unknown>>;
  const scoped: Record<string, Record<string, unknown>> = {};
  for (const [type, fields] of Object.entries(generated)) {
    for (const [field, middleware] of Object.entries(fields)) {
      if (ruleFor(type, field) !== allow) (scoped[type] ??= {})[field] = middleware;
    }
  }
  return applyMiddleware(schema, scoped as never);
}
