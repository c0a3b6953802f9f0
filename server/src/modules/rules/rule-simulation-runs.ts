import type { EntityManager } from '@mikro-orm/postgresql';
import { preparedRows } from '../../db/plain-rows.js';
import type { Clock } from '../../shared/clock.js';
import { type QueuedJob, TaskName } from '../../shared/job-queue.js';
import type { ReturnRule } from './return-rules.model.js';
import { RuleSimulationJob, RuleSimulationStatus } from './rule-simulation-job.types.js';
import type { RuleSimulation } from './rule-simulation.types.js';
import { simulateRules } from './rule-simulator.js';
import { countCases } from './simulation-cases.js';

/** A background simulation as stored (rule_simulations); times as the driver returns them (text). */
interface StoredRun {
  id: string;
  merchant_id: string;
  draft_rules: ReturnRule[];
  current_rules: ReturnRule[];
  current_version: number;
  range_from: Date | string;
  range_to: Date | string;
  status: RuleSimulationStatus;
  cases_total: number;
  cases_done: number;
  result: RuleSimulation | null;
  error: string | null;
  created_at: Date | string;
  finished_at: Date | string | null;
}

export interface NewRun {
  id: string;
  merchantId: string;
  requestedById: string | null;
  draft: readonly ReturnRule[];
  current: { version: number; rules: readonly ReturnRule[] };
  from: Date;
  to: Date;
  casesTotal: number;
  createdAt: Date;
}

/** Simulations run one at a time (a named queue): each reads a merchant's whole range, and the machine is shared. */
export const simulationJob = (simulationId: string): QueuedJob => ({
  task: TaskName.RUN_RULE_SIMULATION,
  payload: { simulationId },
  jobKey: `rule-simulation:${simulationId}`,
  queueName: 'rule_simulations',
  maxAttempts: 3,
});

/** Writes a queued simulation (in the caller's transaction, with its job). */
export async function insertRun(em: EntityManager, run: NewRun): Promise<RuleSimulationJob> {
  const [row] = await preparedRows<StoredRun>(em, `insert into rule_simulations
      (id, merchant_id, requested_by_id, draft_rules, current_rules, current_version, range_from, range_to, status, cases_total, created_at)
      values ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8, 'queued', $9, $10) returning *`,
  [run.id, run.merchantId, run.requestedById, JSON.stringify(run.draft), JSON.stringify(run.current.rules), run.current.version, run.from, run.to, run.casesTotal, run.createdAt]);
  return toJob(row);
}

/** A stored simulation with the merchant it belongs to (for the caller's access check), or null. */
export async function readRun(em: EntityManager, id: string): Promise<RuleSimulationJob | null> {
  const [row] = await preparedRows<StoredRun>(em, 'select * from rule_simulations where id = $1', [id]);
  return row ? toJob(row) : null;
}

/**
 * The job's work, safe to repeat (at least once): a simulation already done is left as it is; any other run starts
 * from the first case again (nothing partial is kept but the progress count) and writes its result only if no other
 * run finished first. A failure on the last attempt marks it FAILED; before that it goes back to QUEUED for the retry.
 */
export async function runSimulation(em: EntityManager, clock: Clock, id: string, lastAttempt: boolean): Promise<'done' | 'already-done' | 'missing'> {
  const [run] = await preparedRows<StoredRun>(em, 'select * from rule_simulations where id = $1', [id]);
  if (!run) return 'missing';
  if (run.status === RuleSimulationStatus.DONE) return 'already-done';
  const from = new Date(run.range_from);
  const to = new Date(run.range_to);
  try {
    const total = await countCases(em, run.merchant_id, from, to);
    await preparedRows(em, `update rule_simulations set status = 'running', started_at = $2, cases_done = 0, cases_total = $3, error = null
      where id = $1 and status <> 'done'`, [id, clock.now(), total]);
    const onProgress = async (done: number) => {
      await preparedRows(em, `update rule_simulations set cases_done = $2 where id = $1 and status = 'running'`, [id, done]);
    };
    const result = await simulateRules(em, run.merchant_id, run.current_rules, run.draft_rules, from, to, { onProgress });
    const answer: RuleSimulation = { currentVersion: run.current_version, ...result };
    await preparedRows(em, `update rule_simulations set status = 'done', result = $2::jsonb, cases_done = $3, cases_total = $3, finished_at = $4, error = null
      where id = $1 and status <> 'done'`, [id, JSON.stringify(answer), result.cases, clock.now()]);
    return 'done';
  } catch (error) {
    const message = error instanceof Error ? error.message.slice(0, 500) : 'unknown error';
    const [status, finishedAt] = lastAttempt ? [RuleSimulationStatus.FAILED, clock.now()] : [RuleSimulationStatus.QUEUED, null];
    await preparedRows(em, `update rule_simulations set status = $2, error = $3, finished_at = $4 where id = $1 and status <> 'done'`,
      [id, status, message, finishedAt]);
    throw error;
  }
}

function toJob(row: StoredRun): RuleSimulationJob {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    from: new Date(row.range_from),
    to: new Date(row.range_to),
    status: row.status,
    casesDone: row.cases_done,
    casesTotal: row.cases_total,
    result: row.result,
    error: row.error,
    createdAt: new Date(row.created_at),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
  };
}
