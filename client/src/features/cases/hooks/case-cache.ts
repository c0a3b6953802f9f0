import type { ApolloCache } from '@apollo/client';

/**
 * Lists whose membership, order or counts may change when any case changes: the ops queue (order, summary
 * cards), each role's case lists (status filters), analytics. They are dropped from the cache so the next page
 * that shows one asks the API again — a list is never shown stale after a mutation.
 */
const CASE_LISTS = ['queue', 'queueConnection', 'returnCases', 'returnsAnalytics'] as const;

export function evictCaseLists(cache: ApolloCache): void {
  for (const fieldName of CASE_LISTS) cache.evict({ id: 'ROOT_QUERY', fieldName });
  cache.gc();
}
