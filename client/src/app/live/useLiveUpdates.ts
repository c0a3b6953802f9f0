import { useApolloClient, useSubscription } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { graphql } from '../../gql';
import { onReconnected } from './live-status';

const CaseUpdatedDocument = graphql(`
  subscription CaseUpdated($id: ID!) {
    caseUpdated(id: $id) {
      id
      version
    }
  }
`);

const LiveCaseVersionFragment = graphql(`
  fragment LiveCaseVersion on ReturnCase {
    id
    version
  }
`);

const QueueChangedDocument = graphql(`
  subscription QueueChanged {
    queueChanged {
      caseId
      eventType
    }
  }
`);

/** How long the queue waits after a change for more before refetching (a bulk job changes many cases at once). */
export const QUEUE_REFRESH_DEBOUNCE_MS = 800;

function useLatest<T>(value: T) {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  });
  return ref;
}

/**
 * Keeps an open case current: when someone else changes it, the page refetches it (a change of the viewer's own is
 * already on screen: the mutation answered with the new version). After a reconnect it refetches once, since
 * changes made meanwhile were not pushed.
 */
export function useCaseLiveUpdates(caseId: string, { skip = false, refetch }: { skip?: boolean; refetch: () => void }) {
  const client = useApolloClient();
  const latestRefetch = useLatest(refetch);
  useSubscription(CaseUpdatedDocument, {
    variables: { id: caseId },
    skip,
    // Only a signal: the refetch brings the case with everything the page shows.
    fetchPolicy: 'no-cache',
    onData: ({ data }) => {
      const event = data.data?.caseUpdated;
      if (!event) return;
      const shown = client.cache.readFragment({ fragment: LiveCaseVersionFragment, id: client.cache.identify({ __typename: 'ReturnCase', id: event.id }) });
      if (shown && shown.version >= event.version) return;
      latestRefetch.current();
    },
  });
  useEffect(() => (skip ? undefined : onReconnected(() => latestRefetch.current())), [skip, latestRefetch]);
}

/** Refreshes the ops queue when any case changes, at most once per burst of changes, and after a reconnect. */
export function useQueueLiveUpdates({ skip = false, refetch }: { skip?: boolean; refetch: () => void }) {
  const latestRefetch = useLatest(refetch);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  useSubscription(QueueChangedDocument, {
    skip,
    fetchPolicy: 'no-cache',
    onData: () => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => latestRefetch.current(), QUEUE_REFRESH_DEBOUNCE_MS);
    },
  });
  useEffect(() => (skip ? undefined : onReconnected(() => latestRefetch.current())), [skip, latestRefetch]);
}
