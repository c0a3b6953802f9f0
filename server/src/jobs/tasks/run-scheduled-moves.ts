import { FulfilmentEffects } from '../../modules/fulfilment/fulfilment-effects.js';
import type { Task } from 'graphile-worker';
import { ScheduledMoves } from '../../modules/returns/scheduled-moves.service.js';
import type { WorkerDeps } from '../worker-deps.js';

/** Every minute (cron): the timers of SPEC §5, judged by the injected clock. */
export const runScheduledMovesTask = (deps: WorkerDeps): Task => async () => {
  const summary = await new ScheduledMoves(deps.orm.em.fork(), deps.clock, deps.logger, new FulfilmentEffects(deps)).runDue();
  if (Object.values(summary).some((n) => n > 0)) deps.logger.info({ summary }, 'scheduled moves');
};
