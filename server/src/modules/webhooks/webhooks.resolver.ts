import { Reference } from '@mikro-orm/core';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../http/context.js';
import { MerchantProfile } from '../users/merchant-profile.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WebhookEventType } from './webhook.enums.js';
import { WebhookDelivery, WebhookDeliveryAttempt } from './webhook-delivery.entity.js';
import { CreatedWebhookEndpoint, RotatedWebhookSecret, WebhookDeliveryConnection, WebhookDeliveryStatus } from './webhooks.types.js';

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

  @Mutation(() => WebhookEndpoint, { description: "Changes an endpoint's URL and/or events in place (the same URL rules as createWebhookEndpoint); its secret and delivery log stay." })
  updateWebhookEndpoint(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('url', () => String, { nullable: true }) url?: string,
    @Arg('events', () => [WebhookEventType], { nullable: true }) events?: WebhookEventType[],
  ): Promise<WebhookEndpoint> {
    return ctx.services.webhooks.update(id, url, events);
  }

  @Mutation(() => RotatedWebhookSecret, { description: 'A new signing secret, returned once; for 24 hours deliveries carry signatures with both the new and the old secret.' })
  rotateWebhookSecret(@Arg('endpointId', () => ID) endpointId: string, @Ctx() ctx: RequestContext): Promise<RotatedWebhookSecret> {
    return ctx.services.webhooks.rotateSecret(endpointId);
  }

  @Mutation(() => WebhookDelivery, { description: 'Sends a small test event (type "ping") to the endpoint, delivered and logged like any other.' })
  sendTestWebhook(@Arg('endpointId', () => ID) endpointId: string, @Ctx() ctx: RequestContext): Promise<WebhookDelivery> {
    return ctx.services.webhooks.sendTest(endpointId);
  }

  @Mutation(() => WebhookDelivery, { description: 'Sends one delivery again: a new attempt with the same body and the same ReturnHub-Delivery id.' })
  resendWebhookDelivery(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<WebhookDelivery> {
    return ctx.services.webhooks.resend(id);
  }

  @FieldResolver(() => WebhookDeliveryConnection, { description: 'The delivery log: deliveries newest first, each with its attempts.' })
  deliveries(
    @Root() endpoint: WebhookEndpoint,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<WebhookDeliveryConnection> {
    return ctx.services.webhooks.deliveries(endpoint, first, after);
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

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @FieldResolver(() => [WebhookDeliveryAttempt], { description: 'Each attempt, oldest first: when, how it ended, the HTTP status, how long it took, why it failed.' })
  async attempts(@Root() delivery: WebhookDelivery, @Ctx() ctx: RequestContext): Promise<WebhookDeliveryAttempt[]> {
    return (await ctx.services.webhooks.attemptsOf(delivery.id)) ?? [];
  }
}
