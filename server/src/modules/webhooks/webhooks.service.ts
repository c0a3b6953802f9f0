import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import { badInput, notFound } from '../../errors/domain-error.js';
import { batchLoader } from '../../shared/batch-loader.js';
import type { Clock } from '../../shared/clock.js';
import { isUuid } from '../../shared/ids.js';
import { newSecret } from '../../shared/secrets.js';
import type { Viewer } from '../auth/viewer.js';
import { MerchantProfile } from '../users/merchant-profile.entity.js';
import { User } from '../users/user.entity.js';
import { Role } from '../users/user.enums.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { validateWebhookUrl } from './webhook-url.js';
import { WebhookDeliveryState, type WebhookEventType } from './webhook.enums.js';
import type { WebhookDeliveryStatus } from './webhooks.types.js';

export const MAX_ENDPOINTS_PER_MERCHANT = 10;
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

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
    const targetId = viewer.role === Role.ADMIN ? merchantId : viewer.merchantId;
    if (!targetId) throw badInput('Choose the merchant this endpoint belongs to.', { field: 'merchantId' });
    const merchant = isUuid(targetId) ? await this.em.findOne(MerchantProfile, { id: targetId }) : null;
    if (!merchant || (viewer.role !== Role.ADMIN && merchant.id !== viewer.merchantId)) throw notFound('Merchant', targetId);
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
    const scope = viewer.role === Role.ADMIN ? {} : { merchant: viewer.merchantId ?? '00000000-0000-0000-0000-000000000000' };
    return this.em.find(WebhookEndpoint, { ...scope, deletedAt: null }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  }

  /** Deletes the endpoint (kept for its history) and cancels what is still waiting to be delivered to it. */
  async remove(id: string): Promise<WebhookEndpoint> {
    const viewer = this.viewer!;
    return this.em.transactional(async (tx) => {
      const endpoint = isUuid(id) ? await tx.findOne(WebhookEndpoint, { id, deletedAt: null }) : null;
      if (!endpoint || (viewer.role !== Role.ADMIN && endpoint.merchant.id !== viewer.merchantId)) throw notFound('Webhook endpoint', id);
      endpoint.deletedAt = this.clock.now();
      await tx.nativeUpdate(WebhookDelivery, { endpoint, status: WebhookDeliveryState.PENDING }, { status: WebhookDeliveryState.CANCELLED });
      return endpoint;
    });
  }

  /** Re-enables an endpoint disabled after a day of failures (its clock starts afresh); an enabled one is unchanged. */
  async enable(id: string): Promise<WebhookEndpoint> {
    const viewer = this.viewer!;
    const endpoint = isUuid(id) ? await this.em.findOne(WebhookEndpoint, { id, deletedAt: null }) : null;
    if (!endpoint || (viewer.role !== Role.ADMIN && endpoint.merchant.id !== viewer.merchantId)) throw notFound('Webhook endpoint', id);
    endpoint.disabledAt = null;
    endpoint.disabledReason = null;
    endpoint.failingSince = null;
    await this.em.flush();
    return endpoint;
  }

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
