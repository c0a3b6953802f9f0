import { useSubscription } from '@apollo/client/react';
import { useCallback, useEffect, useRef } from 'react';
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
/** A case change often comes as a few events (status, audit, rescore): one refetch for them. */
export const CASE_REFRESH_DEBOUNCE_MS = 250;

function useLatest<T>(value: T) {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  });
  return ref;
}

/** `run` once `ms` after the last call (cancelled on unmount). */
function useDebounced(run: () => void, ms: number): () => void {
  const latest = useLatest(run);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(), ms);
  }, [latest, ms]);
}

/**
 * Keeps an open case current: when it changes (a status move, a message, an upload — not all of which change its
 * version), the page refetches it. After a reconnect it refetches once, since changes made meanwhile were not pushed.
 */
export function useCaseLiveUpdates(caseId: string, { skip = false, refetch }: { skip?: boolean; refetch: () => void }) {
  const latestRefetch = useLatest(refetch);
  const refresh = useDebounced(refetch, CASE_REFRESH_DEBOUNCE_MS);
  useSubscription(CaseUpdatedDocument, {
    variables: { id: caseId },
    skip,
    // Only a signal: the refetch brings the case with everything the page shows.
    fetchPolicy: 'no-cache',
    onData: ({ data }) => {
      if (data.data?.caseUpdated) refresh();
    },
  });
  useEffect(() => (skip ? undefined : onReconnected(() => latestRefetch.current())), [skip, latestRefetch]);
}

/** Refreshes the ops queue when any case changes, at most once per burst of changes, and after a reconnect. */
export function useQueueLiveUpdates({ skip = false, refetch }: { skip?: boolean; refetch: () => void }) {
  const latestRefetch = useLatest(refetch);
  const refresh = useDebounced(refetch, QUEUE_REFRESH_DEBOUNCE_MS);
  useSubscription(QueueChangedDocument, { skip, fetchPolicy: 'no-cache', onData: refresh });
  useEffect(() => (skip ? undefined : onReconnected(() => latestRefetch.current())), [skip, latestRefetch]);
}
