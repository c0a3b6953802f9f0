import { Migration } from '@mikro-orm/migrations';

export class Migration20261122051908_money_fulfilment extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "simulated_behaviour" as enum ('succeed', 'fail', 'decline', 'timeout', 'unavailable', 'duplicate_confirmation');`);
    this.addSql(`create table "payment_webhook_events" ("id" uuid not null, "provider" varchar(20) not null, "event_id" varchar(255) not null, "type" varchar(80) not null, "refund_ids" jsonb not null, "received_at" timestamptz not null, constraint "payment_webhook_events_pkey" primary key ("id"));`);
    this.addSql(`create index "payment_webhook_events_received_at_index" on "payment_webhook_events" ("received_at");`);
    this.addSql(`alter table "payment_webhook_events" add constraint "payment_webhook_events_provider_event_id_unique" unique ("provider", "event_id");`);

    this.addSql(`create table "simulated_provider_controls" ("id" serial primary key, "behaviour" "simulated_behaviour" not null, "payment_reference" varchar(120) null, "remaining" int null, "created_at" timestamptz not null);`);

    this.addSql(`create table "simulated_provider_events" ("id" varchar(60) not null, "refund_id" varchar(40) not null, "type" varchar(40) not null, "body" text not null, "copies" smallint not null default 1, "deliveries" smallint not null default 0, "created_at" timestamptz not null, "delivered_at" timestamptz null, "last_delivery_error" text null, constraint "simulated_provider_events_pkey" primary key ("id"));`);
    this.addSql(`create index "simulated_provider_events_undelivered_idx" on "simulated_provider_events" ("created_at") where "delivered_at" is null;`);

    this.addSql(`create table "simulated_provider_refunds" ("id" varchar(40) not null, "idempotency_key" varchar(255) not null, "request_hash" varchar(64) not null, "payment_reference" varchar(120) not null, "amount_minor" int not null, "currency" varchar(3) not null, "metadata" jsonb not null, "status" varchar(20) not null default 'pending', "planned_outcome" varchar(20) not null default 'succeed', "duplicate_delivery" boolean not null default false, "failure_reason" varchar(120) null, "created_at" timestamptz not null, "settled_at" timestamptz null, constraint "simulated_provider_refunds_pkey" primary key ("id"), constraint simulated_provider_refunds_amount_positive check (amount_minor > 0));`);
    this.addSql(`alter table "simulated_provider_refunds" add constraint "simulated_provider_refunds_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "simulated_provider_refunds_payment_reference_index" on "simulated_provider_refunds" ("payment_reference");`);

    this.addSql(`create table "merchant_policy_changes" ("id" uuid not null, "merchant_id" uuid not null, "actor_id" uuid null, "actor_label" varchar(120) not null, "changes" jsonb not null, "created_at" timestamptz not null, constraint "merchant_policy_changes_pkey" primary key ("id"));`);
    this.addSql(`create index "merchant_policy_changes_merchant_id_created_at_index" on "merchant_policy_changes" ("merchant_id", "created_at");`);

    this.addSql(`alter table "merchant_policy_changes" add constraint "merchant_policy_changes_merchant_id_foreign" foreign key ("merchant_id") references "merchant_profiles" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "merchant_policy_changes" add constraint "merchant_policy_changes_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "orders" add column "cancellation_requested_at" timestamptz null, add column "stock_restored_at" timestamptz null;`);

    this.addSql(`alter table "return_cases" add column "label_carrier" varchar(60) null, add column "label_tracking_number" varchar(80) null, add column "label_issued_at" timestamptz null;`);

    this.addSql(`alter table "refunds" add column "last_attempt_at" timestamptz null, add column "succeeded_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "payment_webhook_events" cascade;`);

    this.addSql(`drop table if exists "simulated_provider_controls" cascade;`);

    this.addSql(`drop table if exists "simulated_provider_events" cascade;`);

    this.addSql(`drop table if exists "simulated_provider_refunds" cascade;`);

    this.addSql(`drop table if exists "merchant_policy_changes" cascade;`);

    this.addSql(`alter table "orders" drop column "cancellation_requested_at", drop column "stock_restored_at";`);

    this.addSql(`alter table "refunds" drop column "last_attempt_at", drop column "succeeded_at";`);

    this.addSql(`alter table "return_cases" drop column "label_carrier", drop column "label_tracking_number", drop column "label_issued_at";`);

    this.addSql(`drop type "simulated_behaviour";`);
  }

}
