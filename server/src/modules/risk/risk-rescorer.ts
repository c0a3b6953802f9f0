import type { EntityManager } from '@mikro-orm/postgresql';

/** One best-effort rescore request: a case changed (the outbox topic `case.rescore`). */
export interface RescoreRequest {
  caseId: string;
  /** The change that asked for it (an audit event type, e.g. `status_changed`). */
  reason: string;
  /** A fresh EntityManager of the worker for this job; flush your own changes. */
  em: EntityManager;
  now: Date;
}

/**
 * The seam between the job worker and the escalation-risk model (SPEC §8). An implementation scores the case,
 * persists a RiskScore, updates the case's riskLabel/riskScore and records a `risk_scored` audit event with
 * `recordCaseChange` (which does not ask for another rescore). Injected into the worker (`WorkerDeps.rescorer`).
 * A failure is retried a few times and then left visible in `failedJobs`; it never blocks other jobs.
 */
export interface RiskRescorer {
  rescore(request: RescoreRequest): Promise<void>;
}
