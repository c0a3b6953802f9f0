import type { Task } from 'graphile-worker';
import type { WorkerDeps } from '../worker-deps.js';
import { payloadStrings } from './payload.js';

/**
 * Best-effort rescore of a changed case through the injected RiskRescorer. A scoring failure is logged and
 * retried a few times (max_attempts 3), then stays visible in `failedJobs`; it never holds up other jobs.
 */
export const rescoreCaseTask = (deps: WorkerDeps): Task => async (payload, helpers) => {
  const { caseId, reason } = payloadStrings(payload, 'caseId', 'reason');
  if (!deps.rescorer) {
    helpers.logger.debug(`no risk rescorer is wired; case ${caseId} not rescored`);
    return;
  }
  try {
    await deps.rescorer.rescore({ caseId, reason, em: deps.orm.em.fork(), now: deps.clock.now() });
  } catch (error) {
    deps.logger.warn({ err: error, caseId, attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts }, 'rescore failed');
    throw error;
  }
};
