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
import type { LiveUpdates } from '../modules/live/live-updates.service.js';
import { WebhookEndpoints } from '../modules/webhooks/webhooks.service.js';
import { DevMailbox } from '../modules/notifications/dev-mailbox.service.js';
import { JobQueueReader } from '../modules/job-queue/job-queue.service.js';

/** What the whole process shares: built once at start-up. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  clock: Clock;
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
    webhooks: new WebhookEndpoints(em, viewer, deps.config, deps.clock),
    devMailbox: new DevMailbox(em),
    jobQueue: new JobQueueReader(em),
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
  /** Set for GraphQL subscriptions (WebSocket): their event sources. */
  live?: LiveUpdates;
}
