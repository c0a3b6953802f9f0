import { Check, Entity, Enum, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The simulated payment provider's own books: it is "another system", so it keeps its state in tables of its
 * own and writes them outside ReturnHub's transactions (a rolled-back ReturnHub change does not undo a refund
 * the provider already accepted — exactly the situation idempotency keys exist for).
 */
@Entity({ tableName: 'simulated_provider_refunds' })
@Check({ name: 'simulated_provider_refunds_amount_positive', expression: 'amount_minor > 0' })
export class SimulatedRefund {
  /** `sim_re_…`, derived from the idempotency key: deterministic. */
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 255, unique: true })
  idempotencyKey!: string;

  /** sha256 of the request parameters: the same key with other parameters is refused. */
  @Property({ type: 'string', length: 64 })
  requestHash!: string;

  @Property({ type: 'string', length: 120 })
  @Index()
  paymentReference!: string;

  @Property({ type: 'integer' })
  amountMinor!: number;

  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Property({ type: 'json' })
  metadata: Record<string, string> & Opt = {};

  @Property({ type: 'string', length: 20 })
  status: ('pending' | 'succeeded' | 'failed' | 'declined') & Opt = 'pending';

  /** What settlement will do with it, fixed when it was created (from the control rows then in force). */
  @Property({ type: 'string', length: 20 })
  plannedOutcome: ('succeed' | 'fail') & Opt = 'succeed';

  /** Deliver the confirmation twice (a provider's at-least-once delivery). */
  @Property({ type: 'boolean' })
  duplicateDelivery: boolean & Opt = false;

  @Property({ type: 'string', length: 120, nullable: true })
  failureReason: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  settledAt: Date | null = null;
}

/** A webhook the simulated provider owes ReturnHub; redelivered until ReturnHub answers 2xx. */
@Entity({ tableName: 'simulated_provider_events' })
@Index({ name: 'simulated_provider_events_undelivered_idx', expression: 'create index "simulated_provider_events_undelivered_idx" on "simulated_provider_events" ("created_at") where "delivered_at" is null' })
export class SimulatedEvent {
  @PrimaryKey({ type: 'string', length: 60 })
  id!: string;

  @Property({ type: 'string', length: 40 })
  refundId!: string;

  @Property({ type: 'string', length: 40 })
  type!: string;

  /** The exact body that is signed and posted. */
  @Property({ type: 'text' })
  body!: string;

  /** How many times it must be delivered even after a success (2 = "answer twice"). */
  @Property({ type: 'smallint' })
  copies: number & Opt = 1;

  @Property({ type: 'smallint' })
  deliveries: number & Opt = 0;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  lastDeliveryError: string | null = null;
}

export enum SimulatedBehaviour {
  /** Accept the refund; settlement confirms it (the default when no control row applies). */
  SUCCEED = 'succeed',
  /** Accept the refund; settlement fails it (`refund.failed`), as a bank can. */
  FAIL = 'fail',
  /** Refuse at once (like a card error): nothing is refunded; the same key replays the refusal. */
  DECLINE = 'decline',
  /** Accept and record the refund, but the caller gets a timeout: the outcome looks unknown. */
  TIMEOUT = 'timeout',
  /** Answer 503 before doing anything. */
  UNAVAILABLE = 'unavailable',
  /** Accept; settlement confirms it and delivers the confirmation twice. */
  DUPLICATE_CONFIRMATION = 'duplicate_confirmation',
  /**
   * Accept and record the refund (committed at the provider), then never answer: the caller hangs as if its process
   * were about to die mid-call. Tests use it to kill a worker at exactly that point; a replay of the key answers.
   */
  HANG = 'hang',
  /** Accept and record the refund, then answer only after `delayMs` (a provider slower than the caller's timeout). */
  SLOW = 'slow',
}

/**
 * How the simulated provider should behave for the next refund requests: per payment reference (or for any
 * when null), for `remaining` requests (or until removed when null). Oldest matching row first.
 */
@Entity({ tableName: 'simulated_provider_controls' })
export class SimulatedControl {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number & Opt;

  @Enum({ items: () => SimulatedBehaviour, nativeEnumName: 'simulated_behaviour' })
  behaviour!: SimulatedBehaviour;

  @Property({ type: 'string', length: 120, nullable: true })
  paymentReference: string | null = null;

  @Property({ type: 'integer', nullable: true })
  remaining: number | null = null;

  /** For SLOW: how long the answer takes. */
  @Property({ type: 'integer', nullable: true })
  delayMs: number | null = null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
