import { Reference } from '@mikro-orm/core';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../http/context.js';
import { MerchantProfile } from '../users/merchant-profile.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WebhookEventType } from './webhook.enums.js';
import { CreatedWebhookEndpoint, WebhookDeliveryStatus } from './webhooks.types.js';

@Resolver(() => WebhookEndpoint)
export class WebhooksResolver {
  @Query(() => [WebhookEndpoint], { description: "The merchant's webhook endpoints (an admin sees every merchant's)." })
  webhookEndpoints(@Ctx() ctx: RequestContext): Promise<WebhookEndpoint[]> {
    return ctx.services.webhooks.list();
  }

  @Mutation(() => CreatedWebhookEndpoint, { description: 'Registers an HTTPS endpoint for case events; the signing secret is returned once.' })
  createWebhookEndpoint(
    @Arg('url', () => String) url: string,
    @Arg('events', () => [WebhookEventType]) events: WebhookEventType[],
    @Ctx() ctx: RequestContext,
    @Arg('merchantId', () => ID, { nullable: true, description: 'Admins only: the merchant it is for.' }) merchantId?: string,
  ): Promise<CreatedWebhookEndpoint> {
    return ctx.services.webhooks.create(url, events, merchantId);
  }

  @Mutation(() => WebhookEndpoint, { description: 'Deletes an endpoint; deliveries still waiting for it are cancelled.' })
  deleteWebhookEndpoint(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<WebhookEndpoint> {
    return ctx.services.webhooks.remove(id);
  }

  @Mutation(() => WebhookEndpoint, { description: 'Re-enables an endpoint that was disabled after a day of failed deliveries; new events are delivered again.' })
  enableWebhookEndpoint(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<WebhookEndpoint> {
    return ctx.services.webhooks.enable(id);
  }

  @FieldResolver(() => MerchantProfile, { description: 'The merchant whose case events it receives.' })
  merchant(@Root() endpoint: WebhookEndpoint): Promise<MerchantProfile> {
    return Reference.create(endpoint.merchant).load() as Promise<MerchantProfile>;
  }

  @FieldResolver(() => WebhookDeliveryStatus, { nullable: true, description: 'How the latest delivery went (null before the first).' })
  async lastDelivery(@Root() endpoint: WebhookEndpoint, @Ctx() ctx: RequestContext): Promise<WebhookDeliveryStatus | null> {
    return (await ctx.services.webhooks.lastDelivery(endpoint.id)) ?? null;
  }
}
