import type { EntityManager } from '@mikro-orm/postgresql';
import { DocumentKind } from '../server/src/modules/documents/document.enums.js';
import { EvidenceDocument } from '../server/src/modules/documents/evidence-document.entity.js';
import { BUILTIN_CARRIER, builtinTrackingNumber } from '../server/src/modules/fulfilment/builtin-carrier.js';
import { OrderStatus } from '../server/src/modules/orders/order.enums.js';
import { nextCaseNumber } from '../server/src/modules/returns/case-number.js';
import { CaseEvent } from '../server/src/modules/returns/case-event.entity.js';
import { CaseNote } from '../server/src/modules/returns/case-note.entity.js';
import { ReturnCase } from '../server/src/modules/returns/return-case.entity.js';
import {
  CasePriority,
  CaseStatus,
  ItemCondition,
  NoteVisibility,
  ReturnReason,
  ReturnType,
  RiskLabel,
  isActiveStatus,
} from '../server/src/modules/returns/return-case.enums.js';
import { ReturnItem } from '../server/src/modules/returns/return-item.entity.js';
import { merchantResponseDueAt, resolutionDueAt } from '../server/src/modules/returns/sla.js';
import { RiskScore } from '../server/src/modules/risk/risk-score.entity.js';
import { loadFeatureSourceAtCreation } from '../server/src/modules/risk/risk-features.js';
import type { User } from '../server/src/modules/users/user.entity.js';
import { DAY_MS, HOUR_MS } from '../server/src/shared/clock.js';
import { type DemoCatalogue, PRODUCTS } from './demo-catalogue.js';
import { type DemoPhotoView, demoLabelKey, demoPhoto, demoPhotoKey, demoThumbnailKey } from './demo-files.js';
import type { MakeDemoOrder } from './demo-orders.js';
import { seedDemoRefund } from './demo-refunds.js';
import { stableId } from './stable-id.js';

/** The path each demo case took to its status, with who moved it. */
const PATHS: Record<CaseStatus, Array<[CaseStatus, 'ops' | 'merchant' | 'customer' | 'system']>> = {
  [CaseStatus.SUBMITTED]: [],
  [CaseStatus.IN_REVIEW]: [[CaseStatus.IN_REVIEW, 'ops']],
  [CaseStatus.WAITING_CUSTOMER]: [[CaseStatus.IN_REVIEW, 'ops'], [CaseStatus.WAITING_CUSTOMER, 'ops']],
  [CaseStatus.WAITING_MERCHANT]: [[CaseStatus.IN_REVIEW, 'ops'], [CaseStatus.WAITING_MERCHANT, 'ops']],
  [CaseStatus.APPROVED]: [[CaseStatus.IN_REVIEW, 'merchant'], [CaseStatus.APPROVED, 'merchant']],
  [CaseStatus.REJECTED]: [[CaseStatus.IN_REVIEW, 'merchant'], [CaseStatus.REJECTED, 'merchant']],
  [CaseStatus.DISPUTED]: [[CaseStatus.IN_REVIEW, 'merchant'], [CaseStatus.REJECTED, 'merchant'], [CaseStatus.DISPUTED, 'customer']],
  [CaseStatus.CLOSED]: [[CaseStatus.IN_REVIEW, 'merchant'], [CaseStatus.REJECTED, 'merchant'], [CaseStatus.CLOSED, 'system']],
  [CaseStatus.IN_TRANSIT]: [[CaseStatus.IN_REVIEW, 'merchant'], [CaseStatus.APPROVED, 'merchant'], [CaseStatus.IN_TRANSIT, 'customer']],
  [CaseStatus.EXPIRED]: [[CaseStatus.IN_REVIEW, 'merchant'], [CaseStatus.APPROVED, 'merchant'], [CaseStatus.EXPIRED, 'system']],
  [CaseStatus.RECEIVED]: [[CaseStatus.IN_REVIEW, 'merchant'], [CaseStatus.APPROVED, 'merchant'], [CaseStatus.IN_TRANSIT, 'customer'], [CaseStatus.RECEIVED, 'merchant']],
  [CaseStatus.INSPECTED]: [[CaseStatus.IN_REVIEW, 'merchant'], [CaseStatus.APPROVED, 'merchant'], [CaseStatus.IN_TRANSIT, 'customer'], [CaseStatus.RECEIVED, 'merchant'], [CaseStatus.INSPECTED, 'merchant']],
  [CaseStatus.REFUND_PENDING]: [[CaseStatus.IN_REVIEW, 'merchant'], [CaseStatus.APPROVED, 'merchant'], [CaseStatus.IN_TRANSIT, 'customer'], [CaseStatus.RECEIVED, 'ops'], [CaseStatus.INSPECTED, 'ops'], [CaseStatus.REFUND_PENDING, 'system']],
  [CaseStatus.REFUND_FAILED]: [[CaseStatus.IN_REVIEW, 'merchant'], [CaseStatus.APPROVED, 'merchant'], [CaseStatus.IN_TRANSIT, 'customer'], [CaseStatus.RECEIVED, 'ops'], [CaseStatus.INSPECTED, 'ops'], [CaseStatus.REFUND_PENDING, 'system'], [CaseStatus.REFUND_FAILED, 'system']],
  [CaseStatus.REFUNDED]: [[CaseStatus.IN_REVIEW, 'merchant'], [CaseStatus.APPROVED, 'merchant'], [CaseStatus.IN_TRANSIT, 'customer'], [CaseStatus.RECEIVED, 'merchant'], [CaseStatus.INSPECTED, 'merchant'], [CaseStatus.REFUND_PENDING, 'system'], [CaseStatus.REFUNDED, 'system']],
  [CaseStatus.EXCHANGED]: [[CaseStatus.IN_REVIEW, 'merchant'], [CaseStatus.APPROVED, 'merchant'], [CaseStatus.IN_TRANSIT, 'customer'], [CaseStatus.RECEIVED, 'merchant'], [CaseStatus.INSPECTED, 'merchant'], [CaseStatus.EXCHANGED, 'system']],
  [CaseStatus.RETURNED_TO_CUSTOMER]: [[CaseStatus.IN_REVIEW, 'merchant'], [CaseStatus.APPROVED, 'merchant'], [CaseStatus.IN_TRANSIT, 'customer'], [CaseStatus.RECEIVED, 'merchant'], [CaseStatus.INSPECTED, 'merchant'], [CaseStatus.RETURNED_TO_CUSTOMER, 'merchant']],
  [CaseStatus.CANCELLED]: [[CaseStatus.CANCELLED, 'customer']],
};

const STATUSES = Object.values(CaseStatus);
const PRIORITIES = [CasePriority.LOW, CasePriority.MEDIUM, CasePriority.HIGH, CasePriority.URGENT];
const REASONS = Object.values(ReturnReason);
const RISK: Array<[RiskLabel, number]> = [[RiskLabel.LOW, 0.14], [RiskLabel.MEDIUM, 0.48], [RiskLabel.HIGH, 0.81]];

const DESCRIPTIONS: Record<ReturnReason, string> = {
  [ReturnReason.DEFECTIVE_DAMAGED]: 'Arrived with a cracked casing and it does not switch on.',
  [ReturnReason.WRONG_ITEM]: 'I ordered the black one and received a different model in blue.',
  [ReturnReason.NOT_AS_DESCRIBED]: 'The listing said waterproof but water gets in after a few minutes of rain.',
  [ReturnReason.CHANGED_MIND]: 'Still sealed; I found a better fit elsewhere.',
  [ReturnReason.OTHER]: 'Gift that was duplicated — we received two.',
};

/** What customers wrote when they shipped (seed 002: a description goes with the shipment photos). */
const SHIPMENT_DESCRIPTIONS = [
  'Packed in the original box with its foam inserts; the box is taped on every side.',
  'Item wrapped in bubble wrap inside a padded mailer, accessories in a separate bag.',
  'Original packaging, unopened accessories, the fault visible on the front as in my photos.',
];

const skusOf = { one: PRODUCTS.one.filter(([sku]) => sku !== 'NW-CLEAR-07').map(([sku]) => sku), two: PRODUCTS.two.map(([sku]) => sku) };

/** What every demo case is made from: the clock, the catalogue, the ops user and the order factory. */
export interface DemoCaseContext {
  now: Date;
  at: (msBefore: number) => Date;
  customers: DemoCatalogue['customers'];
  merchants: DemoCatalogue['merchants'];
  ops: User;
  makeOrder: MakeDemoOrder;
}

/**
 * Demo case `n`: its delivered order, the case and its items, the events along its path, its label, photos, notes,
 * risk score and refund. Status, priority, reason and risk label cycle with `n`.
 */
export async function seedDemoCase(tx: EntityManager, { now, at, customers, merchants, ops, makeOrder }: DemoCaseContext, n: number): Promise<void> {
  const actorFor = (role: 'ops' | 'merchant' | 'customer' | 'system', rc: ReturnCase): User | null =>
    role === 'ops' ? ops : role === 'merchant' ? rc.merchant.user : role === 'customer' ? rc.customer : null;

  const status = STATUSES[n % STATUSES.length];
  const priority = PRIORITIES[n % PRIORITIES.length];
  const reason = REASONS[n % REASONS.length];
  const [riskLabel, baseScore] = RISK[n % RISK.length];
  const customer = customers[n % 2];
  const merchantKey = Math.floor(n / 2) % 2 === 0 ? 'one' : 'two';
  const merchant = merchants[merchantKey];
  const skus = skusOf[merchantKey];
  const lines: Array<[string, number]> = [[skus[n % skus.length], 1 + (n % 2)], [skus[(n + 2) % skus.length], 1]];
  const createdAt = at((n * 11 + 3) * HOUR_MS);
  // Delivered a day before the case was opened.
  const order = makeOrder(customer, merchantKey, OrderStatus.DELIVERED, (n * 11 + 3) * HOUR_MS + 4 * DAY_MS, lines);
  const type = status === CaseStatus.EXCHANGED || (n % 5 === 4 && ![CaseStatus.REFUND_PENDING, CaseStatus.REFUND_FAILED, CaseStatus.REFUNDED].includes(status))
    ? ReturnType.EXCHANGE : ReturnType.REFUND;
  const returnedLines = n % 3 === 0 ? order.items.getItems() : [order.items.getItems()[0]];
  const gross = returnedLines.reduce((sum, item) => sum + item.unitPriceMinor * item.quantity, 0);
  const feeWaived = reason === ReturnReason.DEFECTIVE_DAMAGED || reason === ReturnReason.WRONG_ITEM;
  const restockingFee = feeWaived ? 0 : Math.round((gross * merchant.restockingFeePercent) / 100);

  const rc = tx.create(ReturnCase, {
    id: stableId(`case:${n}`),
    number: await nextCaseNumber(tx, createdAt),
    order,
    customer,
    merchant,
    type,
    reason,
    description: DESCRIPTIONS[reason],
    status,
    priority,
    assignee: n % 2 === 0 && isActiveStatus(status) ? ops : null,
    slaClockStartedAt: createdAt,
    slaDueAt: resolutionDueAt(createdAt, priority),
    merchantResponseDueAt: merchantResponseDueAt(createdAt, merchant.responseSlaHours),
    refundAmountMinor: gross - restockingFee,
    restockingFeeMinor: restockingFee,
    currency: 'USD',
    riskLabel,
    riskScore: baseScore + (n % 7) / 100,
    createdAt,
    updatedAt: createdAt,
  });
  returnedLines.forEach((orderItem, position) => {
    rc.items.add(tx.create(ReturnItem, {
      id: stableId(`return-item:${n}:${position}`),
      returnCase: rc,
      orderItem,
      position,
      quantity: orderItem.quantity,
      active: isActiveStatus(status),
    }));
  });

  tx.create(CaseEvent, {
    id: stableId(`event:${n}:created`),
    returnCase: rc,
    type: 'case_created',
    actor: customer,
    actorLabel: customer.username,
    toStatus: CaseStatus.SUBMITTED,
    payload: { reason, type, items: returnedLines.length },
    createdAt,
  });
  // Steps are spread evenly between opening and now, so every timestamp is in the past.
  const path = PATHS[status];
  const step = Math.max(1, Math.floor((now.getTime() - createdAt.getTime()) / (path.length + 1)));
  let from = CaseStatus.SUBMITTED;
  const reachedAt = new Map<CaseStatus, Date>();
  path.forEach(([to, role], i) => {
    const when = new Date(createdAt.getTime() + step * (i + 1));
    reachedAt.set(to, when);
    const actor = actorFor(role, rc);
    tx.create(CaseEvent, {
      id: stableId(`event:${n}:${i}`),
      returnCase: rc,
      type: 'status_changed',
      actor,
      actorLabel: actor?.username ?? 'system',
      fromStatus: from,
      toStatus: to,
      payload: to === CaseStatus.REJECTED ? { reason: 'Item shows signs of use beyond what the policy allows.' } : {},
      createdAt: when,
    });
    applyMilestone(rc, to, when);
    from = to;
  });
  if ([CaseStatus.INSPECTED, CaseStatus.REFUND_PENDING, CaseStatus.REFUND_FAILED, CaseStatus.REFUNDED, CaseStatus.EXCHANGED, CaseStatus.RETURNED_TO_CUSTOMER].includes(status)) {
    const failed = status === CaseStatus.RETURNED_TO_CUSTOMER;
    rc.items.getItems().forEach((item) => {
      item.condition = failed ? ItemCondition.USED : ItemCondition.LIKE_NEW;
      item.restockable = !failed;
    });
  }
  if (status === CaseStatus.REJECTED || status === CaseStatus.DISPUTED || status === CaseStatus.CLOSED) {
    rc.decisionReason = 'Item shows signs of use beyond what the policy allows.';
  }
  if ([CaseStatus.IN_TRANSIT, CaseStatus.RECEIVED, CaseStatus.INSPECTED, CaseStatus.REFUND_PENDING, CaseStatus.REFUND_FAILED, CaseStatus.REFUNDED, CaseStatus.EXCHANGED, CaseStatus.RETURNED_TO_CUSTOMER].includes(status)) {
    rc.carrier = n % 2 === 0 ? 'UPS' : 'USPS';
    rc.trackingNumber = `1Z${String(900_000 + n * 7919).padStart(10, '0')}`;
    rc.shipmentDescription = SHIPMENT_DESCRIPTIONS[n % SHIPMENT_DESCRIPTIONS.length];
  }
  rc.updatedAt = new Date(createdAt.getTime() + step * path.length);

  // Approved cases got their prepaid label with the approval (the PDF is rendered by ensureDemoFiles).
  const approvedAt = reachedAt.get(CaseStatus.APPROVED);
  if (approvedAt) {
    rc.labelStorageKey = demoLabelKey(rc.id);
    rc.labelCarrier = BUILTIN_CARRIER;
    rc.labelTrackingNumber = builtinTrackingNumber(rc.id);
    rc.labelIssuedAt = approvedAt;
    tx.create(CaseEvent, {
      id: stableId(`event:${n}:label`),
      returnCase: rc,
      type: 'return_label_issued',
      actor: null,
      actorLabel: 'system',
      payload: { carrier: BUILTIN_CARRIER, trackingNumber: rc.labelTrackingNumber },
      createdAt: approvedAt,
    });
  }

  // The customer's photos with the request (two for most cases; photos are optional, and every fourth customer
  // sent none), the photo of the packed parcel with the shipment (required), and the inspection photo once inspected.
  const pictured = returnedLines[0];
  const photos: Array<[DocumentKind, DemoPhotoView, User, Date]> = [];
  if (n % 4 !== 0) photos.push([DocumentKind.EVIDENCE, 'overview', customer, new Date(createdAt.getTime() + 30_000)]);
  if (n % 4 !== 0 && n % 3 !== 2) photos.push([DocumentKind.EVIDENCE, 'detail', customer, new Date(createdAt.getTime() + 30_000)]);
  const shippedAt = reachedAt.get(CaseStatus.IN_TRANSIT);
  if (shippedAt) photos.push([DocumentKind.SHIPMENT_EVIDENCE, 'packed', customer, shippedAt]);
  const inspectedAt = reachedAt.get(CaseStatus.INSPECTED);
  if (inspectedAt) photos.push([DocumentKind.INSPECTION, 'inspection', actorFor(path.find(([to]) => to === CaseStatus.INSPECTED)![1], rc)!, inspectedAt]);
  for (const [position, [kind, view, uploadedBy, uploadedAt]] of photos.entries()) {
    const photo = await demoPhoto(pictured.sku, pictured.name, view);
    const storageKey = demoPhotoKey(n, position, view);
    tx.create(EvidenceDocument, {
      id: stableId(`document:${n}:${position}`),
      returnCase: rc,
      kind,
      fileName: kind === DocumentKind.INSPECTION ? `inspection-${rc.number.toLowerCase()}.jpg` : kind === DocumentKind.SHIPMENT_EVIDENCE ? `parcel-${rc.number.toLowerCase()}.jpg` : `IMG_${4100 + n * 3 + position}.jpg`,
      contentType: 'image/jpeg',
      sizeBytes: photo.bytes.length,
      sha256: photo.sha256,
      storageKey,
      thumbnailKey: demoThumbnailKey(storageKey),
      width: photo.width,
      height: photo.height,
      uploadedBy,
      position: kind === DocumentKind.EVIDENCE ? position : 0,
      createdAt: uploadedAt,
    });
  }

  tx.create(CaseNote, {
    id: stableId(`note:${n}:customer`),
    returnCase: rc,
    author: customer,
    visibility: NoteVisibility.MESSAGE,
    body: `Hello, ${DESCRIPTIONS[reason].charAt(0).toLowerCase()}${DESCRIPTIONS[reason].slice(1)} Order ${order.number}.`,
    createdAt: new Date(createdAt.getTime() + 60_000),
  });
  if (n % 3 === 0) {
    tx.create(CaseNote, {
      id: stableId(`note:${n}:internal`),
      returnCase: rc,
      author: ops,
      visibility: NoteVisibility.INTERNAL,
      body: 'Customer has a clean history; photos are consistent with the claim.',
      createdAt: new Date(createdAt.getTime() + 120_000),
    });
  }
  tx.create(RiskScore, {
    id: stableId(`risk:${n}`),
    returnCase: rc,
    modelVersion: 'demo-seed',
    score: rc.riskScore!,
    label: riskLabel,
    reasonCodes: [],
    features: {},
    createdAt: new Date(createdAt.getTime() + 1_000),
  });


  await seedDemoRefund(tx, now, n, rc, order, status);
}

function applyMilestone(rc: ReturnCase, to: CaseStatus, when: Date): void {
  switch (to) {
    case CaseStatus.IN_REVIEW:
      rc.firstResponseAt ??= when;
      break;
    case CaseStatus.APPROVED:
    case CaseStatus.REJECTED:
      rc.decidedAt = when;
      rc.firstResponseAt ??= when;
      break;
    case CaseStatus.DISPUTED:
      rc.disputedAt = when;
      break;
    case CaseStatus.IN_TRANSIT:
      rc.shippedAt = when;
      break;
    case CaseStatus.RECEIVED:
      rc.receivedAt = when;
      break;
    case CaseStatus.INSPECTED:
      rc.inspectedAt = when;
      break;
    case CaseStatus.REFUNDED:
      rc.refundedAt = when;
      rc.closedAt = when;
      break;
    default:
      if (!isActiveStatus(to)) rc.closedAt = when;
  }
}

/**
 * The demo scores' model inputs, as each case stood when it was scored (what the API stores with a new case's first
 * score): the training set reads them. The seed never changes a case's priority or deadline, so the point-in-time
 * read is exact.
 */
export async function storeDemoRiskInputs(tx: EntityManager): Promise<void> {
  const scores = await tx.getConnection().execute<Array<{ id: string; return_case_id: string; created_at: Date }>>(
    `select id, return_case_id, created_at from risk_scores where model_version = 'demo-seed' and inputs is null order by id`, [], 'all', tx.getTransactionContext());
  for (const score of scores) {
    const inputs = await loadFeatureSourceAtCreation(tx, score.return_case_id, new Date(score.created_at));
    await tx.getConnection().execute('update risk_scores set inputs = ?::jsonb where id = ?', [JSON.stringify(inputs), score.id], 'run', tx.getTransactionContext());
  }
}
