import type { Logger } from '../../logger.js';
import type { Clock } from '../../shared/clock.js';
import type { RiskModel } from './risk-model.js';
import type { RiskRescorer } from './risk-rescorer.js';
import { RiskService } from './risk.service.js';

/** The worker's rescore jobs, scored with the active model (a failure is retried by the queue, never blocks others). */
export function modelRescorer(model: RiskModel, clock: Clock, logger: Logger): RiskRescorer {
  return {
    async rescore({ caseId, em }) {
      await new RiskService(em, model, clock, logger).scoreCase(caseId);
    },
  };
}
