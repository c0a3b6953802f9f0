import { useSyncExternalStore } from 'react';

/**
 * The state of the app's live-update connection (graphql-ws), for the "Live" indicator and for pages that must
 * catch up after a reconnect. `idle`: no page is listening; `connecting`: the first connection is being made;
 * `live`: connected; `reconnecting`: the connection dropped while pages were listening (events may be missed).
 */
export type LiveStatus = 'idle' | 'connecting' | 'live' | 'reconnecting';

let status: LiveStatus = 'idle';
let listening = 0;
let wasConnected = false;
// Whether the socket is open right now: a page that subscribes on an open socket (the queue → a case) is live at once,
// because graphql-ws reports `connected` only when a socket opens.
let open = false;
const statusListeners = new Set<() => void>();
const reconnectListeners = new Set<() => void>();

function set(next: LiveStatus) {
  if (next === status) return;
  status = next;
  for (const listener of statusListeners) listener();
}

/** Called by the WebSocket link as the connection and its subscriptions come and go. */
export const liveEvents = {
  subscribed() {
    listening += 1;
    if (status === 'idle') set(open ? 'live' : 'connecting');
  },
  unsubscribed() {
    listening = Math.max(0, listening - 1);
    if (listening === 0) set('idle');
  },
  connecting() {
    if (listening > 0) set(wasConnected ? 'reconnecting' : 'connecting');
  },
  connected() {
    const reconnected = wasConnected;
    wasConnected = true;
    open = true;
    set(listening > 0 ? 'live' : 'idle');
    // Whatever changed while the connection was down was not pushed: listeners refetch.
    if (reconnected) for (const listener of reconnectListeners) listener();
  },
  closed() {
    open = false;
    set(listening > 0 ? 'reconnecting' : 'idle');
  },
};

export function getLiveStatus(): LiveStatus {
  return status;
}

/** Runs `listener` after each reconnection (not the first connection); returns the unsubscribe function. */
export function onReconnected(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(
    (listener) => {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    getLiveStatus,
    getLiveStatus,
  );
}

/** For tests: back to the state of a fresh page. */
export function resetLiveStatus(): void {
  status = 'idle';
  listening = 0;
  wasConnected = false;
  open = false;
  statusListeners.clear();
  reconnectListeners.clear();
}
