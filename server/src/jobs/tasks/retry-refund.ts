import type { Task } from 'graphile-worker';
import { AutomaticRefundRetries } from '../../modules/refunds/automatic-refund-retries.service.js';
import type { WorkerDeps } from '../worker-deps.js';
import { payloadStrings } from './payload.js';

/** Five minutes after a refund failed (SPEC §5): the next automatic retry, if the case still needs it. */
export const retryRefundTask = (deps: WorkerDeps): Task => async (payload) => {
  const { caseId } = payloadStrings(payload, 'caseId');
  const outcome = await new AutomaticRefundRetries(deps.orm.em.fork(), deps).runFor(caseId);
  deps.logger.info({ caseId, outcome }, 'automatic refund retry');
};
