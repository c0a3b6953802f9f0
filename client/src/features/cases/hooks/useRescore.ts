import { useMutation } from '@apollo/client/react';
import { graphql } from '../../../gql';
import { evictCaseLists } from './case-cache';

export const RescoreCaseDocument = graphql(`
  mutation RescoreCase($id: ID!) {
    rescoreCase(id: $id) {
      id
      score
      label
      modelVersion
      scoredAt
      reasonCodes {
        code
        text
        contribution
      }
    }
  }
`);

/** Scores the case again with the active model; the new score becomes the case's `risk` in the cache at once. */
export function useRescore(caseId: string) {
  const [mutate, { loading, error }] = useMutation(RescoreCaseDocument, {
    // The timeline gains a risk_scored event.
    refetchQueries: ['CaseDetail'],
    update(cache, { data }) {
      if (!data) return;
      const ref = cache.identify(data.rescoreCase);
      cache.modify({ id: cache.identify({ __typename: 'ReturnCase', id: caseId }), fields: { risk: () => ({ __ref: ref! }) } });
      // The queue filters and counts by risk label.
      evictCaseLists(cache);
    },
  });
  const rescore = () => void mutate({ variables: { id: caseId } }).catch(() => undefined);
  return { rescore, pending: loading, error };
}
