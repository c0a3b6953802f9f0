// The large-volume generator (SPEC §10): N return cases with their customers, merchants, products, orders, order
// items, return items, audit events, notes, evidence metadata, refunds and risk scores, in proportions a returns
// desk of that size would have, loaded with COPY. Deterministic: the same seed, case count and anchor time give
// the same rows, byte for byte. Used by the benchmarks (bench/), never by the demo.
import { createHash } from 'node:crypto';
import argon2 from 'argon2';
import pg from 'pg';
import { DEMO_PASSWORD } from '../server/src/modules/auth/passwords.js';
import { casePeriod } from '../server/src/modules/returns/case-number.js';
import { SLA_HOURS } from '../server/src/modules/returns/sla.js';
import { DAY_MS, HOUR_MS } from '../server/src/shared/clock.js';
import { COLUMNS, type Table, TableWriter, iso } from './volume-copy.js';
import { Rng } from './volume-rng.js';
import { DESCRIPTIONS, FIRST, GOODS, HISTORY_DAYS, LAST, MIN_FRESH_ORDERS, type Merchant, PATHS, type Person, type Priority, TERMINAL } from './volume-shape.js';

export interface VolumeOptions {
  cases: number;
  seed: number;
  /** The time the data is generated "at": every timestamp is before it, every clock relative to it. */
  anchor: Date;
  /** Delivered orders without a return to add (default: 5 % of the cases, at least 6,000). */
  freshOrders?: number;
  onProgress?: (phase: string, done: number, total: number) => void;
}

export interface VolumeSummary {
  cases: number;
  customers: number;
  merchants: number;
  opsAgents: number;
  orders: number;
  freshOrders: number;
  orderItems: number;
  returnItems: number;
  events: number;
  notes: number;
  documents: number;
  refunds: number;
  riskScores: number;
  activeCases: number;
  breachedCases: number;
}

/**
 * Loads the volume into the (migrated, empty) database at `url`, then rebuilds the derived tables and gathers
 * statistics. The connection must be allowed `session_replication_role` (a superuser, as the embedded server's is).
 */
export async function loadVolume(url: string, options: VolumeOptions): Promise<VolumeSummary> {
  const { cases: n, seed } = options;
  if (!Number.isInteger(n) || n < 1) throw new Error('cases must be a positive whole number');
  const anchor = options.anchor.getTime();
  const rng = new Rng(seed);
  const progress = options.onProgress ?? (() => {});
  // One argon2id hash of the demo password for every generated user, salted from the seed so reruns match.
  const passwordHash = await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1, salt: createHash('sha256').update(`volume:${seed}`).digest().subarray(0, 16) });

  const writers = {} as Record<Table, TableWriter>;
  for (const table of Object.keys(COLUMNS) as Table[]) writers[table] = await TableWriter.open(url, table, [...COLUMNS[table]]);
  const w = writers;

  // People: ops agents, merchants (each with a catalogue), customers.
  const opsCount = Math.max(5, Math.round(n / 25_000));
  const merchantCount = Math.max(10, Math.round(n / 500));
  const customerCount = Math.max(100, Math.round(n / 4));
  const joined = anchor - (HISTORY_DAYS + 30) * DAY_MS;
  const person = (prefix: string, i: number, role: string, displayName: string): Person => {
    const p = { id: rng.uuid(), username: `${prefix}${String(i).padStart(7, '0')}` };
    w.users.row([p.id, p.username, `${p.username}@volume.test`, displayName, role, true, passwordHash, iso(joined), iso(joined)]);
    return p;
  };
  const ops = Array.from({ length: opsCount }, (_, i) => person('vops', i, 'ops', `${FIRST[i % 20]} ${LAST[(i * 7) % 20]} (ops)`));
  const merchants: Merchant[] = [];
  for (let i = 0; i < merchantCount; i++) {
    const user = person('vmerchant', i, 'merchant', `${LAST[i % 20]} & ${LAST[(i * 3 + 1) % 20]} Trading ${i}`);
    const marketplace = rng.float() < 0.25;
    const merchant: Merchant = {
      ...user,
      profileId: rng.uuid(),
      windowDays: marketplace ? 7 : 30,
      slaHours: marketplace ? 48 : rng.pick([[24, 1], [48, 3], [72, 1]] as const),
      restockingPercent: marketplace ? 10 : rng.float() < 0.2 ? 15 : 0,
      products: [],
    };
    w.merchant_profiles.row([merchant.profileId, user.id, `${LAST[i % 20]} & ${LAST[(i * 3 + 1) % 20]} Trading ${i}`, marketplace, merchant.windowDays, merchant.slaHours,
      marketplace ? 'auto_approve' : rng.pick([['escalate', 8], ['auto_reject', 1]] as const), marketplace ? 2_500 : 0, merchant.restockingPercent,
      `Returns dock ${i}, 1 Warehouse Road`, marketplace, iso(joined)]);
    for (let k = 0; k < 12; k++) {
      const product = { id: rng.uuid(), sku: `V${i}-${k}`, name: `${GOODS[(i + k) % 20]} ${k}`, price: Math.max(500, Math.round(Math.exp(Math.log(4_000) + 0.8 * rng.normal()) / 100) * 100 - 1) };
      merchant.products.push(product);
      w.products.row([product.id, merchant.profileId, product.sku, product.name, product.price, 1_000]);
    }
    merchants.push(merchant);
  }
  const customers: Person[] = [];
  for (let i = 0; i < customerCount; i++) {
    const c = person('vcust', i, 'customer', `${FIRST[rng.int(20)]} ${LAST[rng.int(20)]}`);
    customers.push(c);
    w.customer_profiles.row([rng.uuid(), c.id, `+1 555 ${String(i % 10_000).padStart(4, '0')}`, `${i} Main Street, Springfield`]);
    if (i % 20_000 === 0) await Promise.all(Object.values(w).map((t) => t.flush()));
  }

  // An order with 1-4 lines from one merchant; returns the lines.
  let orderSeq = 0;
  const order = (customer: Person, merchant: Merchant, deliveredAt: number) => {
    orderSeq++;
    const id = rng.uuid();
    const lineCount = 1 + Math.min(3, Math.floor(-Math.log(1 - rng.float()) * 0.8));
    const lines: Array<{ id: string; quantity: number; price: number; finalSale: boolean }> = [];
    let subtotal = 0;
    for (let position = 0; position < lineCount; position++) {
      const product = merchant.products[rng.int(merchant.products.length)];
      const quantity = rng.float() < 0.85 ? 1 : 2;
      const finalSale = rng.float() < 0.03;
      const line = { id: rng.uuid(), quantity, price: product.price, finalSale };
      lines.push(line);
      subtotal += quantity * product.price;
      w.order_items.row([line.id, id, product.id, position, product.sku, product.name, quantity, product.price, finalSale]);
    }
    const shipping = 599;
    const tax = Math.round(subtotal * 0.08);
    const placed = deliveredAt - 3 * DAY_MS - rng.int(2 * DAY_MS);
    w.orders.row([id, `ORD-V${String(orderSeq).padStart(8, '0')}`, customer.id, merchant.profileId, 'delivered', 'USD', subtotal, shipping, tax, subtotal + shipping + tax,
      `pi_vol_${orderSeq}`, iso(placed), iso(placed + HOUR_MS), iso(placed + DAY_MS), iso(deliveredAt), 1, iso(placed), iso(deliveredAt)]);
    return { id, lines, total: subtotal + shipping + tax };
  };

  // Cases in creation order, so case numbers run with time per month.
  const created = new Float64Array(n);
  for (let i = 0; i < n; i++) created[i] = anchor - rng.float() * HISTORY_DAYS * DAY_MS;
  created.sort();
  const monthSeq = new Map<string, number>();
  const summary: VolumeSummary = {
    cases: n, customers: customerCount, merchants: merchantCount, opsAgents: opsCount, orders: 0, freshOrders: 0, orderItems: 0, returnItems: 0,
    events: 0, notes: 0, documents: 0, refunds: 0, riskScores: 0, activeCases: 0, breachedCases: 0,
  };

  for (let i = 0; i < n; i++) {
    const createdAt = Math.floor(created[i]);
    const customer = customers[rng.skewed(customers.length, 1.3)];
    const merchant = merchants[rng.skewed(merchants.length, 1.5)];
    const reason = rng.pick([['defective_damaged', 27], ['wrong_item', 13], ['not_as_described', 22], ['changed_mind', 30], ['other', 8]] as const);
    const type = rng.float() < (reason === 'wrong_item' || reason === 'defective_damaged' ? 0.35 : 0.12) ? 'exchange' : 'refund';
    const priority: Priority = rng.pick([['low', 30], ['medium', 48], ['high', 15], ['urgent', 7]] as const);
    const deliveredAt = createdAt - Math.floor(rng.float() * Math.min(merchant.windowDays, 20) * DAY_MS) - HOUR_MS;
    const o = order(customer, merchant, deliveredAt);

    // How long this case takes to settle; still open when that is after the anchor.
    const lifetime = Math.min(60, Math.exp(Math.log(4) + 0.7 * rng.normal())) * DAY_MS;
    const age = anchor - createdAt;
    let status: string;
    if (age >= lifetime) {
      status = type === 'exchange' && rng.float() < 0.7
        ? 'exchanged'
        : rng.pick([['refunded', 56], ['closed', 11], ['returned_to_customer', 5], ['cancelled', 14], ['expired', 7], ['exchanged', 7]] as const);
    } else {
      const progress = age / lifetime;
      status = progress < 0.15 ? 'submitted'
        : progress < 0.3 ? rng.pick([['in_review', 6], ['waiting_customer', 2], ['waiting_merchant', 2]] as const)
          : progress < 0.45 ? rng.pick([['approved', 8], ['rejected', 1.5], ['disputed', 0.5]] as const)
            : progress < 0.7 ? 'in_transit'
              : progress < 0.8 ? 'received'
                : progress < 0.9 ? 'inspected'
                  : rng.float() < 0.9 ? 'refund_pending' : 'refund_failed';
      if (type === 'exchange' && (status === 'refund_pending' || status === 'refund_failed')) status = 'inspected';
    }
    const active = !TERMINAL.has(status);
    const slaDue = createdAt + SLA_HOURS[priority].resolution * HOUR_MS;
    if (active) summary.activeCases++;
    if (active && slaDue < anchor) summary.breachedCases++;

    const returned = o.lines.filter((l, k) => !l.finalSale && (k === 0 || rng.float() < 0.4));
    if (returned.length === 0) returned.push(o.lines.find((l) => !l.finalSale) ?? o.lines[0]);
    const gross = returned.reduce((s, l) => s + l.quantity * l.price, 0);
    const waived = reason === 'defective_damaged' || reason === 'wrong_item';
    const fee = waived ? 0 : Math.round((gross * merchant.restockingPercent) / 100);
    const refund = type === 'exchange' ? 0 : gross - fee;
    const caseId = rng.uuid();
    const period = casePeriod(new Date(createdAt));
    const seq = (monthSeq.get(period) ?? 0) + 1;
    monthSeq.set(period, seq);
    const assignee = rng.float() < (active ? 0.4 : 0.3) ? ops[rng.int(ops.length)] : null;
    const riskScore = Math.round((1 / (1 + Math.exp(-(1.1 * rng.normal() - 0.9)))) * 1000) / 1000;
    const riskLabel = riskScore >= 0.6 ? 'high' : riskScore >= 0.3 ? 'medium' : 'low';

    // The path's steps, spread between opening and settling (or now, for an open case).
    const path = PATHS[status];
    const span = Math.max(path.length, Math.min(age, lifetime)) * 0.95;
    const stepAt = (k: number) => createdAt + Math.floor((span * (k + 1)) / (path.length + 1));
    const milestones: Record<string, number | null> = { first: null, decided: null, disputed: null, shipped: null, received: null, inspected: null, refunded: null, closed: null };
    const actorOf = (role: 'ops' | 'merchant' | 'customer' | 'system'): Person | null =>
      role === 'ops' ? (assignee ?? ops[0]) : role === 'merchant' ? merchant : role === 'customer' ? customer : null;
    w.case_events.row([rng.uuid(), caseId, 'case_created', customer.id, customer.username, null, 'submitted',
      JSON.stringify({ reason, type, items: returned.length }), iso(createdAt)]);
    w.case_events.row([rng.uuid(), caseId, 'risk_scored', null, 'system', null, null,
      JSON.stringify({ score: riskScore, label: riskLabel, modelVersion: 'volume-seed', reasons: [] }), iso(createdAt + 2_000)]);
    summary.events += 2;
    let from = 'submitted';
    path.forEach(([to, role], k) => {
      const at = stepAt(k);
      const actor = actorOf(role);
      w.case_events.row([rng.uuid(), caseId, 'status_changed', actor?.id ?? null, actor?.username ?? 'system', from, to, to === 'rejected' ? '{"reason":"Outside policy."}' : '{}', iso(at)]);
      summary.events++;
      if (to === 'in_review') milestones.first ??= at;
      if (to === 'approved' || to === 'rejected') {
        milestones.decided = at;
        milestones.first ??= at;
      }
      if (to === 'disputed') milestones.disputed = at;
      if (to === 'in_transit') milestones.shipped = at;
      if (to === 'received') milestones.received = at;
      if (to === 'inspected') milestones.inspected = at;
      if (to === 'refunded') milestones.refunded = at;
      if (TERMINAL.has(to)) milestones.closed = at;
      from = to;
    });
    const updatedAt = path.length ? stepAt(path.length - 1) : createdAt;
    const inspectedOk = milestones.inspected === null ? null : status !== 'returned_to_customer';
    const shipped = milestones.shipped !== null;

    w.return_cases.row([
      caseId, `RET-${period}-${String(seq).padStart(6, '0')}`, o.id, customer.id, merchant.profileId, type, type, reason, DESCRIPTIONS[reason], status, priority, assignee?.id ?? null,
      iso(slaDue), iso(createdAt), iso(createdAt + merchant.slaHours * HOUR_MS), refund, type === 'exchange' ? 0 : fee, 'USD',
      shipped ? (rng.float() < 0.5 ? 'UPS' : 'USPS') : null, shipped ? `1Z${String(i).padStart(12, '0')}` : null,
      status === 'rejected' || status === 'disputed' || status === 'closed' ? 'Outside policy.' : null, inspectedOk, riskLabel, riskScore, 1 + path.length,
      iso(createdAt), iso(updatedAt), ...(['first', 'decided', 'disputed', 'shipped', 'received', 'inspected', 'refunded', 'closed'] as const).map((k) => (milestones[k] === null ? null : iso(milestones[k]!))),
    ]);
    returned.forEach((line, position) => {
      const inspected = milestones.inspected !== null;
      w.return_items.row([rng.uuid(), caseId, line.id, position, line.quantity, inspected ? (inspectedOk ? 'like_new' : 'used') : null, inspected ? inspectedOk : null, active]);
    });
    summary.returnItems += returned.length;
    w.risk_scores.row([rng.uuid(), caseId, 'volume-seed', riskScore, riskLabel,
      JSON.stringify(riskLabel === 'low' ? [] : [{ code: 'ORDER_VALUE_HIGH', text: 'High order value', contribution: 0.4 }]),
      JSON.stringify({ order_total: o.total, refund_amount: refund, items_returned: returned.length, days_from_delivery: Math.round((createdAt - deliveredAt) / DAY_MS) }),
      iso(createdAt + 2_000)]);
    summary.riskScores++;

    if (rng.float() < 0.35) {
      w.case_notes.row([rng.uuid(), caseId, customer.id, 'message', `Hello, ${DESCRIPTIONS[reason].toLowerCase()} Could you look at this?`, iso(createdAt + 60_000)]);
      summary.notes++;
      if (rng.float() < 0.5) {
        w.case_notes.row([rng.uuid(), caseId, merchant.id, 'message', 'Thanks, we are looking into it.', iso(createdAt + 3 * HOUR_MS)]);
        summary.notes++;
      }
    }
    if (assignee && rng.float() < 0.3) {
      w.case_notes.row([rng.uuid(), caseId, assignee.id, 'internal', 'Photos are consistent with the claim.', iso(createdAt + 4 * HOUR_MS)]);
      w.case_events.row([rng.uuid(), caseId, 'internal_note_added', assignee.id, assignee.username, null, null, '{}', iso(createdAt + 4 * HOUR_MS)]);
      summary.notes++;
      summary.events++;
    }
    const docs = rng.float() < 0.45 ? 1 + rng.int(3) : 0;
    for (let d = 0; d < docs; d++) {
      const video = rng.float() < 0.05;
      const docId = rng.uuid();
      w.evidence_documents.row([docId, caseId, 'evidence', video ? `clip-${d}.mp4` : `photo-${d}.jpg`, video ? 'video/mp4' : 'image/jpeg', video ? 20_000_000 : 900_000 + rng.int(2_000_000),
        docId.replace(/-/g, '').padEnd(64, '0'), `volume/${caseId}/${docId}`, customer.id, iso(createdAt + 30_000)]);
      summary.documents++;
    }
    if (status === 'refunded' || status === 'refund_pending' || status === 'refund_failed') {
      const state = status === 'refunded' ? 'succeeded' : status === 'refund_failed' ? 'failed' : 'pending';
      if (refund > 0) {
        w.refunds.row([rng.uuid(), caseId, o.id, 'simulated', state === 'failed' ? null : `sim_re_vol_${i}`, `${caseId}:refund`, refund, 'USD', state, state === 'failed' ? 3 : 1,
          state === 'failed' ? 'card_declined' : null, iso(updatedAt), iso(updatedAt)]);
        summary.refunds++;
      }
    }
    if (i % 10_000 === 9_999 || i === n - 1) {
      await Promise.all(Object.values(w).map((t) => t.flush()));
      progress('cases', i + 1, n);
    }
  }

  // Delivered orders nobody has returned yet, recent enough for every merchant's window: benchmarks open cases on them.
  const fresh = options.freshOrders ?? Math.max(MIN_FRESH_ORDERS, Math.round(n * 0.05));
  for (let i = 0; i < fresh; i++) {
    const lastDay = anchor - HOUR_MS - rng.int(4 * DAY_MS);
    order(customers[rng.int(customers.length)], merchants[rng.int(merchants.length)], lastDay);
    if (i % 10_000 === 9_999) await Promise.all(Object.values(w).map((t) => t.flush()));
  }
  summary.freshOrders = fresh;
  summary.orders = orderSeq;
  summary.orderItems = w.order_items.rows;
  progress('orders', fresh, fresh);

  await Promise.all(Object.values(w).map((t) => t.close()));

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Case numbers continue after the generated ones.
    for (const [period, last] of monthSeq) {
      await client.query(
        `insert into case_number_counters (period, last_value) values ($1, $2)
           on conflict (period) do update set last_value = greatest(case_number_counters.last_value, excluded.last_value)`,
        [period, last],
      );
    }
    // The queue's counters (when the schema has them) are recounted in one pass rather than row by row.
    const { rows } = await client.query(`select to_regproc('queue_counts_rebuild') is not null as present`);
    if (rows[0].present) await client.query(`select queue_counts_rebuild()`);
  } finally {
    await client.end();
  }
  return summary;
}
