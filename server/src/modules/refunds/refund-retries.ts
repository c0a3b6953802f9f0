import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict } from '../../errors/domain-error.js';
import { TaskName, queueJobs } from '../../shared/job-queue.js';
import { SYSTEM_ACTOR } from '../returns/actor.js';
import { recordCaseChange } from '../returns/case-changes.js';
import { CaseNote } from '../returns/case-note.entity.js';
import { CasePriority, CaseStatus, NoteVisibility } from '../returns/return-case.enums.js';
import type { ReturnCase } from '../returns/return-case.entity.js';
import { resolutionDueAt } from '../returns/sla.js';
import { Refund } from './refund.entity.js';

/** SPEC §5: a failed refund is retried every 5 minutes, at most 10 times, then flagged for ops. */
export const REFUND_RETRY_INTERVAL_MS = 5 * 60_000;
export const MAX_AUTOMATIC_REFUND_RETRIES = 10;

/**
 * A person's `retryRefund` (issue 19 §10): a failed refund is retried, and a pending one is looked up at the
 * provider (a legitimate "where is it?"). Every other status has no refund to retry and gets one answer —
 * the same code, message and extensions whatever the status, so a client needs one branch. The system's own
 * retry path (`RefundService.prepareRetry`) stays a no-op on a refunded case.
 */
export function requireRefundToRetry(rc: Pick<ReturnCase, 'status'>): void {
  if (rc.status === CaseStatus.REFUND_FAILED || rc.status === CaseStatus.REFUND_PENDING) return;
  throw conflict('This case has no refund to retry.', { rule: 'NO_REFUND_TO_RETRY' });
}

/** One waiting retry per case: enqueueing again (another failure, a manual retry that failed) replaces it. */
export const refundRetryJobKey = (caseId: string): string => `refund-retry:${caseId}`;

/** Attempts of the retry job itself (a busy case row, a lost connection), not of the refund. */
const RETRY_JOB_ATTEMPTS = 10;

/** The wake-up for a case's next retry, in the caller's transaction. The case row stays the authority on when. */
export function enqueueRefundRetry(tx: EntityManager, caseId: string, dueAt: Date): void {
  queueJobs(tx, [{ task: TaskName.RETRY_REFUND, payload: { caseId }, jobKey: refundRetryJobKey(caseId), runAt: dueAt, maxAttempts: RETRY_JOB_ATTEMPTS }]);
}

/**
 * What a case entering REFUND_FAILED brings with it (every path: the provider's answer, its webhook, a poll):
 * the next automatic retry in 5 minutes, or — once 10 were made — the case is flagged for ops instead.
 * Runs inside the transition's transaction, so a rolled-back failure schedules nothing.
 */
export async function afterRefundFailed(tx: EntityManager, rc: ReturnCase, at: Date): Promise<void> {
  if (rc.refundRetries >= MAX_AUTOMATIC_REFUND_RETRIES) {
    await flagRefundForOps(tx, rc, at);
    return;
  }
  rc.refundRetryDueAt = new Date(at.getTime() + REFUND_RETRY_INTERVAL_MS);
  enqueueRefundRetry(tx, rc.id, rc.refundRetryDueAt);
  recordCaseChange(tx, rc, {
    type: 'refund_retry_scheduled',
    actor: SYSTEM_ACTOR,
    at,
    payload: { retry: rc.refundRetries + 1, maxRetries: MAX_AUTOMATIC_REFUND_RETRIES, dueAt: rc.refundRetryDueAt.toISOString() },
  });
}

/**
 * The automatic retries are used up: the case becomes URGENT (its resolution deadline recomputed, as a priority
 * change does) and gets an internal note saying why, all by `system` and audited. No further automatic retry is
 * planned; ops retry by hand (`retryRefund`), which starts a fresh series.
 */
async function flagRefundForOps(tx: EntityManager, rc: ReturnCase, at: Date): Promise<void> {
  rc.refundRetryDueAt = null;
  const last = await tx.findOne(Refund, { returnCase: rc.id }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  const lastError = last?.lastError ?? 'no error recorded';
  recordCaseChange(tx, rc, {
    type: 'refund_retries_exhausted',
    actor: SYSTEM_ACTOR,
    at,
    payload: { retries: rc.refundRetries, refundId: last?.id ?? null, idempotencyKey: last?.idempotencyKey ?? null, lastError },
  });
  if (rc.priority !== CasePriority.URGENT) {
    const from = rc.priority;
    rc.priority = CasePriority.URGENT;
    rc.slaDueAt = resolutionDueAt(rc.slaClockStartedAt, CasePriority.URGENT);
    recordCaseChange(tx, rc, { type: 'priority_changed', actor: SYSTEM_ACTOR, at: new Date(at.getTime() + 1), payload: { from, to: CasePriority.URGENT, slaDueAt: rc.slaDueAt.toISOString(), reason: 'refund_retries_exhausted' } });
  }
  const note = tx.create(CaseNote, {
    returnCase: rc,
    author: null,
    visibility: NoteVisibility.INTERNAL,
    body:
      `The refund failed again after ${rc.refundRetries} automatic retries (every ${REFUND_RETRY_INTERVAL_MS / 60_000} minutes, ` +
      `idempotency key ${last?.idempotencyKey ?? 'none'}); no further automatic retry is planned. Last provider answer: ${lastError}. ` +
      'Check the payment with the provider, then retry the refund or settle it by hand.',
    createdAt: new Date(at.getTime() + 2),
  });
  recordCaseChange(tx, rc, { type: 'internal_note_added', actor: SYSTEM_ACTOR, at: note.createdAt, payload: { reason: 'refund_retries_exhausted' } });
}
