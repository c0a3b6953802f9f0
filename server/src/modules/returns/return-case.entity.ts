import { randomUUID } from 'node:crypto';
import { Check, Cascade, Collection, Entity, Enum, Index, ManyToOne, OneToMany, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Order } from '../orders/order.entity.js';
import { MerchantProfile } from '../users/merchant-profile.entity.js';
import { User } from '../users/user.entity.js';
import { CasePriority, CaseStatus, ReturnOutcome, ReturnReason, ReturnType, RiskLabel } from './return-case.enums.js';
import { ReturnItem } from './return-item.entity.js';
import { Refund } from '../refunds/refund.entity.js';
import type { MatchedRuleRecord } from '../rules/apply-rules.js';
import { MatchedRule } from '../rules/matched-rule.types.js';

/**
 * A return: what the customer asked for, where it stands, and its clocks.
 * The status only changes through the transition table (returns/transitions.ts).
 */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'return_cases' })
// The ops queue's order (SPEC §7) within a priority, over active cases (the SLA-breached ones are a range of it) and
// over all cases; the queue reads them range by range (modules/queue/queue-sql.ts, migration queue_at_scale).
@Index({ name: 'return_cases_queue_active_idx', expression: `create index "return_cases_queue_active_idx" on "return_cases" ("priority", "sla_due_at", "created_at", "id") include ("status", "risk_label", "assignee_id") where "status" not in ('refunded', 'exchanged', 'returned_to_customer', 'cancelled', 'expired', 'closed')` })
@Index({ name: 'return_cases_queue_order_idx', expression: 'create index "return_cases_queue_order_idx" on "return_cases" ("priority", "sla_due_at", "created_at", "id") include ("status", "risk_label", "assignee_id")' })
// The risk model's merchant rejection rate counts a merchant's decided cases from this index alone.
@Index({ name: 'return_cases_merchant_decided_idx', expression: 'create index "return_cases_merchant_decided_idx" on "return_cases" ("merchant_id") include ("status") where "decided_at" is not null' })
@Index({ name: 'return_cases_label_storage_key_idx', expression: 'create index "return_cases_label_storage_key_idx" on "return_cases" ("label_storage_key") where "label_storage_key" is not null' })
// A carrier's tracking webhook finds its case by the label's tracking number (fulfilment/carrier-tracking.service.ts).
@Index({ name: 'return_cases_label_tracking_number_idx', expression: 'create index "return_cases_label_tracking_number_idx" on "return_cases" ("label_tracking_number") where "label_tracking_number" is not null' })
@Index({ properties: ['customer', 'createdAt'] })
@Index({ properties: ['merchant', 'createdAt'] })
// Incremental sync (returnCases orderBy: UPDATED_AT): staff over all cases, a merchant or partner over its own.
@Index({ properties: ['updatedAt', 'id'] })
@Index({ properties: ['merchant', 'updatedAt', 'id'] })
@Index({ properties: ['status'] })
// The scheduler's scans (jobs/tasks/run-scheduled-moves.ts): cases awaiting the merchant by deadline, decisions by age.
@Index({ name: 'return_cases_awaiting_merchant_idx', expression: `create index "return_cases_awaiting_merchant_idx" on "return_cases" ("merchant_response_due_at") where "status" in ('submitted', 'in_review', 'waiting_merchant')` })
@Index({ name: 'return_cases_decided_idx', expression: `create index "return_cases_decided_idx" on "return_cases" ("decided_at") where "status" in ('approved', 'rejected')` })
@Check({ name: 'return_cases_amounts_non_negative', expression: 'refund_amount_minor >= 0 and restocking_fee_minor >= 0' })
export class ReturnCase {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @Field({ description: 'RET-YYMM-000001: a per-month sequence, never reused.' })
  @Property({ type: 'string', length: 20, unique: true })
  number!: string;

  @ManyToOne(() => Order, { deleteRule: 'restrict' })
  @Index()
  order!: Rel<Order>;

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  customer!: Rel<User>;

  @ManyToOne(() => MerchantProfile, { deleteRule: 'restrict' })
  merchant!: Rel<MerchantProfile>;

  @Field(() => ReturnType)
  @Enum({ items: () => ReturnType, nativeEnumName: 'return_type' })
  type!: ReturnType;

  @Field(() => ReturnOutcome, { description: 'What the customer chose: REFUND to the original payment, STORE_CREDIT, or EXCHANGE (never KEEP_ITEM: see keepItem).' })
  @Enum({ items: () => ReturnOutcome, nativeEnumName: 'return_outcome' })
  outcome: ReturnOutcome & Opt = ReturnOutcome.REFUND;

  @Field(() => ReturnReason)
  @Enum({ items: () => ReturnReason, nativeEnumName: 'return_reason' })
  reason!: ReturnReason;

  @Field(() => Boolean, { description: "True when a merchant's rule lets the customer keep the goods: no label, no shipment; money (or the replacement) at approval." })
  @Property({ type: 'boolean' })
  keepItem: boolean & Opt = false;

  @Field(() => String, { nullable: true, description: 'The name of the rule that lets the customer keep the goods.' })
  @Property({ type: 'string', length: 200, nullable: true })
  keepItemRule: string | null = null;

  @Field(() => Int, { nullable: true, description: 'The bonus on store credit, in percent (STORE_CREDIT cases only).' })
  @Property({ type: 'integer', nullable: true })
  storeCreditBonusPercent: number | null = null;

  @Field(() => Int, { nullable: true, description: "The restocking fee percent a merchant's rule set; null when the policy's applied." })
  @Property({ type: 'integer', nullable: true })
  restockingFeePercent: number | null = null;

  @Field(() => Int, { description: "What the customer pays for the return label (a merchant's rule), deducted from the refund; minor units." })
  @Property({ type: 'integer' })
  returnShippingFeeMinor: number & Opt = 0;

  @Field(() => String)
  @Property({ type: 'text' })
  description: string & Opt = '';

  @Field(() => CaseStatus)
  @Enum({ items: () => CaseStatus, nativeEnumName: 'case_status' })
  status: CaseStatus & Opt = CaseStatus.SUBMITTED;

  @Field(() => CasePriority)
  @Enum({ items: () => CasePriority, nativeEnumName: 'case_priority' })
  priority: CasePriority & Opt = CasePriority.MEDIUM;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  @Index()
  assignee: Rel<User> | null = null;

  @Field({ description: 'Resolution deadline, from the priority (SPEC §5).' })
  @Property({ type: 'timestamptz' })
  slaDueAt!: Date;

  /** When the resolution clock (re)started: at opening, and again when a follow-up is answered. */
  @Property({ type: 'timestamptz' })
  slaClockStartedAt!: Date;

  @Field(() => Date, { nullable: true, description: "The merchant's response deadline, from its policy." })
  @Property({ type: 'timestamptz', nullable: true })
  merchantResponseDueAt: Date | null = null;

  /** The merchant response deadline a half-time reminder was sent for (one reminder per deadline). */
  @Property({ type: 'timestamptz', nullable: true })
  slaReminderFor: Date | null = null;

  /** The merchant response deadline whose timeout action (the policy's) has run (once per deadline). */
  @Property({ type: 'timestamptz', nullable: true })
  merchantTimeoutFor: Date | null = null;

  /** Automatic refund retries made since the refund first failed (or since ops last retried by hand); at most 10 (SPEC §5). */
  @Field(() => Int, { description: 'Automatic refund retries made since the refund failed (or since ops last retried it); at most 10, then ops are asked.' })
  @Property({ type: 'integer' })
  refundRetries: number & Opt = 0;

  /** When the next automatic refund retry is due (judged by the injected clock); null when none is planned. */
  @Field(() => Date, { nullable: true, description: 'When the next automatic refund retry is due; null when none is planned.' })
  @Property({ type: 'timestamptz', nullable: true })
  refundRetryDueAt: Date | null = null;

  @Field(() => Int, { description: 'Refund due to the customer in minor units, after any restocking fee.' })
  @Property({ type: 'integer' })
  refundAmountMinor: number & Opt = 0;

  @Field(() => Int)
  @Property({ type: 'integer' })
  restockingFeeMinor: number & Opt = 0;

  @Field(() => String)
  @Property({ type: 'string', length: 3 })
  currency: string & Opt = 'USD';

  @ManyToOne(() => Order, { nullable: true, deleteRule: 'set null' })
  exchangeOrder: Rel<Order> | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 60, nullable: true })
  carrier: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 80, nullable: true })
  trackingNumber: string | null = null;

  @Field(() => String, { nullable: true, description: "The customer's description of the packed goods, given when confirming the shipment (with its photos, documents of kind SHIPMENT_EVIDENCE)." })
  @Property({ type: 'text', nullable: true })
  shipmentDescription: string | null = null;

  /** Storage key of the return label PDF, once issued. */
  @Property({ type: 'string', length: 200, nullable: true })
  labelStorageKey: string | null = null;

  /** The prepaid return label issued on approval (the carrier port's answer). */
  @Field(() => String, { nullable: true, description: 'Carrier of the prepaid return label.' })
  @Property({ type: 'string', length: 60, nullable: true })
  labelCarrier: string | null = null;

  @Field(() => String, { nullable: true, description: 'Tracking number printed on the return label.' })
  @Property({ type: 'string', length: 80, nullable: true })
  labelTrackingNumber: string | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  labelIssuedAt: Date | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  decisionReason: string | null = null;

  /** Inspection result: null until inspected, then pass (true) or fail (false). */
  @Field(() => Boolean, { nullable: true })
  @Property({ type: 'boolean', nullable: true })
  inspectionPassed: boolean | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  inspectionNotes: string | null = null;

  /** Why the refund was lowered at inspection (partial damage), when it was. */
  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  refundAdjustmentReason: string | null = null;

  /**
   * A refund paid before inspection (the merchant's refund timing), reconciled at inspection: what was paid, what
   * inspection found due, and when the case was flagged for ops because less was due than paid (never clawed back).
   */
  @Field(() => Int, { nullable: true, description: 'Refund paid before inspection, as reconciled at inspection (minor units).' })
  @Property({ type: 'integer', nullable: true })
  reconciliationPaidMinor: number | null = null;

  @Field(() => Int, { nullable: true, description: 'What inspection found due against a refund paid before it (minor units).' })
  @Property({ type: 'integer', nullable: true })
  reconciliationDueMinor: number | null = null;

  @Field(() => Date, { nullable: true, description: 'When ops were asked to settle a refund paid before inspection that exceeds what is due.' })
  @Property({ type: 'timestamptz', nullable: true })
  reconciliationFlaggedAt: Date | null = null;

  /** Latest persisted risk score, kept on the case so the queue can filter on it without a join. */
  @Enum({ items: () => RiskLabel, nativeEnumName: 'risk_label', nullable: true })
  riskLabel: RiskLabel | null = null;

  @Property({ type: 'double', nullable: true })
  riskScore: number | null = null;

  /** Every return rule the case met when it was opened (issue 22); null for cases opened before rules applied. Staff only. */
  @Field(() => [MatchedRule], { nullable: true, description: 'Every return rule the case met when it was opened, in rule order (staff only).' })
  @Property({ type: 'json', nullable: true })
  matchedRules: MatchedRuleRecord[] | null = null;

  @Field(() => Int, { description: 'Optimistic-locking version; pass it back as expectedVersion.' })
  @Property({ version: true, type: 'integer' })
  version: number & Opt = 1;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Field(() => Date)
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();

  // Milestones (SPEC §2): when each step happened.
  @Field(() => Date, { nullable: true }) @Property({ type: 'timestamptz', nullable: true })
  firstResponseAt: Date | null = null;
  @Field(() => Date, { nullable: true }) @Property({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null = null;
  @Field(() => Date, { nullable: true }) @Property({ type: 'timestamptz', nullable: true })
  disputedAt: Date | null = null;
  @Field(() => Date, { nullable: true }) @Property({ type: 'timestamptz', nullable: true })
  shippedAt: Date | null = null;
  @Field(() => Date, { nullable: true }) @Property({ type: 'timestamptz', nullable: true })
  receivedAt: Date | null = null;
  @Field(() => Date, { nullable: true }) @Property({ type: 'timestamptz', nullable: true })
  inspectedAt: Date | null = null;
  @Field(() => Date, { nullable: true }) @Property({ type: 'timestamptz', nullable: true })
  refundedAt: Date | null = null;
  @Field(() => Date, { nullable: true }) @Property({ type: 'timestamptz', nullable: true })
  closedAt: Date | null = null;

  @OneToMany(() => ReturnItem, (item) => item.returnCase, { cascade: [Cascade.PERSIST], orderBy: { position: 'asc' } })
  items = new Collection<ReturnItem>(this);

  /** The case's refund attempts, oldest first (a new one only after the provider refused the last). */
  @OneToMany(() => Refund, (refund) => refund.returnCase, { orderBy: { createdAt: 'asc', id: 'asc' } })
  refunds = new Collection<Refund>(this);
}
