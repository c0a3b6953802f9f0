import { allow, and, deny, shield } from 'graphql-shield';
import { DomainError, ErrorCode } from '../errors/domain-error.js';
import { isAuthenticated, isCustomer, isCustomerOrAdmin, isMerchantOrAdmin, isMerchantOrStaff, isNotCustomer, isPerson, isStaff } from './rules.js';
import { isAdmin } from './rules.js';

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
      returnCase: isAuthenticated,
      returnCases: isAuthenticated,
      apiTokens: and(isPerson, isMerchantOrAdmin),
      returnEligibility: isCustomerOrAdmin,
      queue: isStaff,
      queueConnection: isStaff,
      returnsAnalytics: isStaff,
      caseAuditExport: isStaff,
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
      createWebhookEndpoint: isMerchantOrAdmin,
      deleteWebhookEndpoint: isMerchantOrAdmin,
    },
    Subscription: subscriptionRules,
    User: allow,
    MerchantProfile: { '*': allow, autoApproveLimitMinor: isNotCustomer },
    ApiToken: allow,
    CreatedApiToken: allow,
    Order: allow,
    OrderItem: allow,
    ReturnCase: { '*': allow, internalNotes: isStaff },
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
