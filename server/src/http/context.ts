import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request, Response } from 'express';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { AnalyticsService } from '../modules/analytics/analytics.service.js';
import { QueueService } from '../modules/queue/queue.service.js';
import { AuthService } from '../modules/auth/auth.service.js';
import type { Viewer } from '../modules/auth/viewer.js';
import { CaseDetails } from '../modules/returns/case-details.service.js';
import { CaseWorkflow } from '../modules/returns/case-workflow.service.js';
import { OpenCaseService } from '../modules/returns/open-case.service.js';
import { ReturnCaseReader } from '../modules/returns/return-case.service.js';
import type { Clock } from '../shared/clock.js';
import type { RiskModel } from '../modules/risk/risk-model.js';
import { RiskService } from '../modules/risk/risk.service.js';

/** What the whole process shares: built once at start-up. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  clock: Clock;
  /** The active escalation-risk model, loaded once. */
  riskModel: RiskModel;
}

/** The services of one request, all bound to its EntityManager fork and viewer. */
export function createServices(em: EntityManager, viewer: Viewer | null, deps: AppDeps) {
  const risk = new RiskService(em, deps.riskModel, deps.clock, deps.logger);
  const workflow = new CaseWorkflow(em, viewer, deps.clock);
  return {
    risk,
    auth: new AuthService(em, deps.config, deps.clock),
    cases: new ReturnCaseReader(em, viewer),
    caseDetails: new CaseDetails(em, viewer, deps.clock),
    openCase: new OpenCaseService(em, viewer, deps.clock, risk, workflow),
    workflow,
    queue: new QueueService(em, deps.clock, risk),
    analytics: new AnalyticsService(em, deps.clock),
  };
}
export type Services = ReturnType<typeof createServices>;

/** The GraphQL context: one EntityManager fork and one viewer per request. */
export interface RequestContext {
  requestId: string;
  em: EntityManager;
  viewer: Viewer | null;
  services: Services;
  deps: AppDeps;
  logger: Logger;
  /** The session cookie's secret, when the request carried one (for rotation and sign-out). */
  sessionSecret?: string;
  /** Absent for calls that do not come over HTTP (tests executing the schema directly). */
  req?: Request;
  res?: Response;
}
