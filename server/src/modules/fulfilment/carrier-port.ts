/** A postal address as printed on a label: a name and the address lines. */
export interface LabelAddress {
  name: string;
  lines: string[];
}

export interface ReturnLabelRequest {
  caseId: string;
  caseNumber: string;
  orderNumber: string;
  /** The customer ships from their address… */
  from: LabelAddress;
  /** …to the merchant's return warehouse. */
  to: LabelAddress;
  items: Array<{ sku: string; name: string; quantity: number }>;
  issuedAt: Date;
}

export interface ReturnLabel {
  carrier: string;
  trackingNumber: string;
  /** The printable label. */
  pdf: Buffer;
}

/**
 * The carrier port: issues prepaid return labels (a real carrier's API, or the built-in adapter) and reports the
 * parcels' tracking events through a signed webhook (CarrierTracking, below).
 */
export interface CarrierPort extends CarrierTracking {
  readonly name: string;
  issueReturnLabel(request: ReturnLabelRequest): Promise<ReturnLabel>;
}

/** What a carrier reports about a parcel on its way back (issue 22 §5). */
export enum TrackingEventKind {
  /** The first scan: the carrier has the parcel. */
  LABEL_SCANNED = 'label_scanned',
  IN_TRANSIT = 'in_transit',
  DELIVERED_TO_WAREHOUSE = 'delivered_to_warehouse',
}

/** One tracking event as the carrier sends it (verified; docs/carrier-tracking.md). */
export interface TrackingEvent {
  /** The carrier's id of the event: a redelivery carries the same one. */
  eventId: string;
  kind: TrackingEventKind;
  trackingNumber: string;
  /** When the carrier saw it (its clock). */
  occurredAt: Date;
  location: string;
  description: string;
}

/** A tracking webhook refused before it is read: missing, forged or stale signature, or not an event. */
export class CarrierWebhookError extends Error {
  constructor(
    readonly code: 'INVALID_SIGNATURE' | 'INVALID_PAYLOAD',
    message: string,
  ) {
    super(message);
    this.name = 'CarrierWebhookError';
  }
}

/** Tracking events a carrier will report for a label later (the built-in carrier's schedule), each sent by a job. */
export interface PlannedTrackingEvent {
  event: TrackingEvent;
  /** When the job sends it. */
  sendAt: Date;
}

/** The tracking side of the carrier port: verifying the carrier's webhooks, and (built-in carrier only) sending them. */
export interface CarrierTracking {
  /** Verifies the signature over the exact bytes received and reads the event; throws CarrierWebhookError. */
  parseTrackingWebhook(rawBody: Buffer, signatureHeader: string | undefined, now: Date): TrackingEvent;
  /** The events to send later for a new label; empty for a real carrier (it calls us) or when the schedule is off. */
  plannedEvents(trackingNumber: string, issuedAt: Date): PlannedTrackingEvent[];
  /** Posts one planned event, signed, to ReturnHub's webhook; throws when it is not accepted (the job retries). */
  sendEvent(event: TrackingEvent, now: Date): Promise<void>;
}
