import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import { type QueuedJob, TaskName, queueJobs } from '../../shared/job-queue.js';
import type { Logger } from '../../logger.js';
import type { Clock } from '../../shared/clock.js';
import { CaseEvent } from '../returns/case-event.entity.js';
import { actorNameFor, actorOfEvent, projectPayload } from '../returns/case-event-visibility.js';
import { ReturnCase } from '../returns/return-case.entity.js';
import { WebhookAttemptErrorKind, WebhookDelivery, WebhookDeliveryAttempt } from './webhook-delivery.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import type { WebhookHttpClient } from './webhook-http.js';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature.js';
import { validateWebhookUrl } from './webhook-url.js';
import { WebhookDeliveryState, webhookEventFor } from './webhook.enums.js';
import type { MailPort } from '../notifications/mail.port.js';
import { WebhookEndpointHealth } from './webhook-endpoint-health.js';

/**
 * Attempts per delivery. graphile-worker waits exp(min(n, 10)) seconds after failed attempt n, so the 12 attempts
 * span about 15.8 hours: 3 s, 7 s, 20 s, 55 s, 2.5 min, 6.7 min, 18 min, 50 min, 2.3 h, 6.1 h, 6.1 h (the README
 * lists the schedule). An endpoint failing for 24 h is disabled (webhook-endpoint-health.ts).
 */
export const WEBHOOK_MAX_ATTEMPTS = 12;
export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * Deliveries to one endpoint run one at a time (a graphile-worker named queue per endpoint), across all workers:
 * a slow or failing receiver holds at most one job slot, and the other endpoints' deliveries proceed.
 */
export const webhookQueueName = (endpointId: string): string => `webhook-endpoint:${endpointId}`;

/** The queue job of one attempt series of a delivery, on the endpoint's named queue (one at a time per endpoint). */
export const deliveryJob = (deliveryId: string, endpointId: string, jobKey = `webhook-delivery:${deliveryId}`, maxAttempts = WEBHOOK_MAX_ATTEMPTS): QueuedJob => ({
  task: TaskName.DELIVER_WEBHOOK,
  payload: { deliveryId },
  jobKey,
  maxAttempts,
  queueName: webhookQueueName(endpointId),
});

/** Why an attempt failed, from what the HTTP client returned. */
function errorKindOf(outcome: { status: number } | { error: string }): WebhookAttemptErrorKind | null {
  if ('status' in outcome) return outcome.status >= 200 && outcome.status < 300 ? null : WebhookAttemptErrorKind.HTTP_STATUS;
  if (/deadline|timed? ?out|ETIMEDOUT/i.test(outcome.error)) return WebhookAttemptErrorKind.TIMEOUT;
  if (/private address|public internet|must use https|credentials|not a valid URL/i.test(outcome.error)) return WebhookAttemptErrorKind.REFUSED_ADDRESS;
  return WebhookAttemptErrorKind.CONNECTION;
}

export interface DeliveryAttempt {
  /** 1 for the first try. */
  attempt: number;
  maxAttempts: number;
}

export class WebhookDeliveryFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookDeliveryFailed';
  }
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Partner webhooks, worker side: fans a case event out to the merchant's subscribed endpoints (one delivery
 * row and one job each, in one transaction), then delivers each: signed, timed out, and retried by the queue.
 */
export class WebhookDispatcher {
  constructor(
    private readonly em: EntityManager,
    private readonly config: Config,
    private readonly clock: Clock,
    private readonly http: WebhookHttpClient,
    private readonly logger: Logger,
    private readonly mail: MailPort | null = null,
  ) {}

  /** Creates the deliveries of one case event. Running it again for the same event adds nothing. */
  async fanOut(notice: { caseId: string; eventId: string; type: string }): Promise<number> {
    const eventType = webhookEventFor(notice.type);
    if (!eventType) return 0;
    return this.em.transactional(async (tx) => {
      const [rc, event] = await Promise.all([
        tx.findOne(ReturnCase, { id: notice.caseId }, { populate: ['order', 'merchant'] }),
        tx.findOne(CaseEvent, { id: notice.eventId }, { populate: ['actor'] }),
      ]);
      if (!rc || !event) return 0;
      // What the merchant may see of the event (the one rule: case-event-visibility.ts); nothing else is sent.
      const change = projectPayload(event.type, event.payload, 'merchant');
      if (!change) return 0;
      const endpoints = (await tx.find(WebhookEndpoint, { merchant: rc.merchant, deletedAt: null, disabledAt: null })).filter((e) => e.events.includes(eventType));
      if (endpoints.length === 0) return 0;
      const done = new Set((await tx.find(WebhookDelivery, { eventId: event.id, endpoint: { $in: endpoints } })).map((d) => d.endpoint.id));
      const body = JSON.stringify({
        id: event.id,
        type: eventType,
        // case_events.seq: assigned by the database as events are written, increasing across all cases, so it
        // orders one case's events too (numbers of one case are increasing, not consecutive).
        sequence: Number(event.seq),
        createdAt: event.createdAt.toISOString(),
        data: {
          case: {
            id: rc.id,
            number: rc.number,
            status: rc.status,
            priority: rc.priority,
            type: rc.type,
            reason: rc.reason,
            orderNumber: rc.order.number,
            refundAmountMinor: rc.refundAmountMinor,
            currency: rc.currency,
            merchantResponseDueAt: rc.merchantResponseDueAt?.toISOString() ?? null,
          },
          change: {
            actor: actorNameFor(actorOfEvent(event, rc.merchant.name), 'merchant', null),
            fromStatus: event.fromStatus,
            toStatus: event.toStatus,
            ...(text(change.note) ? { note: change.note } : {}),
            ...(text(change.noteId) ? { messageId: change.noteId } : {}),
            ...(event.type === 'sla_reminder_sent' ? { respondBy: change.merchantResponseDueAt } : {}),
          },
        },
      });
      const jobs: QueuedJob[] = [];
      for (const endpoint of endpoints) {
        if (done.has(endpoint.id)) continue;
        const delivery = tx.create(WebhookDelivery, { endpoint, eventId: event.id, eventType, caseId: rc.id, body, createdAt: this.clock.now() });
        jobs.push(deliveryJob(delivery.id, endpoint.id));
      }
      await tx.flush();
      queueJobs(tx, jobs);
      return jobs.length;
    });
  }

  /**
   * One attempt at one delivery. A 2xx is success. A failure is recorded and thrown, so the queue retries it
   * later with back-off; after the last attempt the delivery is FAILED and the job stays in the queue as failed.
   */
  async deliver(deliveryId: string, { attempt, maxAttempts }: DeliveryAttempt): Promise<WebhookDeliveryState> {
    const delivery = await this.em.findOne(WebhookDelivery, { id: deliveryId }, { populate: ['endpoint', 'endpoint.secret', 'endpoint.previousSecret'] });
    if (!delivery || delivery.status !== WebhookDeliveryState.PENDING) return delivery?.status ?? WebhookDeliveryState.CANCELLED;
    const endpoint = delivery.endpoint;
    // Deleted, or disabled after a day of failures: what still waits for it is not sent.
    if (endpoint.deletedAt || endpoint.disabledAt) {
      delivery.status = WebhookDeliveryState.CANCELLED;
      await this.em.flush();
      return delivery.status;
    }
    const now = this.clock.now();
    const started = performance.now();
    const secrets = endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > now ? [endpoint.secret, endpoint.previousSecret] : [endpoint.secret];
    let outcome: { status: number } | { error: string };
    try {
      const url = validateWebhookUrl(endpoint.url, this.config.isProduction);
      const timestamp = Math.floor(now.getTime() / 1000);
      outcome = await this.http({
        url,
        body: delivery.body,
        timeoutMs: WEBHOOK_TIMEOUT_MS,
        deadlineMs: this.config.webhookAttemptDeadlineMs,
        allowPrivateNetwork: !this.config.isProduction,
        headers: {
          'content-type': 'application/json',
          'user-agent': `ReturnHub-Webhooks/${this.config.releaseVersion}`,
          [SIGNATURE_HEADER]: signWebhook(secrets, delivery.body, timestamp),
          'ReturnHub-Event': delivery.eventType,
          'ReturnHub-Delivery': delivery.id,
        },
      });
    } catch (error) {
      outcome = { error: error instanceof Error ? error.message : String(error) };
    }
    const durationMs = Math.round(performance.now() - started);
    delivery.attempts += 1;
    delivery.lastAttemptAt = now;
    const succeeded = 'status' in outcome && outcome.status >= 200 && outcome.status < 300;
    delivery.httpStatus = 'status' in outcome ? outcome.status : null;
    delivery.lastError = succeeded ? null : 'status' in outcome ? `The receiver answered HTTP ${outcome.status}.` : outcome.error.slice(0, 500);
    this.em.create(WebhookDeliveryAttempt, {
      delivery,
      number: delivery.attempts,
      at: now,
      outcome: succeeded ? WebhookDeliveryState.SUCCEEDED : WebhookDeliveryState.FAILED,
      httpStatus: delivery.httpStatus,
      durationMs,
      errorKind: errorKindOf(outcome),
      error: delivery.lastError,
    });
    if (succeeded) {
      delivery.status = WebhookDeliveryState.SUCCEEDED;
      delivery.deliveredAt = now;
    } else if (attempt >= maxAttempts) {
      delivery.status = WebhookDeliveryState.FAILED;
    }
    await this.em.flush();
    const health = new WebhookEndpointHealth(this.em, this.mail, this.config, this.logger);
    if (succeeded) {
      await health.succeeded(endpoint.id);
      return delivery.status;
    }
    if (await health.failed(endpoint.id, now, delivery.lastError!)) {
      // The endpoint is now disabled: this delivery and every one still waiting for it end here, without retries.
      await this.em.nativeUpdate(WebhookDelivery, { endpoint, status: WebhookDeliveryState.PENDING }, { status: WebhookDeliveryState.CANCELLED });
      await this.em.nativeUpdate(WebhookDelivery, { id: delivery.id }, { status: WebhookDeliveryState.FAILED });
      return WebhookDeliveryState.FAILED;
    }
    // Thrown also after the last attempt: the queue then keeps the job as failed, visible in `failedJobs`.
    this.logger.info({ deliveryId, attempt, maxAttempts, error: delivery.lastError }, attempt >= maxAttempts ? 'webhook delivery failed for good' : 'webhook delivery failed; retrying later');
    throw new WebhookDeliveryFailed(`Delivery ${delivery.id} to ${endpoint.url} failed (attempt ${attempt} of ${maxAttempts}): ${delivery.lastError}`);
  }
}
