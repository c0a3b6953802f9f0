import type { ApolloCache } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import { useCallback, useState } from 'react';
import { isStaffRole } from '../../../app/auth/roles';
import { graphql } from '../../../gql';
import type { Role } from '../../../gql/graphql';
import { DECISION_TARGETS } from '../case-copy';
import type { Transition } from '../components/TransitionActions';
import { evictCaseLists } from './case-cache';

const TransitionCaseDocument = graphql(`
  mutation TransitionCase($id: ID!, $to: CaseStatus!, $note: String, $expectedVersion: Int, $staff: Boolean!) {
    transitionReturnCase(id: $id, to: $to, note: $note, expectedVersion: $expectedVersion) {
      id
      ...CaseDetail_case
    }
  }
`);

const RequestFollowUpDocument = graphql(`
  mutation RequestFollowUp($id: ID!, $from: FollowUpParty!, $message: String!, $expectedVersion: Int, $staff: Boolean!) {
    requestFollowUp(id: $id, from: $from, message: $message, expectedVersion: $expectedVersion) {
      id
      ...CaseDetail_case
    }
  }
`);

const DecideCaseDocument = graphql(`
  mutation DecideCase($id: ID!, $decision: CaseDecision!, $reason: String, $expectedVersion: Int, $staff: Boolean!) {
    decideReturnCase(id: $id, decision: $decision, reason: $reason, expectedVersion: $expectedVersion) {
      id
      ...CaseDetail_case
    }
  }
`);

const CancelCaseDocument = graphql(`
  mutation CancelCase($id: ID!, $reason: String, $expectedVersion: Int, $staff: Boolean!) {
    cancelReturnCase(id: $id, reason: $reason, expectedVersion: $expectedVersion) {
      id
      ...CaseDetail_case
    }
  }
`);

const DisputeCaseDocument = graphql(`
  mutation DisputeCase($id: ID!, $reason: String!, $expectedVersion: Int, $staff: Boolean!) {
    disputeDecision(id: $id, reason: $reason, expectedVersion: $expectedVersion) {
      id
      ...CaseDetail_case
    }
  }
`);

const ResolveDisputeDocument = graphql(`
  mutation ResolveDispute($id: ID!, $outcome: DisputeOutcome!, $note: String!, $expectedVersion: Int, $staff: Boolean!) {
    resolveDispute(id: $id, outcome: $outcome, note: $note, expectedVersion: $expectedVersion) {
      id
      ...CaseDetail_case
    }
  }
`);

const MarkReceivedDocument = graphql(`
  mutation MarkReturnReceived($id: ID!, $note: String, $expectedVersion: Int, $staff: Boolean!) {
    markReturnReceived(id: $id, note: $note, expectedVersion: $expectedVersion) {
      id
      ...CaseDetail_case
    }
  }
`);

const RetryRefundDocument = graphql(`
  mutation RetryRefund($id: ID!, $expectedVersion: Int, $staff: Boolean!) {
    retryRefund(id: $id, expectedVersion: $expectedVersion) {
      id
      ...CaseDetail_case
    }
  }
`);

const DECISION = { APPROVED: 'APPROVE', REJECTED: 'REJECT', WAITING_CUSTOMER: 'REQUEST_INFO' } as const;

/**
 * Performs a move from `availableTransitions` with the operation made for it: follow-ups, decisions, cancels,
 * disputes, dispute rulings, receipt and refund retries have their own mutations; every other move is transitionReturnCase. Each carries
 * the version the page loaded, so a change made meanwhile by someone else fails with CONFLICT instead of
 * overwriting it. The answer is the whole case (the page updates from it); lists are dropped from the cache.
 */
export function useCaseAction({ caseId, version, role }: { caseId: string; version: number; role: Role }) {
  const client = useApolloClient();
  const [pendingTo, setPendingTo] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = useCallback(
    async (t: Transition, note: string | null): Promise<boolean> => {
      const staff = isStaffRole(role);
      const base = { id: caseId, expectedVersion: version, staff };
      const update = (cache: ApolloCache) => evictCaseLists(cache);
      setPendingTo(t.to);
      setError(null);
      try {
        if (t.operation === 'markReturnReceived') {
          await client.mutate({ mutation: MarkReceivedDocument, variables: { ...base, note }, update });
        } else if (t.operation === 'retryRefund') {
          await client.mutate({ mutation: RetryRefundDocument, variables: base, update });
        } else if (t.operation === 'disputeDecision') {
          await client.mutate({ mutation: DisputeCaseDocument, variables: { ...base, reason: note ?? '' }, update });
        } else if (t.operation === 'resolveDispute') {
          await client.mutate({ mutation: ResolveDisputeDocument, variables: { ...base, outcome: t.to === 'APPROVED' ? 'OVERTURN' : 'UPHOLD', note: note ?? '' }, update });
        } else if (staff && (t.to === 'WAITING_CUSTOMER' || t.to === 'WAITING_MERCHANT')) {
          const from = t.to === 'WAITING_CUSTOMER' ? 'CUSTOMER' : 'MERCHANT';
          await client.mutate({ mutation: RequestFollowUpDocument, variables: { ...base, from, message: note ?? '' }, update });
        } else if (role === 'MERCHANT' && DECISION_TARGETS.has(t.to)) {
          const decision = DECISION[t.to as keyof typeof DECISION];
          await client.mutate({ mutation: DecideCaseDocument, variables: { ...base, decision, reason: note }, update });
        } else if (role === 'CUSTOMER' && t.to === 'CANCELLED') {
          await client.mutate({ mutation: CancelCaseDocument, variables: { ...base, reason: note }, update });
        } else {
          await client.mutate({ mutation: TransitionCaseDocument, variables: { ...base, to: t.to, note }, update });
        }
        return true;
      } catch (caught) {
        setError(caught);
        return false;
      } finally {
        setPendingTo(null);
      }
    },
    [client, caseId, version, role],
  );

  return { run, pendingTo, error, clearError: () => setError(null) };
}
