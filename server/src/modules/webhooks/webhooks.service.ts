import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import { badInput, notFound } from '../../errors/domain-error.js';
import { batchLoader } from '../../shared/batch-loader.js';
import type { Clock } from '../../shared/clock.js';
import { isUuid } from '../../shared/ids.js';
import { newSecret } from '../../shared/secrets.js';
import type { Viewer } from '../auth/viewer.js';
import { managedMerchantScope, managesMerchant, merchantToActFor } from '../access/access.js';
import { MerchantProfile } from '../users/merchant-profile.entity.js';
import { User } from '../users/user.entity.js';
import { randomUUID } from 'node:crypto';
import { type ConnectionShape, decodeCursor, encodeCursor, pageSize } from '../../shared/connection.js';
import { queueJobs } from '../../shared/job-queue.js';
import { WebhookDelivery, WebhookDeliveryAttempt } from './webhook-delivery.entity.js';
import { deliveryJob } from './webhook-dispatcher.service.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { validateWebhookUrl } from './webhook-url.js';
import { WebhookDeliveryState, type WebhookEventType } from './webhook.enums.js';
import type { WebhookDeliveryStatus } from './webhooks.types.js';

export const MAX_ENDPOINTS_PER_MERCHANT = 10;
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
/** After a rotation, deliveries carry a signature with the previous secret too, for this long. */
export const SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;
/** The event type of a test delivery (sendTestWebhook). */
export const PING_EVENT = 'ping';

/**
 * A merchant's webhook endpoints (merchant users and their partner tokens; admins for any merchant).
 * Scoped like cases: another merchant's endpoint does not exist for the caller.
 */
export class WebhookEndpoints {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer | null,
    private readonly config: Config,
    private readonly clock: Clock,
  ) {}

  async create(rawUrl: string, events: WebhookEventType[], merchantId: string | null | undefined): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const viewer = this.viewer!;
    const url = validateWebhookUrl(rawUrl, this.config.isProduction);
    const unique = [...new Set(events)];
    if (unique.length === 0) throw badInput('Choose at least one event to receive.', { field: 'events' });
    const targetId = merchantToActFor(viewer, merchantId);
    if (!targetId) throw badInput('Choose the merchant this endpoint belongs to.', { field: 'merchantId' });
    const merchant = isUuid(targetId) ? await this.em.findOne(MerchantProfile, { id: targetId }) : null;
    if (!merchant || !managesMerchant(viewer, merchant.id)) throw notFound('Merchant', targetId);
    const existing = await this.em.count(WebhookEndpoint, { merchant, deletedAt: null });
    if (existing >= MAX_ENDPOINTS_PER_MERCHANT) throw badInput(`A merchant can have at most ${MAX_ENDPOINTS_PER_MERCHANT} webhook endpoints. Delete one first.`);
    const secret = newSecret(WEBHOOK_SECRET_PREFIX);
    const endpoint = this.em.create(WebhookEndpoint, {
      merchant,
      url: url.toString(),
      events: unique,
      secret,
      createdBy: this.em.getReference(User, viewer.userId),
      createdAt: this.clock.now(),
    });
    await this.em.flush();
    return { endpoint, secret };
  }

  list(): Promise<WebhookEndpoint[]> {
    const viewer = this.viewer!;
    return this.em.find(WebhookEndpoint, { ...managedMerchantScope(viewer), deletedAt: null }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  }

  /** Deletes the endpoint (kept for its history) and cancels what is still waiting to be delivered to it. */
  async remove(id: string): Promise<WebhookEndpoint> {
    const viewer = this.viewer!;
    return this.em.transactional(async (tx) => {
      const endpoint = isUuid(id) ? await tx.findOne(WebhookEndpoint, { id, deletedAt: null }) : null;
      if (!endpoint || !managesMerchant(viewer, endpoint.merchant.id)) throw notFound('Webhook endpoint', id);
      endpoint.deletedAt = this.clock.now();
      await tx.nativeUpdate(WebhookDelivery, { endpoint, status: WebhookDeliveryState.PENDING }, { status: WebhookDeliveryState.CANCELLED });
      return endpoint;
    });
  }

  /** Re-enables an endpoint disabled after a day of failures (its clock starts afresh); an enabled one is unchanged. */
  async enable(id: string): Promise<WebhookEndpoint> {
    const viewer = this.viewer!;
    const endpoint = isUuid(id) ? await this.em.findOne(WebhookEndpoint, { id, deletedAt: null }) : null;
    if (!endpoint || !managesMerchant(viewer, endpoint.merchant.id)) throw notFound('Webhook endpoint', id);
    endpoint.disabledAt = null;
    endpoint.disabledReason = null;
    endpoint.failingSince = null;
    await this.em.flush();
    return endpoint;
  }

  /** The caller's (an admin: any) endpoint that is not deleted; another merchant's does not exist for the caller. */
  private async owned(id: string, em: EntityManager = this.em): Promise<WebhookEndpoint> {
    const viewer = this.viewer!;
    const endpoint = isUuid(id) ? await em.findOne(WebhookEndpoint, { id, deletedAt: null }) : null;
    if (!endpoint || !managesMerchant(viewer, endpoint.merchant.id)) throw notFound('Webhook endpoint', id);
    return endpoint;
  }

  /** Changes the URL and/or the events of an endpoint in place (same rules as at creation); its secret and log stay. */
  async update(id: string, rawUrl: string | null | undefined, events: WebhookEventType[] | null | undefined): Promise<WebhookEndpoint> {
    const url = rawUrl === null || rawUrl === undefined ? null : validateWebhookUrl(rawUrl, this.config.isProduction);
    const unique = events ? [...new Set(events)] : null;
    if (unique && unique.length === 0) throw badInput('Choose at least one event to receive.', { field: 'events' });
    if (!url && !unique) throw badInput('Give a new url, new events, or both.', { field: 'url' });
    const endpoint = await this.owned(id);
    if (url) endpoint.url = url.toString();
    if (unique) endpoint.events = unique;
    await this.em.flush();
    return endpoint;
  }

  /**
   * A new signing secret, returned this once. The previous one keeps signing too (a second v1 in the header) for
   * SECRET_OVERLAP_MS, so the receiver can switch when it likes; rotating again drops the older previous secret.
   */
  async rotateSecret(id: string): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const endpoint = await this.owned(id);
    await this.em.populate(endpoint, ['secret']);
    const secret = newSecret(WEBHOOK_SECRET_PREFIX);
    endpoint.previousSecret = endpoint.secret;
    endpoint.previousSecretUntil = new Date(this.clock.now().getTime() + SECRET_OVERLAP_MS);
    endpoint.secret = secret;
    await this.em.flush();
    return { endpoint, secret };
  }

  /** Sends a small `ping` event to the endpoint, delivered (with retries) and logged like any other. */
  async sendTest(endpointId: string): Promise<WebhookDelivery> {
    return this.em.transactional(async (tx) => {
      const endpoint = await this.owned(endpointId, tx);
      if (endpoint.disabledAt) throw badInput('The endpoint is disabled; enable it first.', { field: 'endpointId' });
      const now = this.clock.now();
      const eventId = randomUUID();
      const body = JSON.stringify({ id: eventId, type: PING_EVENT, createdAt: now.toISOString(), data: { endpointId: endpoint.id, message: 'A test event from ReturnHub.' } });
      const delivery = tx.create(WebhookDelivery, { endpoint, eventId, eventType: PING_EVENT, caseId: null, body, createdAt: now });
      await tx.flush();
      queueJobs(tx, [deliveryJob(delivery.id, endpoint.id)]);
      return delivery;
    });
  }

  /**
   * Sends one delivery again now: one more attempt with the same body and delivery id (a fresh signature), queued
   * on the endpoint's queue. A delivery still retrying gets the extra attempt too; the first success ends it.
   */
  async resend(deliveryId: string): Promise<WebhookDelivery> {
    return this.em.transactional(async (tx) => {
      const delivery = isUuid(deliveryId) ? await tx.findOne(WebhookDelivery, { id: deliveryId }) : null;
      const endpoint = delivery ? await tx.findOne(WebhookEndpoint, { id: delivery.endpoint.id, deletedAt: null }) : null;
      const viewer = this.viewer!;
      if (!delivery || !endpoint || !managesMerchant(viewer, endpoint.merchant.id)) throw notFound('Webhook delivery', deliveryId);
      if (endpoint.disabledAt) throw badInput('The endpoint is disabled; enable it first.', { field: 'id' });
      delivery.status = WebhookDeliveryState.PENDING;
      delivery.deliveredAt = null;
      await tx.flush();
      queueJobs(tx, [deliveryJob(delivery.id, endpoint.id, `webhook-resend:${delivery.id}:${delivery.attempts}`, 1)]);
      return delivery;
    });
  }

  /** The endpoint's deliveries, newest first, as a cursor connection keyed by (createdAt, id). */
  async deliveries(endpoint: WebhookEndpoint, first: number | null | undefined, after: string | null | undefined): Promise<ConnectionShape<WebhookDelivery>> {
    const limit = pageSize(first);
    const where = { endpoint: endpoint.id };
    let page = {};
    if (after) {
      const [at, id] = decodeCursor(after, 2).map(String) as [string, string];
      const instant = new Date(at);
      if (Number.isNaN(instant.getTime()) || !isUuid(id)) throw badInput('The cursor is not valid. Use a cursor from a previous page.', { field: 'after' });
      page = { $or: [{ createdAt: { $lt: instant } }, { createdAt: instant, id: { $lt: id } }] };
    }
    const [rows, totalCount] = await Promise.all([
      this.em.find(WebhookDelivery, { ...where, ...page }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: limit + 1 }),
      this.em.count(WebhookDelivery, where),
    ]);
    const edges = rows.slice(0, limit).map((node) => ({ node, cursor: encodeCursor([node.createdAt.toISOString(), node.id]) }));
    return { edges, totalCount, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /** The attempts of each delivery asked for in this tick (oldest first), in one query. */
  readonly attemptsOf = batchLoader<string, WebhookDeliveryAttempt[]>(async (deliveryIds) => {
    const rows = await this.em.find(WebhookDeliveryAttempt, { delivery: { $in: deliveryIds } }, { orderBy: { at: 'asc', number: 'asc' } });
    const byDelivery = new Map<string, WebhookDeliveryAttempt[]>(deliveryIds.map((id) => [id, []]));
    for (const row of rows) byDelivery.get(row.delivery.id)?.push(row);
    return byDelivery;
  });

  /** The latest delivery of each endpoint asked for in this tick, in one query. */
  readonly lastDelivery = batchLoader<string, WebhookDeliveryStatus>(async (endpointIds) => {
    const rows = await this.em.execute<any[]>(
      `select distinct on (endpoint_id) endpoint_id, status, event_type, http_status, attempts, coalesce(last_attempt_at, created_at) as at, last_error
         from webhook_deliveries where endpoint_id in (?) order by endpoint_id, created_at desc, id desc`,
      [endpointIds],
    );
    return new Map(rows.map((r) => [r.endpoint_id, { status: r.status, eventType: r.event_type, httpStatus: r.http_status, attempts: r.attempts, at: new Date(r.at), error: r.last_error }]));
  });
}
