import type { EntityManager } from '@mikro-orm/postgresql';
import { hashPassword, DEMO_PASSWORD } from '../server/src/modules/auth/passwords.js';
import { DocumentKind } from '../server/src/modules/documents/document.enums.js';
import { EvidenceDocument } from '../server/src/modules/documents/evidence-document.entity.js';
import { BUILTIN_CARRIER, builtinTrackingNumber } from '../server/src/modules/fulfilment/builtin-carrier.js';
import { Order } from '../server/src/modules/orders/order.entity.js';
import { OrderStatus } from '../server/src/modules/orders/order.enums.js';
import { OrderItem } from '../server/src/modules/orders/order-item.entity.js';
import { Product } from '../server/src/modules/orders/product.entity.js';
import { Refund, RefundState } from '../server/src/modules/refunds/refund.entity.js';
import { REFUND_RETRY_INTERVAL_MS, enqueueRefundRetry } from '../server/src/modules/refunds/refund-retries.js';
import { REFUND_METADATA } from '../server/src/modules/payments/payment-provider.js';
import { SimulatedRefund } from '../server/src/modules/payments/simulated/simulated-provider.entities.js';
import { simulatedRefundId, simulatedRequestHash } from '../server/src/modules/payments/simulated/simulated-provider.js';
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
import { CustomerProfile } from '../server/src/modules/users/customer-profile.entity.js';
import { MerchantProfile } from '../server/src/modules/users/merchant-profile.entity.js';
import { User } from '../server/src/modules/users/user.entity.js';
import { Role, SlaTimeoutAction } from '../server/src/modules/users/user.enums.js';
import { DAY_MS, HOUR_MS } from '../server/src/shared/clock.js';
import { type DemoPhotoView, demoLabelKey, demoPhoto, demoPhotoKey, demoThumbnailKey } from './demo-files.js';
import { stableId } from './stable-id.js';

export const DEMO_USERS = [
  { username: 'admin.demo', displayName: 'Ada Admin', role: Role.ADMIN },
  { username: 'ops.demo', displayName: 'Oscar Ops', role: Role.OPS },
  { username: 'customer.one', displayName: 'Chloe Carter', role: Role.CUSTOMER },
  { username: 'customer.two', displayName: 'Carlos Diaz', role: Role.CUSTOMER },
  { username: 'merchant.one', displayName: 'Mina Park (Northwind Goods)', role: Role.MERCHANT },
  { username: 'merchant.two', displayName: 'Marco Rossi (Bazaar Marketplace)', role: Role.MERCHANT },
] as const;

export const DEMO_CASE_COUNT = 32;

const PRODUCTS: Record<'one' | 'two', Array<[sku: string, name: string, priceMinor: number]>> = {
  one: [
    ['NW-HEAD-01', 'Noise-cancelling headphones', 14_999],
    ['NW-KETL-02', 'Electric kettle, 1.7 l', 4_999],
    ['NW-LAMP-03', 'Desk lamp with dimmer', 3_499],
    ['NW-BOOT-04', 'Waterproof hiking boots', 11_900],
    ['NW-JACK-05', 'Rain jacket', 8_900],
    ['NW-MUG-06', 'Stoneware mug set (4)', 2_999],
    ['NW-CLEAR-07', 'Clearance tote bag (final sale)', 999],
  ],
  two: [
    ['BZ-WATCH-01', 'Vintage-style wristwatch', 12_500],
    ['BZ-SCARF-02', 'Merino scarf', 3_900],
    ['BZ-SPKR-03', 'Bluetooth speaker', 5_999],
    ['BZ-PLANT-04', 'Ceramic planter', 2_450],
    ['BZ-RUG-05', 'Hand-woven rug', 18_900],
  ],
};

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

export interface SeedSummary {
  skipped: boolean;
  users: number;
  orders: number;
  cases: number;
}

/**
 * The demo data of SPEC §10: six users, two merchants with different policies, products, orders in every
 * state, and 32 return cases over every status, priority, reason and risk label, with evidence photos, inspection
 * photos, return labels, notes and events. The files themselves are put in storage by `ensureDemoFiles`.
 * Idempotent: when the demo users exist it changes nothing. Every id is derived from a name and every time
 * from `now`, so the same `now` gives the same rows.
 */
export async function seedDemoData(em: EntityManager, now: Date): Promise<SeedSummary> {
  if (await em.count(User, { username: 'admin.demo' })) return { skipped: true, users: 0, orders: 0, cases: 0 };
  const at = (msBefore: number) => new Date(now.getTime() - msBefore);
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return em.transactional(async (tx) => {
    const users = new Map<string, User>();
    for (const u of DEMO_USERS) {
      users.set(u.username, tx.create(User, {
        id: stableId(`user:${u.username}`),
        username: u.username,
        email: `${u.username}@returnhub.test`,
        displayName: u.displayName,
        role: u.role,
        passwordHash,
        createdAt: at(120 * DAY_MS),
        updatedAt: at(120 * DAY_MS),
      }));
    }
    const customers = [users.get('customer.one')!, users.get('customer.two')!];
    customers.forEach((user, i) => tx.create(CustomerProfile, {
      id: stableId(`customer-profile:${user.username}`),
      user,
      phone: `+1 555 010${i + 1}`,
      shippingAddress: i === 0 ? '12 Harbour Street, Portland, OR 97201, USA' : '88 Elm Avenue, Austin, TX 78701, USA',
    }));
    const merchants = {
      one: tx.create(MerchantProfile, {
        id: stableId('merchant:one'),
        user: users.get('merchant.one')!,
        name: 'Northwind Goods',
        warehouseAddress: 'Northwind Returns, Dock 4, 200 Industrial Way, Reno, NV 89502, USA',
        createdAt: at(120 * DAY_MS),
      }),
      two: tx.create(MerchantProfile, {
        id: stableId('merchant:two'),
        user: users.get('merchant.two')!,
        name: 'Bazaar Marketplace',
        marketplaceSeller: true,
        returnWindowDays: 7,
        responseSlaHours: 48,
        slaTimeoutAction: SlaTimeoutAction.AUTO_APPROVE,
        autoApproveLimitMinor: 2_500,
        restockingFeePercent: 10,
        refundShipping: true,
        warehouseAddress: 'Bazaar Marketplace Returns, Unit 9, 14 Canal Road, Newark, NJ 07105, USA',
        createdAt: at(120 * DAY_MS),
      }),
    };
    const products = new Map<string, Product>();
    for (const key of ['one', 'two'] as const) {
      for (const [sku, name, priceMinor] of PRODUCTS[key]) {
        products.set(sku, tx.create(Product, { id: stableId(`product:${sku}`), merchant: merchants[key], sku, name, priceMinor, stock: 40 }));
      }
    }

    let orderSeq = 0;
    const makeOrder = (customer: User, merchantKey: 'one' | 'two', status: OrderStatus, placedAgoMs: number, lines: Array<[string, number]>) => {
      orderSeq++;
      const number = `ORD-${String(100_000 + orderSeq)}`;
      const placedAt = at(placedAgoMs);
      const subtotal = lines.reduce((sum, [sku, qty]) => sum + products.get(sku)!.priceMinor * qty, 0);
      const shipping = 599;
      const tax = Math.round(subtotal * 0.08);
      const reached = (s: OrderStatus) => [OrderStatus.CONFIRMED, OrderStatus.PROCESSING, OrderStatus.SHIPPED, OrderStatus.DELIVERED].indexOf(s);
      const level = reached(status);
      const order = tx.create(Order, {
        id: stableId(`order:${number}`),
        number,
        customer,
        merchant: merchants[merchantKey],
        status,
        currency: 'USD',
        subtotalMinor: subtotal,
        shippingFeeMinor: shipping,
        taxMinor: tax,
        totalMinor: subtotal + shipping + tax,
        paymentReference: status === OrderStatus.PENDING ? null : `pi_demo_${orderSeq}`,
        placedAt,
        confirmedAt: level >= 0 || status === OrderStatus.CANCELLED ? new Date(placedAt.getTime() + HOUR_MS) : null,
        shippedAt: level >= 2 ? new Date(placedAt.getTime() + DAY_MS) : null,
        deliveredAt: level >= 3 ? new Date(placedAt.getTime() + 3 * DAY_MS) : null,
        cancelledAt: status === OrderStatus.CANCELLED ? new Date(placedAt.getTime() + 2 * HOUR_MS) : null,
        createdAt: placedAt,
        updatedAt: placedAt,
      });
      lines.forEach(([sku, quantity], position) => {
        const product = products.get(sku)!;
        order.items.add(tx.create(OrderItem, {
          id: stableId(`order-item:${number}:${position}`),
          order,
          product,
          position,
          sku,
          name: product.name,
          quantity,
          unitPriceMinor: product.priceMinor,
          finalSale: sku === 'NW-CLEAR-07',
        }));
      });
      return order;
    };

    // Orders in every state, and delivered orders each customer can still open a return on.
    customers.forEach((customer, c) => {
      makeOrder(customer, 'one', OrderStatus.PENDING, 2 * HOUR_MS, [['NW-MUG-06', 1]]);
      makeOrder(customer, 'one', OrderStatus.CONFIRMED, 10 * HOUR_MS, [['NW-LAMP-03', 1]]);
      makeOrder(customer, 'two', OrderStatus.PROCESSING, 30 * HOUR_MS, [['BZ-SCARF-02', 2]]);
      makeOrder(customer, 'one', OrderStatus.SHIPPED, 2 * DAY_MS, [['NW-JACK-05', 1]]);
      makeOrder(customer, 'two', OrderStatus.CANCELLED, 9 * DAY_MS, [['BZ-PLANT-04', 1]]);
      makeOrder(customer, 'one', OrderStatus.DELIVERED, (6 + c) * DAY_MS, [['NW-HEAD-01', 1], ['NW-MUG-06', 2], ['NW-CLEAR-07', 1]]);
      makeOrder(customer, 'two', OrderStatus.DELIVERED, (4 + c) * DAY_MS, [['BZ-SPKR-03', 1], ['BZ-SCARF-02', 1]]);
      // Delivered long ago: outside both merchants' windows.
      makeOrder(customer, 'one', OrderStatus.DELIVERED, 70 * DAY_MS, [['NW-KETL-02', 1]]);
    });

    const ops = users.get('ops.demo')!;
    const actorFor = (role: 'ops' | 'merchant' | 'customer' | 'system', rc: ReturnCase): User | null =>
      role === 'ops' ? ops : role === 'merchant' ? rc.merchant.user : role === 'customer' ? rc.customer : null;

    // 32 cases, oldest first so case numbers run in time order.
    const skusOf = { one: PRODUCTS.one.filter(([sku]) => sku !== 'NW-CLEAR-07').map(([sku]) => sku), two: PRODUCTS.two.map(([sku]) => sku) };
    for (let n = DEMO_CASE_COUNT - 1; n >= 0; n--) {
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
      // sent none), and the inspection photo once inspected.
      const pictured = returnedLines[0];
      const photos: Array<[DocumentKind, DemoPhotoView, User, Date]> = [];
      if (n % 4 !== 0) photos.push([DocumentKind.EVIDENCE, 'overview', customer, new Date(createdAt.getTime() + 30_000)]);
      if (n % 4 !== 0 && n % 3 !== 2) photos.push([DocumentKind.EVIDENCE, 'detail', customer, new Date(createdAt.getTime() + 30_000)]);
      const inspectedAt = reachedAt.get(CaseStatus.INSPECTED);
      if (inspectedAt) photos.push([DocumentKind.INSPECTION, 'inspection', actorFor(path.find(([to]) => to === CaseStatus.INSPECTED)![1], rc)!, inspectedAt]);
      for (const [position, [kind, view, uploadedBy, uploadedAt]] of photos.entries()) {
        const photo = await demoPhoto(pictured.sku, pictured.name, view);
        const storageKey = demoPhotoKey(n, position, view);
        tx.create(EvidenceDocument, {
          id: stableId(`document:${n}:${position}`),
          returnCase: rc,
          kind,
          fileName: kind === DocumentKind.INSPECTION ? `inspection-${rc.number.toLowerCase()}.jpg` : `IMG_${4100 + n * 3 + position}.jpg`,
          contentType: 'image/jpeg',
          sizeBytes: photo.bytes.length,
          sha256: photo.sha256,
          storageKey,
          thumbnailKey: demoThumbnailKey(storageKey),
          width: photo.width,
          height: photo.height,
          uploadedBy,
          position: kind === DocumentKind.INSPECTION ? 0 : position,
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

      if (status === CaseStatus.REFUND_PENDING || status === CaseStatus.REFUND_FAILED || status === CaseStatus.REFUNDED) {
        const state = status === CaseStatus.REFUNDED ? RefundState.SUCCEEDED : status === CaseStatus.REFUND_FAILED ? RefundState.FAILED : RefundState.PENDING;
        const idempotencyKey = `${rc.id}:refund`;
        tx.create(Refund, {
          id: stableId(`refund:${n}`),
          returnCase: rc,
          order,
          provider: 'simulated',
          providerRefundId: state === RefundState.FAILED ? null : simulatedRefundId(idempotencyKey),
          idempotencyKey,
          amountMinor: rc.refundAmountMinor,
          currency: 'USD',
          state,
          attempts: state === RefundState.FAILED ? 3 : 1,
          lastError: state === RefundState.FAILED ? 'card_declined: the card issuer refused the refund' : null,
          createdAt: rc.updatedAt,
          updatedAt: rc.updatedAt,
        });
        // The simulated provider's own books agree: settling pending refunds confirms the demo's pending one.
        const request = {
          amountMinor: rc.refundAmountMinor,
          currency: 'USD',
          paymentReference: order.paymentReference!,
          metadata: { [REFUND_METADATA.refundId]: stableId(`refund:${n}`), [REFUND_METADATA.caseId]: rc.id, [REFUND_METADATA.orderId]: order.id },
        };
        tx.create(SimulatedRefund, {
          id: simulatedRefundId(idempotencyKey),
          idempotencyKey,
          requestHash: simulatedRequestHash(request),
          paymentReference: request.paymentReference,
          amountMinor: request.amountMinor,
          currency: request.currency,
          metadata: request.metadata,
          status: state === RefundState.SUCCEEDED ? 'succeeded' : state === RefundState.FAILED ? 'declined' : 'pending',
          failureReason: state === RefundState.FAILED ? 'declined_by_issuer' : null,
          createdAt: rc.updatedAt,
          settledAt: state === RefundState.SUCCEEDED ? rc.updatedAt : null,
        });
        // A failed refund waits for its next automatic retry, as after a real failure (SPEC §5).
        if (state === RefundState.FAILED) {
          rc.refundRetries = 1;
          rc.refundRetryDueAt = new Date(now.getTime() + REFUND_RETRY_INTERVAL_MS);
          await enqueueRefundRetry(tx, rc.id, rc.refundRetryDueAt);
        }
      }
    }
    return { skipped: false, users: DEMO_USERS.length, orders: orderSeq, cases: DEMO_CASE_COUNT };
  });
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
