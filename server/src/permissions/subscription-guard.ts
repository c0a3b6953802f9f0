import { GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { IRule } from 'graphql-shield';
import { DomainError, ErrorCode } from '../errors/domain-error.js';
import { subscriptionRules } from './permissions.js';

const FORBIDDEN = () => new DomainError(ErrorCode.FORBIDDEN, 'You are not allowed to do this.');

/**
 * Applies the rule map's Subscription rules to each subscription's `subscribe` (graphql-shield wraps only
 * `resolve`, which runs per event): a caller the rule refuses gets its error when subscribing, and no stream.
 * A subscription field without a rule is refused, as the rule map's fallback would.
 */
export function guardSubscriptions(schema: GraphQLSchema): GraphQLSchema {
  const type = schema.getSubscriptionType();
  if (!(type instanceof GraphQLObjectType)) return schema;
  const rules = subscriptionRules as Record<string, IRule | undefined>;
  for (const [name, field] of Object.entries(type.getFields())) {
    const subscribe = field.subscribe;
    if (!subscribe) continue;
    const rule = rules[name];
    field.subscribe = async (source, args, context, info) => {
      // A fresh rule cache: the subscribe check must not be answered from another operation's results.
      const ctx = Object.assign(context ?? {}, { _shield: { cache: {} } });
      const verdict = rule ? await rule.resolve((source ?? {}) as object, args, ctx, info, { debug: false, allowExternalErrors: true, fallbackRule: rule, fallbackError: FORBIDDEN(), hashFunction: () => '' }) : false;
      if (verdict instanceof Error) throw verdict;
      if (verdict !== true) throw FORBIDDEN();
      return subscribe(source, args, context, info);
    };
  }
  return schema;
}
