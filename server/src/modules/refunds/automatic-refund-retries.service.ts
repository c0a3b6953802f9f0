import type { EntityManager } from '@mikro-orm/postgresql';
import { FulfilmentEffects } from '../fulfilment/fulfilment-effects.js';
import { SYSTEM_ACTOR } from '../returns/actor.js';
import { CaseStatus } from '../returns/return-case.enums.js';
import { changeCaseAsSystem } from '../returns/system-case-change.js';
import { MAX_AUTOMATIC_REFUND_RETRIES, enqueueRefundRetry } from './refund-retries.js';
import { type RefundDeps, RefundService } from './refund.service.js';

export type AutomaticRetryOutcome = 'retried' | 'not_due' | 'not_failed' | 'exhausted';

/**
 * The automatic retry of a failed refund (the `retry_refund` job, SPEC §5): REFUND_FAILED → REFUND_PENDING by
 * `system`, through the same step as the ops' `retryRefund` — the same idempotency key after an unknown outcome,
 * the next key only after the provider refused — with the provider call left to the outbox (`process_refund`).
 *
 * The locked case row is the authority, not the job: the retry happens only if the case is still REFUND_FAILED
 * and its `refundRetryDueAt` has come by the injected clock. A job that wakes early re-arms itself; one that
 * finds the case refunded, retried by ops, or out of retries does nothing. So a retry runs once per failure, however
 * many jobs, workers or people reach the case.
 */
export class AutomaticRefundRetries {
  constructor(
    private readonly em: EntityManager,
    private readonly deps: RefundDeps,
  ) {}

  async runFor(caseId: string): Promise<AutomaticRetryOutcome> {
    const refunds = new RefundService(this.em, this.deps);
    const outcome = await changeCaseAsSystem(
      this.em,
      this.deps.clock,
      caseId,
      async (tx, rc, _workflow, now): Promise<AutomaticRetryOutcome> => {
        if (rc.status !== CaseStatus.REFUND_FAILED || !rc.refundRetryDueAt) return 'not_failed';
        if (rc.refundRetries >= MAX_AUTOMATIC_REFUND_RETRIES) return 'exhausted';
        if (now < rc.refundRetryDueAt) {
          enqueueRefundRetry(tx, rc.id, rc.refundRetryDueAt);
          return 'not_due';
        }
        rc.refundRetries += 1;
        await refunds.prepareRetry(tx, rc, SYSTEM_ACTOR, now, { automaticRetry: rc.refundRetries, maxRetries: MAX_AUTOMATIC_REFUND_RETRIES });
        return 'retried';
      },
      new FulfilmentEffects(this.deps),
    );
    // Missing (never: cases are not deleted) or locked by another worker or person: the job tries again shortly.
    if (outcome === null) throw new Error(`Return case ${caseId} is busy; its refund retry will run again.`);
    return outcome;
  }
}
