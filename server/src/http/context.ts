import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request, Response } from 'express';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { AnalyticsService } from '../modules/analytics/analytics.service.js';
import { QueueService } from '../modules/queue/queue.service.js';
import { AuthService } from '../modules/auth/auth.service.js';
import { DocumentService } from '../modules/documents/document.service.js';
import type { FileStorage } from '../modules/documents/storage/file-storage.js';
import type { RescoreHook } from '../modules/risk/rescore-hook.js';
import type { Viewer } from '../modules/auth/viewer.js';
import { CaseDetails } from '../modules/returns/case-details.service.js';
import { CaseWorkflow } from '../modules/returns/case-workflow.service.js';
import { OpenCaseService } from '../modules/returns/open-case.service.js';
import { ReturnCaseReader } from '../modules/returns/return-case.service.js';
import type { Clock } from '../shared/clock.js';

/** What the whole process shares: built once at start-up. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  clock: Clock;
  /** Where uploaded files (and return labels) are kept: local disk or S3 (modules/documents/storage). */
  storage: FileStorage;
  /** Best-effort rescore after uploads; the risk wiring provides it (absent: the outbox row alone asks). */
  rescoreHook?: RescoreHook;
}

/** The services of one request, all bound to its EntityManager fork and viewer. */
export function createServices(em: EntityManager, viewer: Viewer | null, deps: AppDeps) {
  return {
    auth: new AuthService(em, deps.config, deps.clock),
    cases: new ReturnCaseReader(em, viewer),
    caseDetails: new CaseDetails(em, viewer, deps.clock),
    openCase: new OpenCaseService(em, viewer, deps.clock),
    workflow: new CaseWorkflow(em, viewer, deps.clock),
    queue: new QueueService(em, deps.clock),
    analytics: new AnalyticsService(em, deps.clock),
    documents: new DocumentService(em, viewer, deps),
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
