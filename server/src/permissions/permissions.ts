import { allow, and, deny, shield } from 'graphql-shield';
import { DomainError, ErrorCode } from '../errors/domain-error.js';
import { isAdmin, isAuthenticated, isCustomer, isCustomerOrAdmin, isCustomerOrStaff, isMerchantOrAdmin, isMerchantOrStaff, isNotCustomer, isPerson, isStaff } from './rules.js';
import { mayUploadKind } from './rules.js';

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
export const permissions = shield(
  {
    Query: {
      me: allow,
      appInfo: allow,
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
      webhookEndpoints: isMerchantOrAdmin,
      devMailbox: isAdmin,
      failedJobs: isAdmin,
    },
    Mutation: {
      login: allow,
      logout: allow,
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
      cancelOrder: isCustomerOrStaff,
      markOrderShipped: isAdmin,
      markOrderDelivered: isAdmin,
      // Fulfilment moves: who may make each one is the transition table's (the customer ships; reviewers receive and inspect).
      confirmReturnShipment: isCustomerOrStaff,
      markReturnReceived: isMerchantOrStaff,
      recordInspection: isMerchantOrStaff,
      retryRefund: isStaff,
      updateMerchantPolicy: and(isPerson, isAdmin),
      // Customers EVIDENCE, merchants (and partners) RESPONSE and INSPECTION, ops and admins any kind;
      // ownership and case state are checked by the documents service.
      uploadCaseDocuments: mayUploadKind,
      createWebhookEndpoint: isMerchantOrAdmin,
      deleteWebhookEndpoint: isMerchantOrAdmin,
    },
    Subscription: subscriptionRules,
    User: allow,
    AppInfo: allow,
    MerchantProfile: { '*': allow, autoApproveLimitMinor: isNotCustomer, policyChanges: isStaff },
    ApiToken: allow,
    CreatedApiToken: allow,
    Order: allow,
    OrderItem: allow,
    // Risk and internal notes are for ops and admins only (SPEC §1).
    ReturnCase: { '*': allow, internalNotes: isStaff, risk: isStaff },
    RiskScore: isStaff,
    RiskReason: isStaff,
    RiskModelRegistry: isAdmin,
    RiskModelVersion: isAdmin,
    ModelMetrics: isAdmin,
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
    ReturnItem: allow,
    ReturnCaseConnection: allow,
    ReturnCaseEdge: allow,
    PageInfo: allow,
    OrderConnection: allow,
    OrderEdge: allow,
    Refund: { '*': allow, lastError: isStaff },
    MerchantPolicyChange: allow,
    EvidenceDocument: allow,
    WebhookEndpoint: allow,
    WebhookDeliveryStatus: allow,
    CreatedWebhookEndpoint: allow,
    DevMailboxMessage: allow,
    DevMailboxConnection: allow,
    DevMailboxMessageEdge: allow,
    FailedJob: allow,
    QueueChange: allow,
  },
  {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: () => new DomainError(ErrorCode.FORBIDDEN, 'You are not allowed to do this.'),
  },
);
