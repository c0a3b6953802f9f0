import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { graphql } from '../../../gql';
import type { CasePriority } from '../../../gql/graphql';
import { evictCaseLists } from './case-cache';

const SetCasePriorityDocument = graphql(`
  mutation SetCasePriority($id: ID!, $priority: CasePriority!, $expectedVersion: Int) {
    setCasePriority(id: $id, priority: $priority, expectedVersion: $expectedVersion) {
      id
      version
      priority
      slaDueAt
      slaBreached
    }
  }
`);

const AssignCaseDocument = graphql(`
  mutation AssignCase($id: ID!, $assigneeId: ID, $expectedVersion: Int) {
    assignCase(id: $id, assigneeId: $assigneeId, expectedVersion: $expectedVersion) {
      id
      version
      assignee {
        id
        displayName
      }
    }
  }
`);

interface CaseRef {
  id: string;
  version: number;
  slaDueAt: string;
  slaBreached: boolean;
}

/**
 * Priority and assignee: the page shows the new value at once (optimistic — the API only refuses them for a stale
 * version, and then the old value comes back with the conflict message). The resolution deadline is recomputed
 * by the API and arrives with the answer; the case is read again for its timeline, and lists are dropped.
 */
export function useSetPriority(rc: CaseRef) {
  const [mutate, state] = useMutation(SetCasePriorityDocument, {
    refetchQueries: ['CaseDetail'],
    update: (cache) => evictCaseLists(cache),
  });
  const setPriority = useCallback(
    (priority: CasePriority) =>
      void mutate({
        variables: { id: rc.id, priority, expectedVersion: rc.version },
        optimisticResponse: { setCasePriority: { __typename: 'ReturnCase', id: rc.id, version: rc.version, priority, slaDueAt: rc.slaDueAt, slaBreached: rc.slaBreached } },
      }).catch(() => undefined),
    [mutate, rc.id, rc.version, rc.slaDueAt, rc.slaBreached],
  );
  return { setPriority, pending: state.loading, error: state.error, reset: state.reset };
}

export function useAssignCase(rc: Pick<CaseRef, 'id' | 'version'>) {
  const [mutate, state] = useMutation(AssignCaseDocument, {
    refetchQueries: ['CaseDetail'],
    update: (cache) => evictCaseLists(cache),
  });
  const assign = useCallback(
    (assignee: { id: string; displayName: string } | null) =>
      void mutate({
        variables: { id: rc.id, assigneeId: assignee?.id ?? null, expectedVersion: rc.version },
        optimisticResponse: { assignCase: { __typename: 'ReturnCase', id: rc.id, version: rc.version, assignee: assignee ? { __typename: 'User', ...assignee } : null } },
      }).catch(() => undefined),
    [mutate, rc.id, rc.version],
  );
  return { assign, pending: state.loading, error: state.error, reset: state.reset };
}
