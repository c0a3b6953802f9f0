import { type Clock, OffsetClock } from '../../shared/clock.js';
import { type QueuedJob, TaskName } from '../../shared/job-queue.js';
import { type CarrierTracking, type TrackingEvent, TrackingEventKind } from './carrier-port.js';

/** Attempts of one scheduled carrier event: graphile-worker's back-off spreads 10 over about 3 hours. */
const SEND_ATTEMPTS = 10;

/**
 * graphile-worker starts a job by the database's clock; the development demo clock runs ahead of it by its offset.
 * A carrier's "2 minutes after the label" is then 2 real minutes, whatever the demo clock says.
 */
const queueTime = (clock: Clock, at: Date): Date => new Date(at.getTime() - (clock instanceof OffsetClock ? clock.offsetMs : 0));

/**
 * The jobs that send a new label's scheduled tracking events (the built-in carrier's; none for a real carrier or
 * when the schedule is off), queued in the label's transaction. Keyed by event id: queued twice, sent once.
 */
export function trackingEventJobs(carrier: CarrierTracking, trackingNumber: string, issuedAt: Date, clock: Clock): QueuedJob[] {
  return carrier.plannedEvents(trackingNumber, issuedAt).map(({ event, sendAt }) => ({
    task: TaskName.SEND_CARRIER_EVENT,
    payload: { ...event, occurredAt: event.occurredAt.toISOString() },
    jobKey: `carrier-event:${event.eventId}`,
    runAt: queueTime(clock, sendAt),
    maxAttempts: SEND_ATTEMPTS,
  }));
}

/** The event a `send_carrier_event` job carries; a malformed payload fails the job saying so. */
export function trackingEventOfJob(payload: unknown): TrackingEvent {
  const p = (payload ?? {}) as Record<string, unknown>;
  const kind = Object.values(TrackingEventKind).find((k) => k === p.kind);
  const occurredAt = new Date(String(p.occurredAt));
  if (typeof p.eventId !== 'string' || !kind || typeof p.trackingNumber !== 'string' || Number.isNaN(occurredAt.getTime())) {
    throw new Error('Job payload is not a tracking event.');
  }
  return { eventId: p.eventId, kind, trackingNumber: p.trackingNumber, occurredAt, location: String(p.location ?? ''), description: String(p.description ?? '') };
}
