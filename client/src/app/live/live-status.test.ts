import { afterEach, describe, expect, it, vi } from 'vitest';
import { getLiveStatus, liveEvents, onReconnected, resetLiveStatus } from './live-status';
import { retryDelay } from './ws-link';

afterEach(resetLiveStatus);

describe('live status', () => {
  it('is idle until a page listens, live once connected, idle again when the last page leaves', () => {
    expect(getLiveStatus()).toBe('idle');
    liveEvents.subscribed();
    expect(getLiveStatus()).toBe('connecting');
    liveEvents.connecting();
    liveEvents.connected();
    expect(getLiveStatus()).toBe('live');
    liveEvents.subscribed();
    liveEvents.unsubscribed();
    expect(getLiveStatus()).toBe('live');
    liveEvents.unsubscribed();
    expect(getLiveStatus()).toBe('idle');
    // The socket closing after the last page left is not a problem to report.
    liveEvents.closed();
    expect(getLiveStatus()).toBe('idle');
  });

  it('is live again when a page subscribes on the socket that is still open (queue → case → queue)', () => {
    liveEvents.subscribed();
    liveEvents.connecting();
    liveEvents.connected();
    expect(getLiveStatus()).toBe('live');
    // The queue unmounts, the case page subscribes; the socket stays open (lazyCloseTimeout), so no `connected` comes.
    liveEvents.unsubscribed();
    liveEvents.subscribed();
    expect(getLiveStatus()).toBe('live');
    liveEvents.unsubscribed();
    liveEvents.subscribed();
    expect(getLiveStatus()).toBe('live');
    // Once the socket has closed, a new page waits for the next connection.
    liveEvents.unsubscribed();
    liveEvents.closed();
    liveEvents.subscribed();
    expect(getLiveStatus()).toBe('connecting');
    liveEvents.connecting();
    liveEvents.connected();
    expect(getLiveStatus()).toBe('live');
  });

  it('says reconnecting when the connection drops while listening, and asks pages to catch up once it is back', () => {
    const catchUp = vi.fn();
    const stop = onReconnected(catchUp);
    liveEvents.subscribed();
    liveEvents.connected();
    expect(catchUp).not.toHaveBeenCalled();
    liveEvents.closed();
    expect(getLiveStatus()).toBe('reconnecting');
    liveEvents.connecting();
    expect(getLiveStatus()).toBe('reconnecting');
    liveEvents.connected();
    expect(getLiveStatus()).toBe('live');
    expect(catchUp).toHaveBeenCalledTimes(1);
    stop();
    liveEvents.closed();
    liveEvents.connected();
    expect(catchUp).toHaveBeenCalledTimes(1);
  });

  it('backs off between reconnects, up to 30 s', () => {
    expect(retryDelay(0)).toBeGreaterThanOrEqual(750);
    expect(retryDelay(0)).toBeLessThanOrEqual(1250);
    expect(retryDelay(3)).toBeGreaterThanOrEqual(6000);
    expect(retryDelay(20)).toBeLessThanOrEqual(37_500);
    expect(retryDelay(20)).toBeGreaterThanOrEqual(22_500);
  });
});
