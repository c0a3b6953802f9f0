// The large-volume generator (SPEC §10): N return cases with their customers, merchants, products, orders, order
// items, return items, audit events, notes, evidence metadata, refunds and risk scores, in proportions a returns
// desk of that size would have, loaded with COPY. Deterministic: the same seed, case count and anchor time give
// the same rows, byte for byte. Used by the benchmarks (bench/), never by the demo.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import argon2 from 'argon2';
import type { Writable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DEMO_PASSWORD } from '../server/src/modules/auth/passwords.js';
import { casePeriod } from '../server/src/modules/returns/case-number.js';
import { SLA_HOURS } from '../server/src/modules/returns/sla.js';
import { DAY_MS, HOUR_MS } from '../server/src/shared/clock.js';

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

/** Cases are spread over this many days before the anchor. */
const HISTORY_DAYS = 730;
/** Delivered orders without a return, for benchmarks that open cases: at least this many, or 5 % of the cases. */
const MIN_FRESH_ORDERS = 6_000;
type Priority = 'low' | 'medium' | 'high' | 'urgent';
type Reason = 'defective_damaged' | 'wrong_item' | 'not_as_described' | 'changed_mind' | 'other';
const TERMINAL = new Set(['refunded', 'exchanged', 'returned_to_customer', 'cancelled', 'expired', 'closed']);

const FIRST = ['Ava', 'Liam', 'Mia', 'Noah', 'Zoe', 'Omar', 'Lena', 'Ivan', 'Sofia', 'Kenji', 'Amara', 'Lucas', 'Priya', 'Mateo', 'Chloe', 'Yusuf', 'Hana', 'Diego', 'Freya', 'Tariq'];
const LAST = ['Smith', 'Garcia', 'Chen', 'Okafor', 'Novak', 'Silva', 'Kowalski', 'Haddad', 'Tanaka', 'Murphy', 'Rossi', 'Larsen', 'Patel', 'Dubois', 'Moreau', 'Nguyen', 'Fischer', 'Alvarez', 'Khan', 'Berg'];
const GOODS = ['Headphones', 'Kettle', 'Desk lamp', 'Hiking boots', 'Rain jacket', 'Mug set', 'Wristwatch', 'Scarf', 'Speaker', 'Planter', 'Rug', 'Backpack', 'Blender', 'Sneakers', 'Monitor', 'Keyboard', 'Yoga mat', 'Cookware set', 'Sunglasses', 'Phone case'];
const DESCRIPTIONS: Record<Reason, string> = {
  defective_damaged: 'Arrived damaged and does not work.',
  wrong_item: 'Received a different model than the one ordered.',
  not_as_described: 'Does not match the listing.',
  changed_mind: 'No longer needed; unopened.',
  other: 'Duplicate gift.',
};

/** The path from `submitted` to each status, and who moves it (a shortened copy of the workflow's usual routes). */
const PATHS: Record<string, Array<[string, 'ops' | 'merchant' | 'customer' | 'system']>> = {
  submitted: [],
  in_review: [['in_review', 'merchant']],
  waiting_customer: [['in_review', 'ops'], ['waiting_customer', 'ops']],
  waiting_merchant: [['in_review', 'ops'], ['waiting_merchant', 'ops']],
  approved: [['in_review', 'merchant'], ['approved', 'merchant']],
  rejected: [['in_review', 'merchant'], ['rejected', 'merchant']],
  disputed: [['in_review', 'merchant'], ['rejected', 'merchant'], ['disputed', 'customer']],
  closed: [['in_review', 'merchant'], ['rejected', 'merchant'], ['closed', 'system']],
  in_transit: [['in_review', 'merchant'], ['approved', 'merchant'], ['in_transit', 'customer']],
  expired: [['in_review', 'merchant'], ['approved', 'merchant'], ['expired', 'system']],
  received: [['in_review', 'merchant'], ['approved', 'merchant'], ['in_transit', 'customer'], ['received', 'merchant']],
  inspected: [['in_review', 'merchant'], ['approved', 'merchant'], ['in_transit', 'customer'], ['received', 'merchant'], ['inspected', 'merchant']],
  refund_pending: [['in_review', 'merchant'], ['approved', 'merchant'], ['in_transit', 'customer'], ['received', 'merchant'], ['inspected', 'merchant'], ['refund_pending', 'system']],
  refund_failed: [['in_review', 'merchant'], ['approved', 'merchant'], ['in_transit', 'customer'], ['received', 'merchant'], ['inspected', 'merchant'], ['refund_pending', 'system'], ['refund_failed', 'system']],
  refunded: [['in_review', 'merchant'], ['approved', 'merchant'], ['in_transit', 'customer'], ['received', 'merchant'], ['inspected', 'merchant'], ['refund_pending', 'system'], ['refunded', 'system']],
  exchanged: [['in_review', 'merchant'], ['approved', 'merchant'], ['in_transit', 'customer'], ['received', 'merchant'], ['inspected', 'merchant'], ['exchanged', 'system']],
  returned_to_customer: [['in_review', 'merchant'], ['approved', 'merchant'], ['in_transit', 'customer'], ['received', 'merchant'], ['inspected', 'merchant'], ['returned_to_customer', 'merchant']],
  cancelled: [['cancelled', 'customer']],
};

/** mulberry32, returning 32-bit integers; `float()` in [0, 1). */
class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  u32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  float(): number {
    return this.u32() / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.float() * n);
  }
  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.float())) * Math.cos(2 * Math.PI * this.float());
  }
  /** Index in [0, n) skewed towards 0: a few heavy customers or merchants, a long tail. */
  skewed(n: number, exponent: number): number {
    return Math.min(n - 1, Math.floor(n * Math.pow(this.float(), exponent)));
  }
  pick<T>(weights: ReadonlyArray<readonly [T, number]>): T {
    let u = this.float() * weights.reduce((s, [, w]) => s + w, 0);
    for (const [value, w] of weights) {
      u -= w;
      if (u < 0) return value;
    }
    return weights[weights.length - 1][0];
  }
  uuid(): string {
    const h = (n: number) => n.toString(16).padStart(8, '0');
    const a = h(this.u32());
    const b = h(this.u32());
    const c = h(this.u32());
    const d = h(this.u32());
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${((parseInt(c[0], 16) & 0x3) | 0x8).toString(16)}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }
}

/** COPY text format: tab-separated, `\N` for null, backslash escapes. */
function field(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : value;
}
const iso = (ms: number) => new Date(ms).toISOString();

/** One COPY stream per table, on its own connection, fed in chunks with back-pressure. */
class TableWriter {
  private buffer: string[] = [];
  private size = 0;
  rows = 0;
  private constructor(
    private readonly client: pg.Client,
    private readonly stream: Writable,
    private readonly done: Promise<unknown>,
  ) {}

  static async open(url: string, table: string, columns: string[]): Promise<TableWriter> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // Foreign keys and triggers are not checked row by row during the load: the generator writes consistent
    // rows, and the derived tables (the queue's counters) are rebuilt in one statement afterwards.
    await client.query(`set session_replication_role = replica`);
    const stream = client.query(copyFrom(`copy ${table} (${columns.map((c) => `"${c}"`).join(', ')}) from stdin`));
    const done = new Promise((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    return new TableWriter(client, stream, done);
  }

  row(values: Array<string | number | boolean | null>): void {
    const line = `${values.map(field).join('\t')}\n`;
    this.buffer.push(line);
    this.size += line.length;
    this.rows++;
  }

  async flush(force = false): Promise<void> {
    if (this.size < 1 << 20 && !force) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (chunk && !this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush(true);
    this.stream.end();
    await this.done;
    await this.client.end();
  }
}

const COLUMNS = {
  users: ['id', 'username', 'email', 'display_name', 'role', 'active', 'password_hash', 'created_at', 'updated_at'],
  customer_profiles: ['id', 'user_id', 'phone', 'shipping_address'],
  merchant_profiles: ['id', 'user_id', 'name', 'marketplace_seller', 'return_window_days', 'response_sla_hours', 'sla_timeout_action', 'auto_approve_limit_minor', 'restocking_fee_percent', 'warehouse_address', 'refund_shipping', 'created_at'],
  products: ['id', 'merchant_id', 'sku', 'name', 'price_minor', 'stock'],
  orders: ['id', 'number', 'customer_id', 'merchant_id', 'status', 'currency', 'subtotal_minor', 'shipping_fee_minor', 'tax_minor', 'total_minor', 'payment_reference', 'placed_at', 'confirmed_at', 'shipped_at', 'delivered_at', 'version', 'created_at', 'updated_at'],
  order_items: ['id', 'order_id', 'product_id', 'position', 'sku', 'name', 'quantity', 'unit_price_minor', 'final_sale'],
  return_cases: ['id', 'number', 'order_id', 'customer_id', 'merchant_id', 'type', 'reason', 'description', 'status', 'priority', 'assignee_id', 'sla_due_at', 'sla_clock_started_at', 'merchant_response_due_at', 'refund_amount_minor', 'restocking_fee_minor', 'currency', 'carrier', 'tracking_number', 'decision_reason', 'inspection_passed', 'risk_label', 'risk_score', 'version', 'created_at', 'updated_at', 'first_response_at', 'decided_at', 'disputed_at', 'shipped_at', 'received_at', 'inspected_at', 'refunded_at', 'closed_at'],
  return_items: ['id', 'return_case_id', 'order_item_id', 'position', 'quantity', 'condition', 'restockable', 'active'],
  case_events: ['id', 'return_case_id', 'type', 'actor_id', 'actor_label', 'from_status', 'to_status', 'payload', 'created_at'],
  case_notes: ['id', 'return_case_id', 'author_id', 'visibility', 'body', 'created_at'],
  risk_scores: ['id', 'return_case_id', 'model_version', 'score', 'label', 'reason_codes', 'features', 'created_at'],
  evidence_documents: ['id', 'return_case_id', 'kind', 'file_name', 'content_type', 'size_bytes', 'sha256', 'storage_key', 'uploaded_by_id', 'created_at'],
  refunds: ['id', 'return_case_id', 'order_id', 'provider', 'provider_refund_id', 'idempotency_key', 'amount_minor', 'currency', 'state', 'attempts', 'last_error', 'created_at', 'updated_at'],
} as const;
type Table = keyof typeof COLUMNS;

interface Person {
  id: string;
  username: string;
}
interface Merchant extends Person {
  profileId: string;
  windowDays: number;
  slaHours: number;
  restockingPercent: number;
  products: Array<{ id: string; sku: string; name: string; price: number }>;
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
      caseId, `RET-${period}-${String(seq).padStart(6, '0')}`, o.id, customer.id, merchant.profileId, type, reason, DESCRIPTIONS[reason], status, priority, assignee?.id ?? null,
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
