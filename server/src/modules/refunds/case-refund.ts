import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Order } from '../orders/order.entity.js';
import { refundedOnOrder } from '../orders/stock.js';
import { SYSTEM_ACTOR } from '../returns/actor.js';
import type { CaseWorkflow } from '../returns/case-workflow.service.js';
import { OutboxMessage } from '../returns/outbox-message.entity.js';
import { CaseStatus, ReturnOutcome } from '../returns/return-case.enums.js';
import type { ReturnCase } from '../returns/return-case.entity.js';
import { capToRemaining } from './refund-cap.js';
import { Refund, RefundState } from './refund.entity.js';

/** Outbox topic: a refund row waits for its provider call (the worker's `process_refund` job makes it). */
export const REFUND_REQUESTED_TOPIC = 'refund.requested';

/** The "provider" of a refund paid as store credit (issue 22 §3): the store-credit ledger instead of the payment provider. */
export const STORE_CREDIT_PROVIDER = 'store_credit';

/** `<caseId>:refund`, then `<caseId>:refund:2`… — a new key only after the provider definitively refused the last one. */
export const caseRefundKey = (caseId: string, sequence: number): string => `${caseId}:refund${sequence > 1 ? `:${sequence}` : ''}`;

/** Who pays a case's refund: the store-credit ledger for a STORE_CREDIT case, otherwise the payment provider. */
export const payerOf = (rc: Pick<ReturnCase, 'outcome'>, paymentProvider: string): string =>
  rc.outcome === ReturnOutcome.STORE_CREDIT ? STORE_CREDIT_PROVIDER : paymentProvider;

export interface CaseRefundRow {
  /** The new row, or null when nothing is left to refund on the order. */
  refund: Refund | null;
  amountMinor: number;
  remainingMinor: number;
  capped: boolean;
}

/**
 * Inside the caller's transaction: the case's next refund row, for what the case is due capped at what is left of the
 * order (the order row locked, so two refunds of one order cannot both take the rest), with its `refund.requested`
 * outbox message. The key is the case's next (`caseRefundKey`), so a repeat of the transaction cannot pay twice.
 */
export async function newCaseRefund(tx: EntityManager, rc: ReturnCase, provider: string, at: Date): Promise<CaseRefundRow> {
  const order = await tx.findOneOrFail(Order, rc.order.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
  const { amountMinor, remainingMinor, capped } = capToRemaining(rc.refundAmountMinor, order.totalMinor, await refundedOnOrder(tx, order.id));
  if (amountMinor === 0) return { refund: null, amountMinor, remainingMinor, capped };
  const sequence = (await tx.count(Refund, { returnCase: rc.id })) + 1;
  const refund = tx.create(Refund, {
    returnCase: rc,
    order,
    provider: payerOf(rc, provider),
    idempotencyKey: caseRefundKey(rc.id, sequence),
    amountMinor,
    currency: rc.currency,
    createdAt: at,
    updatedAt: at,
  });
  tx.create(OutboxMessage, { topic: REFUND_REQUESTED_TOPIC, caseId: rc.id, payload: { refundId: refund.id }, createdAt: at });
  return { refund, amountMinor, remainingMinor, capped };
}

/** The case's newest refund that is paid or on its way (pending or succeeded), or null. */
export function liveCaseRefund(tx: EntityManager, caseId: string): Promise<Refund | null> {
  return tx.findOne(Refund, { returnCase: caseId, state: { $in: [RefundState.PENDING, RefundState.SUCCEEDED] } }, { orderBy: { createdAt: 'desc', id: 'desc' } });
}

/**
 * Inside the caller's transaction: the case moves to REFUND_PENDING with its refund row (capped at what is left of
 * the order), to be paid after commit; or, when nothing is left to pay, straight on to REFUNDED with amount 0 recorded.
 * Used after a passed inspection and, for a case whose goods the customer keeps, at approval.
 */
export async function openCaseRefund(tx: EntityManager, workflow: CaseWorkflow, rc: ReturnCase, paymentProvider: string, at: Date): Promise<Refund | null> {
  const { refund, amountMinor, remainingMinor, capped } = await newCaseRefund(tx, rc, paymentProvider, at);
  if (capped) rc.refundAmountMinor = amountMinor;
  await workflow.applyTransition(tx, rc, CaseStatus.REFUND_PENDING, SYSTEM_ACTOR, at, { payload: { amountMinor, currency: rc.currency, ...(capped ? { cappedAt: remainingMinor } : {}) } });
  if (!refund) {
    await workflow.applyTransition(tx, rc, CaseStatus.REFUNDED, SYSTEM_ACTOR, new Date(at.getTime() + 2), { payload: { amountMinor: 0, note: 'Nothing left to refund on this order.' } });
  }
  return refund;
}
