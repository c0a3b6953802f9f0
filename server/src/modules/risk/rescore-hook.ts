import type { Logger } from '../../logger.js';

/**
 * Asked after a change that may move a case's escalation risk (uploads today; the risk wiring implements it,
 * e.g. by scoring at once, or by nudging the worker that consumes the `case.rescore` outbox rows that
 * recordCaseChange writes in the same transaction — those rows are the durable request; this is the fast path).
 */
export interface RescoreHook {
  requestRescore(caseId: string, reason: string): void | Promise<void>;
}

export const noRescore: RescoreHook = { requestRescore: () => undefined };

/**
 * Best effort, by construction: called after the change committed, not awaited (a slow scorer cannot delay the
 * caller), and whatever it throws or rejects with is logged, never passed on.
 */
export function requestRescoreSafely(hook: RescoreHook | undefined, logger: Logger, caseId: string, reason: string): void {
  if (!hook) return;
  const failed = (error: unknown) => logger.warn({ err: error, caseId, reason }, 'rescore request failed; the outbox row will retry it');
  try {
    const pending = hook.requestRescore(caseId, reason);
    if (pending && typeof pending.then === 'function') pending.then(undefined, failed);
  } catch (error) {
    failed(error);
  }
}
