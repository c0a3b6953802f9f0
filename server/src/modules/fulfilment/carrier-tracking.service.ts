import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../shared/clock.js';
import type { Actor } from '../returns/actor.js';
import { type CaseTransitionEffects, CaseWorkflow } from '../returns/case-workflow.service.js';
import { CaseStatus } from '../returns/return-case.enums.js';
import { ReturnCase } from '../returns/return-case.entity.js';
import { type TrackingEvent, TrackingEventKind } from './carrier-port.js';
import { CaseTrackingEvent } from './tracking-event.entity.js';

/** The path the carrier's moves take through the transition table (`systemPaths` of their rows). */
export const CARRIER_TRACKING_PATH = 'carrierTracking';

/** The carrier as the actor of the moves it causes: the system (parties read "Automatic"; staff read this label). */
export const carrierActor = (carrier: string): Actor => ({ kind: 'system', userId: null, merchantId: null, label: `carrier:${carrier}` });

export interface TrackingOutcome {
  /** The event was handled before (same carrier and event id): nothing changed. */
  duplicate: boolean;
  /** No case has a label with this tracking number: the event is ignored. */
  unknownTrackingNumber: boolean;
  /** The status the event moved the case to, or null. */
  movedTo: CaseStatus | null;
}

/**
 * A carrier's verified tracking events, applied once (issue 22 §5). The event is stored in the same transaction as
 * the move it causes, so a redelivery finds it (unique carrier + event id) and changes nothing, and a failure rolls
 * both back for the carrier to deliver again. Moves go through the workflow like everyone else's:
 * - a scan (LABEL_SCANNED, or IN_TRANSIT) of an APPROVED case is evidence of shipment: → IN_TRANSIT;
 * - DELIVERED_TO_WAREHOUSE of an IN_TRANSIT case → RECEIVED (of an APPROVED one: through IN_TRANSIT);
 * - anything else (out of order, the case already past that point, cancelled…) is recorded and moves nothing.
 */
export class CarrierTrackingService {
  constructor(
    private readonly em: EntityManager,
    private readonly carrier: string,
    private readonly clock: Clock,
    private readonly effects: CaseTransitionEffects,
  ) {}

  async handle(event: TrackingEvent): Promise<TrackingOutcome> {
    try {
      return await this.em.fork().transactional(async (tx) => {
        // The case row is locked (waiting, not skipping): two events of one parcel apply one after the other.
        const rc = await tx.findOne(ReturnCase, { labelTrackingNumber: event.trackingNumber }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { createdAt: 'desc' } });
        if (!rc) return { duplicate: false, unknownTrackingNumber: true, movedTo: null };
        const now = this.clock.now();
        const stored = tx.create(CaseTrackingEvent, { returnCase: rc, carrier: this.carrier, ...event, receivedAt: now });
        await tx.flush(); // a redelivered event fails here, on the unique (carrier, event id)
        stored.movedTo = await this.move(tx, rc, event, now);
        await tx.flush();
        return { duplicate: false, unknownTrackingNumber: false, movedTo: stored.movedTo };
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException && String(error.message).includes('case_tracking_events_carrier_event_id_unique')) {
        return { duplicate: true, unknownTrackingNumber: false, movedTo: null };
      }
      throw error;
    }
  }

  /** The move the event causes now, through the workflow (audited, effects applied); null when it moves nothing. */
  private async move(tx: EntityManager, rc: ReturnCase, event: TrackingEvent, now: Date): Promise<CaseStatus | null> {
    const workflow = new CaseWorkflow(tx, null, this.clock, this.effects);
    const actor = carrierActor(this.carrier);
    const step = (to: CaseStatus, action: string, at: Date) =>
      workflow.applyTransition(tx, rc, to, actor, at, {
        dedicated: CARRIER_TRACKING_PATH,
        payload: { action, carrier: this.carrier, trackingNumber: event.trackingNumber, carrierEventId: event.eventId, scan: event.kind, location: event.location, occurredAt: event.occurredAt.toISOString() },
      });
    const delivered = event.kind === TrackingEventKind.DELIVERED_TO_WAREHOUSE;
    let movedTo: CaseStatus | null = null;
    if (rc.status === CaseStatus.APPROVED) {
      // The parcel travels on the label: the case's shipment is the label's, unless the customer named one already.
      rc.carrier ??= rc.labelCarrier ?? this.carrier;
      rc.trackingNumber ??= event.trackingNumber;
      await step(CaseStatus.IN_TRANSIT, 'Carrier scanned the parcel', now);
      movedTo = CaseStatus.IN_TRANSIT;
    }
    if (delivered && rc.status === CaseStatus.IN_TRANSIT) {
      // After the scan's own effects (now + 1 ms), so the timeline keeps the order.
      await step(CaseStatus.RECEIVED, 'Carrier delivered the parcel to the warehouse', new Date(now.getTime() + 2));
      movedTo = CaseStatus.RECEIVED;
    }
    return movedTo;
  }
}
