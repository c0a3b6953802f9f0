import { Field, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../shared/connection.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WebhookDeliveryState } from './webhook.enums.js';

@ObjectType({ simpleResolvers: true, description: 'How the latest delivery to an endpoint went.' })
export class WebhookDeliveryStatus {
  @Field(() => WebhookDeliveryState)
  status!: WebhookDeliveryState;

  @Field(() => String, { description: 'The event delivered, e.g. case.status_changed.' })
  eventType!: string;

  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status on the last attempt (none if it could not be reached)." })
  httpStatus!: number | null;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Date, { description: 'When the last attempt was made (or the delivery created, before any attempt).' })
  at!: Date;

  @Field(() => String, { nullable: true })
  error!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A new endpoint and its signing secret. The secret is shown only this once.' })
export class CreatedWebhookEndpoint {
  @Field(() => WebhookEndpoint)
  endpoint!: WebhookEndpoint;

  @Field(() => String, { description: 'Verify each delivery: HMAC-SHA256 of "<t>.<body>" with this secret equals v1 in the ReturnHub-Signature header.' })
  secret!: string;
}

@ObjectType({ simpleResolvers: true, description: 'An endpoint with its new signing secret, shown only this once. Until endpoint.previousSecretUntil deliveries carry a signature with the old secret too.' })
export class RotatedWebhookSecret {
  @Field(() => WebhookEndpoint)
  endpoint!: WebhookEndpoint;

  @Field(() => String)
  secret!: string;
}

/** An endpoint's deliveries, newest first. */
@ObjectType({ simpleResolvers: true })
export class WebhookDeliveryConnection extends Connection('WebhookDelivery', WebhookDelivery) {}
