import { allow, and, deny, shield } from 'graphql-shield';
import { DomainError, ErrorCode } from '../errors/domain-error.js';
import { isAuthenticated, isMerchantOrAdmin, isNotCustomer, isPerson } from './rules.js';

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
    },
    Mutation: {
      login: allow,
      logout: allow,
      createApiToken: and(isPerson, isMerchantOrAdmin),
      revokeApiToken: and(isPerson, isMerchantOrAdmin),
    },
    User: allow,
    MerchantProfile: { '*': allow, autoApproveLimitMinor: isNotCustomer },
    ApiToken: allow,
    CreatedApiToken: allow,
    Order: allow,
    OrderItem: allow,
    ReturnCase: allow,
    ReturnItem: allow,
    ReturnCaseConnection: allow,
    ReturnCaseEdge: allow,
    PageInfo: allow,
  },
  {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: () => new DomainError(ErrorCode.FORBIDDEN, 'You are not allowed to do this.'),
  },
);
