import type { Task } from 'graphile-worker';
import { runSimulation } from '../../modules/rules/rule-simulation-runs.js';
import type { WorkerDeps } from '../worker-deps.js';
import { payloadStrings } from './payload.js';

/**
 * A policy simulation asked for with startRuleSimulation (queued in the same transaction as its row). Safe to
 * repeat: a simulation already done is left alone; an interrupted one starts again from its first case.
 */
export const runRuleSimulationTask = (deps: WorkerDeps): Task => async (payload, helpers) => {
  const { simulationId } = payloadStrings(payload, 'simulationId');
  const lastAttempt = helpers.job.attempts >= helpers.job.max_attempts;
  const outcome = await runSimulation(deps.orm.em.fork(), deps.clock, simulationId, lastAttempt);
  if (outcome !== 'done') deps.logger.info({ simulationId, outcome }, 'rule simulation job: nothing to do');
};
