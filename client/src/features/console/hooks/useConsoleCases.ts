import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useCallback } from 'react';
import { graphql } from '../../../gql';

export const CONSOLE_PAGE_SIZE = 25;

export const ConsoleCasesDocument = graphql(`
  query ConsoleCases($first: Int!, $after: String) {
    returnCases(first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          ...CaseTable_case
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** The viewer's cases (the API scopes them by role), newest first, one page at a time. */
export function useConsoleCases() {
  const { data, error, networkStatus, refetch, fetchMore } = useQuery(ConsoleCasesDocument, {
    variables: { first: CONSOLE_PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.returnCases;
  const endCursor = connection?.pageInfo.endCursor;
  const loadMore = useCallback(() => {
    if (endCursor) void fetchMore({ variables: { after: endCursor } }).catch(() => undefined);
  }, [endCursor, fetchMore]);
  return {
    connection,
    error,
    initialLoading: !connection && networkStatus === NetworkStatus.loading,
    loadingMore: networkStatus === NetworkStatus.fetchMore,
    loadMore,
    retry: () => void refetch().catch(() => undefined),
  };
}
