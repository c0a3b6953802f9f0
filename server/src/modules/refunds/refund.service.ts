import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode, conflict, notFound } from '../../errors/domain-error.js';
import type { PaymentsConfig } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { Clock } from '../../shared/clock.js';
import { isUuid } from '../../shared/ids.js';
import { FulfilmentEffects, type FulfilmentPorts } from '../fulfilment/fulfilment-effects.js';
import { Order } from '../orders/order.entity.js';
import { OrderStatus } from '../orders/order.enums.js';
import { refundedOnOrder, restoreOrderStock } from '../orders/stock.js';
import { type PaymentProvider, PaymentProviderError, type ProviderRefund, REFUND_METADATA } from '../payments/payment-provider.js';
import { type Actor, SYSTEM_ACTOR } from '../returns/actor.js';
import { CaseWorkflow } from '../returns/case-workflow.service.js';
import { OutboxMessage } from '../returns/outbox-message.entity.js';
import { CaseStatus } from '../returns/return-case.enums.js';
import { ReturnCase } from '../returns/return-case.entity.js';
import { flagIfPaidEarly } from './refund-timing.js';
import { REFUND_REQUESTED_TOPIC, STORE_CREDIT_PROVIDER, caseRefundKey, openCaseRefund, payerOf } from './case-refund.js';
import { issueStoreCredit } from '../store-credit/store-credit.service.js';
import { capToRemaining } from './refund-cap.js';
import { Refund, RefundState } from './refund.entity.js';

export interface RefundDeps extends FulfilmentPorts {
  config: { payments: Pick<PaymentsConfig, 'callTimeoutMs'> };
  clock: Clock;
  logger: Logger;
  payments: PaymentProvider;
}

/** A refund the provider holds that is still pending this long after the last call is asked again (a lost webhook). */
export const POLL_PENDING_AFTER_MS = 15 * 60_000;

export { REFUND_REQUESTED_TOPIC };

const TERMINAL = new Set([RefundState.SUCCEEDED, RefundState.FAILED, RefundState.CANCELED]);

const orderCancelKey = (orderId: string, sequence: number) => `${orderId}:cancel${sequence > 1 ? `:${sequence}` : ''}`;

/** A time strictly after `previous`, so the steps of one change keep their order in the timeline. */
const after = (previous: Date, reading: Date): Date => (reading > previous ? reading : new Date(previous.getTime() + 1));

/**
 * Money going back (SPEC §6): refunds of passed return cases and of cancelled confirmed orders, through the payment
 * port. Every method is safe to call again at any time: the database row of a refund is created once per key
 * (unique), every provider call carries the row's idempotency key, and states only move forward — so retries,
 * replays and races pay once.
 *
 * A provider call never runs inside a database transaction: (1) a transaction records the refund (and the case's
 * move to REFUND_PENDING); (2) the provider is called; (3) another transaction records its answer. A crash between
 * the steps leaves a pending row that `processRefund` picks up again with the same key.
 */
export class RefundService {
  private readonly workflow: CaseWorkflow;

  constructor(
    private readonly em: EntityManager,
    private readonly deps: RefundDeps,
  ) {
    this.workflow = new CaseWorkflow(em, null, deps.clock, new FulfilmentEffects(deps));
  }

  // ---- Return cases ----

  /**
   * Inside the caller's transaction (an inspection that passed): REFUND_PENDING and the refund row, capped at what
   * is left of the order. Returns the row to process after commit, or null when nothing is left to pay
   * (the case is then refunded at once, with amount 0 recorded).
   */
  openCaseRefund(tx: EntityManager, rc: ReturnCase, at: Date): Promise<Refund | null> {
    return openCaseRefund(tx, this.workflow, rc, this.deps.payments.name, at);
  }

  /**
   * Makes sure a passed refund case has its refund and that the provider was asked: INSPECTED → REFUND_PENDING
   * if that has not happened, then `processRefund`. Does nothing for cases in any other state.
   */
  async requestRefund(caseId: string): Promise<Refund | null> {
    const rc = await this.workflow.changeAsSystem(caseId, async (tx, rc, _actor, now) => {
      if (rc.status === CaseStatus.INSPECTED && rc.type === 'refund' && rc.inspectionPassed === true) await this.openCaseRefund(tx, rc, now);
    });
    return rc.status === CaseStatus.REFUND_PENDING ? this.processRefund(caseId) : this.latestCaseRefund(caseId);
  }

  /** Asks the provider about the case's current refund (create with its key, or read its state). Safe any time. */
  async processRefund(caseId: string): Promise<Refund | null> {
    const refund = await this.latestCaseRefund(caseId);
    return refund ? this.process(refund.id) : null;
  }

  /**
   * REFUND_FAILED → REFUND_PENDING and a new provider attempt (what the retry job calls, every 5 minutes up to 10
   * times). A refund whose outcome was unknown is retried with the SAME key; one the provider refused gets the next
   * key. Safe any time: on a refunded case it does nothing, on a pending one it only processes.
   */
  async retryFailedRefund(caseId: string, actor: Actor = SYSTEM_ACTOR): Promise<Refund | null> {
    await this.workflow.changeAsSystem(caseId, (tx, rc, by, now) => this.prepareRetry(tx, rc, by, now), actor);
    return this.processRefund(caseId);
  }

  /**
   * The retry step inside a case change (also used by the `retryRefund` mutation, with the ops actor and version,
   * and by the automatic retry job). Records the provider call it owes in the outbox, so the worker makes it even if
   * the caller dies right after the commit. A retry by a person starts a fresh series of automatic retries.
   */
  async prepareRetry(tx: EntityManager, rc: ReturnCase, actor: Actor, now: Date, extra: Record<string, unknown> = {}): Promise<void> {
    if (rc.status !== CaseStatus.REFUND_FAILED) {
      if (rc.status === CaseStatus.REFUND_PENDING || rc.status === CaseStatus.REFUNDED) return;
      throw new DomainError(ErrorCode.INVALID_TRANSITION, `Only a case whose refund failed can be retried; this one is ${rc.status.replace(/_/g, ' ')}.`, { status: rc.status.toUpperCase() });
    }
    const last = await tx.findOne(Refund, { returnCase: rc.id }, { orderBy: { createdAt: 'desc', id: 'desc' }, lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    let refundId = last?.id ?? null;
    let newKey = false;
    if (!last || last.state === RefundState.FAILED || last.state === RefundState.CANCELED) {
      const order = await tx.findOneOrFail(Order, rc.order.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const { amountMinor: amount } = capToRemaining(last?.amountMinor ?? rc.refundAmountMinor, order.totalMinor, await refundedOnOrder(tx, order.id));
      if (amount <= 0) throw conflict('Nothing is left to refund on this order.');
      const sequence = (await tx.count(Refund, { returnCase: rc.id })) + 1;
      const next = tx.create(Refund, { returnCase: rc, order, provider: payerOf(rc, this.deps.payments.name), idempotencyKey: caseRefundKey(rc.id, sequence), amountMinor: amount, currency: rc.currency, createdAt: now, updatedAt: now });
      refundId = next.id;
      newKey = true;
    }
    rc.refundRetryDueAt = null;
    if (actor.kind !== 'system') rc.refundRetries = 0;
    tx.create(OutboxMessage, { topic: REFUND_REQUESTED_TOPIC, caseId: rc.id, payload: { refundId }, createdAt: now });
    await this.workflow.applyTransition(tx, rc, CaseStatus.REFUND_PENDING, actor, now, { dedicated: 'retryRefund', payload: { refundId, newIdempotencyKey: newKey, ...extra } });
  }

  /** Total provider calls made for a case's refunds (the retry job stops after its limit and flags the case). */
  async attemptsFor(caseId: string): Promise<number> {
    const refunds = isUuid(caseId) ? await this.em.fork().find(Refund, { returnCase: caseId }) : [];
    return refunds.reduce((sum, r) => sum + r.attempts, 0);
  }

  // ---- Cancelled orders ----

  /**
   * Inside the caller's transaction (a confirmed order being cancelled): the full refund — subtotal, shipping and
   * tax — as a pending row. An earlier row that is still live is returned instead; a refused one gets a successor.
   */
  async openCancellationRefund(tx: EntityManager, order: Order, at: Date): Promise<Refund> {
    if (!order.paymentReference) throw conflict('No payment was found for this order, so it cannot be refunded. Contact support.');
    const rows = await tx.find(Refund, { order: order.id, returnCase: null }, { orderBy: { createdAt: 'desc', id: 'desc' } });
    const live = rows.find((r) => r.state === RefundState.PENDING || r.state === RefundState.SUCCEEDED);
    if (live) return live;
    const full = order.subtotalMinor + order.shippingFeeMinor + order.taxMinor;
    const { amountMinor: amount } = capToRemaining(full, order.totalMinor, await refundedOnOrder(tx, order.id));
    if (amount <= 0) throw conflict('Nothing is left to refund on this order.');
    const refund = tx.create(Refund, {
      order,
      provider: this.deps.payments.name,
      idempotencyKey: orderCancelKey(order.id, rows.length + 1),
      amountMinor: amount,
      currency: order.currency,
      createdAt: at,
      updatedAt: at,
    });
    tx.create(OutboxMessage, { topic: REFUND_REQUESTED_TOPIC, caseId: null, payload: { refundId: refund.id, orderId: order.id }, createdAt: at });
    return refund;
  }

  // ---- The provider conversation ----

  /**
   * `process` after a request's own change committed: a failure here must not fail the request (the change
   * stands, and the outbox message has the worker try again), so it is logged instead.
   */
  async processAfterCommit(refundId: string): Promise<void> {
    try {
      await this.process(refundId);
    } catch (error) {
      this.deps.logger.error({ err: error, refundId }, 'refund processing failed after commit; the worker will retry');
    }
  }

  /** The same, for a case's current refund. */
  async processCaseRefundAfterCommit(caseId: string): Promise<void> {
    const refund = await this.latestCaseRefund(caseId);
    if (refund) await this.processAfterCommit(refund.id);
  }

  /**
   * What the `process_refund` job calls for a committed `refund.requested` message: the provider call that request
   * owes, unless it was made and answered already (by the request's own call after its commit, or an earlier run
   * of the job). A refund the provider holds is left to its webhook or the poll; a case whose attempt failed is left
   * to the retry schedule. A call whose answer was never recorded (its process died) is made again, with the same key.
   */
  async processRequested(refundId: string): Promise<Refund | null> {
    const refund = isUuid(refundId) ? await this.em.fork().findOne(Refund, refundId, { populate: ['returnCase'] }) : null;
    if (!refund || refund.state !== RefundState.PENDING || refund.providerRefundId) return refund;
    // A failed case's refund waits for the retry schedule. A refund paid before inspection (the merchant's refund
    // timing) is processed while the case is still on its way (APPROVED, IN_TRANSIT, RECEIVED …).
    if (refund.returnCase && refund.returnCase.status === CaseStatus.REFUND_FAILED) return refund;
    return this.process(refundId);
  }

  /** The poll (SPEC §5, "webhook or poll"): pending refunds the provider holds and has not settled for a while. */
  async pollStalePending(limit = 100): Promise<number> {
    const cutoff = new Date(this.deps.clock.now().getTime() - POLL_PENDING_AFTER_MS);
    const stale = await this.em.fork().find(
      Refund,
      { state: RefundState.PENDING, providerRefundId: { $ne: null }, lastAttemptAt: { $lt: cutoff } },
      { orderBy: { lastAttemptAt: 'asc', id: 'asc' }, limit, fields: ['id'] },
    );
    for (const { id } of stale) {
      try {
        await this.process(id);
      } catch (error) {
        this.deps.logger.error({ err: error, refundId: id }, 'refund poll failed; the next run asks again');
      }
    }
    return stale.length;
  }

  /** One provider exchange for one refund row; never throws for provider failures (they are recorded). */
  async process(refundId: string): Promise<Refund> {
    const em = this.em.fork();
    // (1) Claim the attempt.
    const claim = await em.transactional(async (tx) => {
      const refund = await tx.findOneOrFail(Refund, refundId, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, populate: ['order'] });
      if (refund.state === RefundState.PENDING && refund.provider === STORE_CREDIT_PROVIDER) await this.payInStoreCredit(tx, refund);
      if (refund.state !== RefundState.PENDING) {
        await this.settleOwner(tx, refund);
        return null;
      }
      const previousAttempts = refund.attempts;
      refund.attempts += 1;
      refund.lastAttemptAt = this.deps.clock.now();
      return { refund, previousAttempts, paymentReference: refund.order.paymentReference };
    });
    if (!claim) return em.findOneOrFail(Refund, refundId, { refresh: true });

    // (2) Ask the provider, outside any transaction.
    const { refund } = claim;
    let answer: ProviderRefund | PaymentProviderError;
    try {
      answer = await this.askProvider(refund, claim.previousAttempts, claim.paymentReference);
    } catch (error) {
      answer = error instanceof PaymentProviderError ? error : new PaymentProviderError('transient', 'unexpected', error instanceof Error ? error.message : String(error));
      this.deps.logger.warn({ refundId, err: error }, 'payment provider call failed');
    }

    // (3) Record the answer.
    await em.transactional(async (tx) => {
      const locked = await tx.findOneOrFail(Refund, refundId, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (answer instanceof PaymentProviderError) await this.recordFailure(tx, locked, answer);
      else await this.applyProviderRefund(tx, locked, answer);
    });
    return em.findOneOrFail(Refund, refundId, { refresh: true });
  }

  /**
   * A STORE_CREDIT case's refund (issue 22 §3), paid by the store-credit ledger instead of the payment provider, in the
   * refund row's own locked transaction: the credit and the row's success commit together, so a repeat (a job run
   * again, a retry) finds the row settled; the ledger's idempotency key, derived from the row's, refuses a second issue
   * as well. The bonus is the case's bonus percent of the amount, rounded down, as its own BONUS movement.
   */
  private async payInStoreCredit(tx: EntityManager, refund: Refund): Promise<void> {
    const rc = await tx.findOneOrFail(ReturnCase, refund.returnCase!.id);
    const now = this.deps.clock.now();
    await issueStoreCredit(tx, {
      customerId: rc.customer.id,
      merchantId: rc.merchant.id,
      currency: refund.currency,
      amountMinor: refund.amountMinor,
      bonusMinor: Math.floor((refund.amountMinor * (rc.storeCreditBonusPercent ?? 0)) / 100),
      caseId: rc.id,
      idempotencyKey: `${refund.idempotencyKey}:credit`,
      actor: SYSTEM_ACTOR,
      at: now,
    });
    refund.attempts += 1;
    refund.lastAttemptAt = now;
    refund.providerRefundId = `${STORE_CREDIT_PROVIDER}:${refund.id}`;
    refund.state = RefundState.SUCCEEDED;
    refund.succeededAt = now;
  }

  /** One provider conversation, bounded by the configured timeout: a late answer counts as an unknown outcome. */
  private async askProvider(refund: Refund, previousAttempts: number, paymentReference: string | null): Promise<ProviderRefund> {
    const timeoutMs = this.deps.config.payments.callTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new PaymentProviderError('transient', 'timeout', `The payment provider did not answer within ${timeoutMs} ms; the refund may or may not exist.`)), timeoutMs);
    });
    try {
      return await Promise.race([this.converse(refund, previousAttempts, paymentReference), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async converse(refund: Refund, previousAttempts: number, paymentReference: string | null): Promise<ProviderRefund> {
    const payments = this.deps.payments;
    if (refund.providerRefundId) return payments.getRefund(refund.providerRefundId);
    if (!paymentReference) throw new PaymentProviderError('invalid', 'no_payment_reference', 'The order has no payment reference to refund against.');
    if (previousAttempts > 0) {
      // An earlier attempt may have created it without our hearing back, and the provider may have forgotten the
      // key since (Stripe keeps keys ~24 h): look for it by the metadata we attached before creating another.
      const found = (await payments.listRefunds(paymentReference)).find((r) => r.metadata[REFUND_METADATA.refundId] === refund.id);
      if (found) return found;
    }
    return payments.createRefund({
      idempotencyKey: refund.idempotencyKey,
      amountMinor: refund.amountMinor,
      currency: refund.currency,
      paymentReference,
      metadata: {
        [REFUND_METADATA.refundId]: refund.id,
        ...(refund.returnCase ? { [REFUND_METADATA.caseId]: refund.returnCase.id } : {}),
        [REFUND_METADATA.orderId]: refund.order.id,
      },
    });
  }

  /** Records a failed call: an unknown outcome keeps the row pending (same key next time); a refusal fails it. */
  private async recordFailure(tx: EntityManager, refund: Refund, error: PaymentProviderError): Promise<void> {
    if (TERMINAL.has(refund.state)) return;
    refund.lastError = `${error.code}: ${error.message}`.slice(0, 1_000);
    // The provider already holds this refund (we only failed to read it, or a concurrent call got the answer): not a failure.
    if (error.retryableWithSameKey && refund.providerRefundId) return;
    if (!error.retryableWithSameKey) refund.state = RefundState.FAILED;
    if (refund.state === RefundState.FAILED) await flagIfPaidEarly(tx, refund, this.deps.clock.now());
    await this.settleOwner(tx, refund, { error: error.code, retryWithSameKey: error.retryableWithSameKey });
  }

  /**
   * Applies what the provider says about a refund (its answer, a webhook, or a poll), in the caller's transaction.
   * States only move forward: a late `pending` never undoes a success, and a repeat changes nothing.
   */
  async applyProviderRefund(tx: EntityManager, refund: Refund, seen: ProviderRefund): Promise<void> {
    if (refund.providerRefundId && refund.providerRefundId !== seen.id) {
      this.deps.logger.warn({ refundId: refund.id, known: refund.providerRefundId, seen: seen.id }, 'provider refund does not match the recorded one; ignored');
      return;
    }
    refund.providerRefundId ??= seen.id;
    if (!TERMINAL.has(refund.state)) {
      const now = this.deps.clock.now();
      if (seen.status === 'succeeded') {
        refund.state = RefundState.SUCCEEDED;
        refund.succeededAt = now;
        refund.lastError = null;
      } else if (seen.status === 'failed' || seen.status === 'canceled') {
        refund.state = seen.status === 'failed' ? RefundState.FAILED : RefundState.CANCELED;
        refund.lastError = `${seen.status}: ${seen.failureReason ?? 'no reason given'}`;
        await flagIfPaidEarly(tx, refund, now);
      }
    }
    await this.settleOwner(tx, refund);
  }

  /** Brings the case or the order in line with its refund's state (idempotent: it only ever moves forward). */
  private async settleOwner(tx: EntityManager, refund: Refund, failure?: { error: string; retryWithSameKey: boolean }): Promise<void> {
    const now = this.deps.clock.now();
    if (refund.returnCase) {
      const rc = await tx.findOneOrFail(ReturnCase, refund.returnCase.id, { refresh: true });
      const latest = await tx.findOne(Refund, { returnCase: rc.id }, { orderBy: { createdAt: 'desc', id: 'desc' } });
      if (latest && latest.id !== refund.id && refund.state !== RefundState.SUCCEEDED) return; // an older attempt's news
      const payload = { refundId: refund.id, providerRefundId: refund.providerRefundId, amountMinor: refund.amountMinor };
      if (refund.state === RefundState.SUCCEEDED) {
        if (rc.status === CaseStatus.REFUND_FAILED) {
          await this.workflow.applyTransition(tx, rc, CaseStatus.REFUND_PENDING, SYSTEM_ACTOR, now, { dedicated: 'retryRefund', payload: { ...payload, note: 'The provider confirmed an earlier attempt.' } });
        }
        if (rc.status === CaseStatus.REFUND_PENDING) await this.workflow.applyTransition(tx, rc, CaseStatus.REFUNDED, SYSTEM_ACTOR, after(now, this.deps.clock.now()), { payload });
      } else if (refund.state === RefundState.PENDING && refund.providerRefundId && !failure && rc.status === CaseStatus.REFUND_FAILED) {
        // An attempt that looked failed (a timeout, a concurrent call) was accepted by the provider after all.
        await this.workflow.applyTransition(tx, rc, CaseStatus.REFUND_PENDING, SYSTEM_ACTOR, now, { dedicated: 'retryRefund', payload: { ...payload, note: 'The provider accepted the refund.' } });
      } else if ((refund.state !== RefundState.PENDING || failure) && rc.status === CaseStatus.REFUND_PENDING) {
        await this.workflow.applyTransition(tx, rc, CaseStatus.REFUND_FAILED, SYSTEM_ACTOR, now, { payload: { ...payload, error: refund.lastError, ...(failure ?? {}) } });
      }
      return;
    }
    if (refund.state === RefundState.SUCCEEDED) {
      const order = await tx.findOneOrFail(Order, refund.order.id, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if ((order.status === OrderStatus.CONFIRMED || order.status === OrderStatus.PROCESSING) && order.cancellationRequestedAt) {
        order.status = OrderStatus.CANCELLED;
        order.cancelledAt = now;
      }
      if (order.status === OrderStatus.CANCELLED) await restoreOrderStock(tx, order.id, now);
    }
  }

  private latestCaseRefund(caseId: string): Promise<Refund | null> {
    if (!isUuid(caseId)) return Promise.reject(notFound('Return case', caseId));
    return this.em.fork().findOne(Refund, { returnCase: caseId }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  }
}
