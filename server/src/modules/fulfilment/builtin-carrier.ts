import { createHash, randomBytes } from 'node:crypto';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { CarrierConfig } from '../../config.js';
import { type CarrierPort, type LabelAddress, type PlannedTrackingEvent, type ReturnLabel, type ReturnLabelRequest, type TrackingEvent, TrackingEventKind } from './carrier-port.js';
import { CARRIER_SIGNATURE_HEADER, parseTrackingEvent, signTrackingBody, trackingEventBody } from './tracking-webhook.js';

export const BUILTIN_CARRIER = 'ReturnHub Post';

/**
 * Tracking numbers of the built-in carrier: `RH`, ten digits derived from the case id, and a check digit
 * (Luhn), so the same case always gets the same number and a mistyped one is caught.
 */
export function builtinTrackingNumber(caseId: string): string {
  const digits = (BigInt(`0x${createHash('sha256').update(caseId).digest('hex').slice(0, 15)}`) % 10_000_000_000n).toString().padStart(10, '0');
  return `RH${digits}${luhnCheckDigit(digits)}`;
}

export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** What the QR code on the label says: scanned at the warehouse, it names the case and the parcel. */
export const labelQrPayload = (caseNumber: string, trackingNumber: string): string => `RETURNHUB:${caseNumber}:${trackingNumber}`;

/** The standard PDF fonts only cover Latin-1; anything else is printed as '?' rather than breaking the label. */
const printable = (text: string): string => text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');

/** What the built-in carrier reports, and where, for each event of its schedule. */
const BUILTIN_SCANS: Array<{ kind: TrackingEventKind; after: 'scanAfterSeconds' | 'inTransitAfterSeconds' | 'deliverAfterSeconds'; location: string; description: string }> = [
  { kind: TrackingEventKind.LABEL_SCANNED, after: 'scanAfterSeconds', location: 'Drop-off point', description: 'Parcel handed over and scanned.' },
  { kind: TrackingEventKind.IN_TRANSIT, after: 'inTransitAfterSeconds', location: 'Sorting centre', description: 'On its way to the return warehouse.' },
  { kind: TrackingEventKind.DELIVERED_TO_WAREHOUSE, after: 'deliverAfterSeconds', location: 'Return warehouse', description: "Delivered to the merchant's return warehouse." },
];

/** The built-in carrier's event id for one event of a parcel: the same on every retry, so ReturnHub de-duplicates it. */
export const builtinEventId = (trackingNumber: string, kind: TrackingEventKind): string =>
  `rhpost_evt_${createHash('sha256').update(`${trackingNumber}:${kind}`).digest('hex').slice(0, 24)}`;

/**
 * The built-in carrier adapter: no external service, a real printable 4×6 in label (PDF) with both addresses,
 * the case and order numbers, the tracking number and a QR code drawn as vectors (sharp at any print size).
 * Tracking: it verifies webhooks signed with the carrier secret, and — when its schedule is on (development, or
 * BUILTIN_CARRIER_EVENTS) — reports a label's scans by itself: the job queue sends each event at its time to
 * `webhookUrl` (this server's own /webhooks/carrier), like a real carrier, retrying when it is not accepted.
 */
export class BuiltinCarrier implements CarrierPort {
  readonly name = BUILTIN_CARRIER;
  /** Where the events go; set once the API listens (ports.ts) unless configured. */
  webhookUrl: string | undefined;

  /** Without a configuration (label-only uses: demo files): no schedule, and a random secret nobody else knows. */
  constructor(private readonly config: CarrierConfig = { webhookSecret: randomBytes(32).toString('hex'), webhookUrl: undefined, builtinSchedule: null }) {
    this.webhookUrl = config.webhookUrl;
  }

  async issueReturnLabel(request: ReturnLabelRequest): Promise<ReturnLabel> {
    const trackingNumber = builtinTrackingNumber(request.caseId);
    const pdf = await renderLabel(request, trackingNumber);
    return { carrier: BUILTIN_CARRIER, trackingNumber, pdf };
  }

  parseTrackingWebhook(rawBody: Buffer, signatureHeader: string | undefined, now: Date): TrackingEvent {
    return parseTrackingEvent(this.config.webhookSecret, rawBody, signatureHeader, now);
  }

  plannedEvents(trackingNumber: string, issuedAt: Date): PlannedTrackingEvent[] {
    const schedule = this.config.builtinSchedule;
    if (!schedule) return [];
    return BUILTIN_SCANS.map(({ kind, after, location, description }) => {
      const at = new Date(issuedAt.getTime() + schedule[after] * 1000);
      return { sendAt: at, event: { eventId: builtinEventId(trackingNumber, kind), kind, trackingNumber, occurredAt: at, location, description } };
    });
  }

  async sendEvent(event: TrackingEvent, now: Date): Promise<void> {
    if (!this.webhookUrl) throw new Error('The built-in carrier has no webhook URL to send to.');
    const body = trackingEventBody(event);
    const response = await fetch(this.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CARRIER_SIGNATURE_HEADER]: signTrackingBody(this.config.webhookSecret, body, now) },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`The carrier webhook answered ${response.status}.`);
  }
}

async function renderLabel(request: ReturnLabelRequest, trackingNumber: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: [288, 432],
    margin: 14,
    info: {
      Title: `Return label ${request.caseNumber}`,
      Subject: `${BUILTIN_CARRIER} ${trackingNumber}`,
      Author: 'ReturnHub',
      Keywords: `${request.caseNumber} ${request.orderNumber} ${trackingNumber}`,
      CreationDate: request.issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = 14;
  const width = 260;
  doc.rect(8, 8, 272, 416).lineWidth(1.5).stroke();
  doc.font('Helvetica-Bold').fontSize(13).text(`${BUILTIN_CARRIER.toUpperCase()}  -  PREPAID RETURN`, left, 16, { width, align: 'center' });
  doc.moveTo(8, 36).lineTo(280, 36).lineWidth(1).stroke();

  // Each address wraps within its box; a very long one is cut with an ellipsis rather than overprinting.
  const address = (heading: string, who: LabelAddress, top: number, size: number, height: number) => {
    doc.font('Helvetica').fontSize(7).text(heading, left, top);
    doc.font('Helvetica-Bold').fontSize(size).text(printable(who.name), left, top + 9, { width, lineBreak: false, ellipsis: true, height: size + 2 });
    doc.font('Helvetica').fontSize(size - 1).text(printable(who.lines.join(', ')) || '(no address on file)', left, top + 11 + size, { width, height: height - size - 11, ellipsis: true });
  };
  address('FROM (customer)', request.from, 42, 9, 58);
  doc.moveTo(8, 104).lineTo(280, 104).stroke();
  address('SHIP TO (return warehouse)', request.to, 110, 12, 76);
  doc.moveTo(8, 190).lineTo(280, 190).lineWidth(1).stroke();

  // QR code, one filled square per dark module.
  const qr = QRCode.create(labelQrPayload(request.caseNumber, trackingNumber), { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const box = 112;
  const cell = box / (size + 8); // a 4-module quiet zone on each side
  const qrLeft = left;
  const qrTop = 198;
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (qr.modules.get(row, col)) doc.rect(qrLeft + (col + 4) * cell, qrTop + (row + 4) * cell, cell, cell);
    }
  }
  doc.fillColor('black').fill();

  const infoLeft = qrLeft + box + 8;
  const infoWidth = 280 - infoLeft - 8;
  doc.font('Helvetica').fontSize(7).text('TRACKING NUMBER', infoLeft, qrTop + 8, { width: infoWidth });
  doc.font('Courier-Bold').fontSize(12).text(trackingNumber, { width: infoWidth });
  doc.moveDown(0.6).font('Helvetica').fontSize(7).text('RETURN CASE', { width: infoWidth });
  doc.font('Helvetica-Bold').fontSize(11).text(request.caseNumber, { width: infoWidth });
  doc.moveDown(0.6).font('Helvetica').fontSize(7).text('ORDER', { width: infoWidth });
  doc.font('Helvetica-Bold').fontSize(10).text(request.orderNumber, { width: infoWidth });

  doc.moveTo(8, 318).lineTo(280, 318).stroke();
  doc.font('Helvetica').fontSize(7).text('CONTENTS', left, 324);
  const shown = request.items.slice(0, 5);
  for (const item of shown) {
    doc.font('Helvetica').fontSize(8).text(printable(`${item.quantity} x ${item.sku}  ${item.name}`), left, undefined, { width, lineBreak: false, ellipsis: true, height: 10 });
  }
  if (request.items.length > shown.length) doc.fontSize(8).text(`+ ${request.items.length - shown.length} more`, left);
  doc.font('Helvetica').fontSize(6.5).text(`Issued ${request.issuedAt.toISOString().slice(0, 10)}. Pack the items listed, attach this label, and ship within 7 days.`, left, 398, { width });

  doc.end();
  return done;
}
