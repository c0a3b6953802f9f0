import { describe, expect, it } from 'vitest';
import { ManualClock, OffsetClock } from '../../shared/clock.js';
import { BuiltinCarrier, builtinEventId } from './builtin-carrier.js';
import { TrackingEventKind } from './carrier-port.js';
import { trackingEventJobs, trackingEventOfJob } from './tracking-jobs.js';

const ISSUED = new Date('2026-12-07T12:00:00Z');
const schedule = { scanAfterSeconds: 120, inTransitAfterSeconds: 360, deliverAfterSeconds: 600 };
const carrier = new BuiltinCarrier({ webhookSecret: 'whsec_test', webhookUrl: undefined, builtinSchedule: schedule });

describe("the built-in carrier's scheduled events", () => {
  it('queues one job per event, keyed by its event id, due 2, 6 and 10 minutes after the label', () => {
    const jobs = trackingEventJobs(carrier, 'RH12345678903', ISSUED, new ManualClock(ISSUED));
    expect(jobs.map((j) => [j.payload.kind, j.jobKey, j.runAt?.toISOString()])).toEqual([
      [TrackingEventKind.LABEL_SCANNED, `carrier-event:${builtinEventId('RH12345678903', TrackingEventKind.LABEL_SCANNED)}`, '2026-12-07T12:02:00.000Z'],
      [TrackingEventKind.IN_TRANSIT, `carrier-event:${builtinEventId('RH12345678903', TrackingEventKind.IN_TRANSIT)}`, '2026-12-07T12:06:00.000Z'],
      [TrackingEventKind.DELIVERED_TO_WAREHOUSE, `carrier-event:${builtinEventId('RH12345678903', TrackingEventKind.DELIVERED_TO_WAREHOUSE)}`, '2026-12-07T12:10:00.000Z'],
    ]);
    // The job carries the whole event, read back as it was planned.
    expect(trackingEventOfJob(jobs[0].payload)).toEqual(carrier.plannedEvents('RH12345678903', ISSUED)[0].event);
    expect(() => trackingEventOfJob({ kind: 'lost' })).toThrow(/not a tracking event/);
  });

  it('counts real minutes when the demo clock runs ahead (the queue starts jobs by the database clock)', () => {
    const demo = new OffsetClock(new ManualClock(ISSUED));
    demo.setOffset(7 * 86_400_000);
    const [scan] = trackingEventJobs(carrier, 'RH12345678903', demo.now(), demo);
    expect(scan.runAt?.toISOString()).toBe('2026-12-07T12:02:00.000Z');
    expect(scan.payload.occurredAt).toBe('2026-12-14T12:02:00.000Z'); // the event itself tells the demo's time
  });

  it('plans nothing when the schedule is off', () => {
    expect(trackingEventJobs(new BuiltinCarrier(), 'RH12345678903', ISSUED, new ManualClock(ISSUED))).toEqual([]);
  });
});
