import { Migration } from '@mikro-orm/migrations';

export class Migration20261122051819_background_work extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "webhook_delivery_state" as enum ('pending', 'succeeded', 'failed', 'cancelled');`);
    this.addSql(`create table "dev_mailbox_messages" ("id" uuid not null, "dedup_key" varchar(200) not null, "to" varchar(254) not null, "from" varchar(300) not null, "subject" varchar(300) not null, "text" text not null, "html" text not null, "case_id" uuid null, "created_at" timestamptz not null, constraint "dev_mailbox_messages_pkey" primary key ("id"));`);
    this.addSql(`alter table "dev_mailbox_messages" add constraint "dev_mailbox_messages_dedup_key_unique" unique ("dedup_key");`);
    this.addSql(`create index "dev_mailbox_messages_case_id_index" on "dev_mailbox_messages" ("case_id");`);
    this.addSql(`create index "dev_mailbox_messages_created_at_id_index" on "dev_mailbox_messages" ("created_at", "id");`);

    this.addSql(`create table "mail_deliveries" ("dedup_key" varchar(200) not null, "case_id" uuid null, "recipient" varchar(254) not null, "subject" varchar(300) not null, "driver" varchar(10) not null, "sent_at" timestamptz not null, constraint "mail_deliveries_pkey" primary key ("dedup_key"));`);

    this.addSql(`create table "webhook_endpoints" ("id" uuid not null, "merchant_id" uuid not null, "url" text not null, "events" text[] not null, "secret" varchar(100) not null, "created_by_id" uuid null, "created_at" timestamptz not null, "deleted_at" timestamptz null, constraint "webhook_endpoints_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_endpoints_merchant_id_created_at_index" on "webhook_endpoints" ("merchant_id", "created_at");`);

    this.addSql(`create table "webhook_deliveries" ("id" uuid not null, "endpoint_id" uuid not null, "event_id" uuid not null, "event_type" varchar(60) not null, "case_id" uuid not null, "body" text not null, "status" "webhook_delivery_state" not null default 'pending', "attempts" int not null default 0, "http_status" int null, "last_error" text null, "last_attempt_at" timestamptz null, "delivered_at" timestamptz null, "created_at" timestamptz not null, constraint "webhook_deliveries_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_deliveries_endpoint_id_created_at_index" on "webhook_deliveries" ("endpoint_id", "created_at");`);
    this.addSql(`alter table "webhook_deliveries" add constraint "webhook_deliveries_endpoint_id_event_id_unique" unique ("endpoint_id", "event_id");`);

    this.addSql(`alter table "webhook_endpoints" add constraint "webhook_endpoints_merchant_id_foreign" foreign key ("merchant_id") references "merchant_profiles" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "webhook_endpoints" add constraint "webhook_endpoints_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "webhook_deliveries" add constraint "webhook_deliveries_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoints" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "return_cases" add column "sla_reminder_for" timestamptz null, add column "merchant_timeout_for" timestamptz null;`);
    this.addSql(`create index "return_cases_decided_idx" on "return_cases" ("decided_at") where "status" in ('approved', 'rejected');`);
    this.addSql(`create index "return_cases_awaiting_merchant_idx" on "return_cases" ("merchant_response_due_at") where "status" in ('submitted', 'in_review', 'waiting_merchant');`);

    // Every outbox row announces itself at commit: API replicas fan case changes out to subscribers and the
    // worker's relay wakes up. NOTIFY is transactional, so a rolled-back change announces nothing.
    this.addSql(`create or replace function "returnhub_notify_outbox"() returns trigger language plpgsql as $$
begin
  perform pg_notify('returnhub_outbox', json_build_object('id', new.id, 'topic', new.topic, 'caseId', new.case_id, 'type', new.payload->>'type')::text);
  return null;
end;
$$;`);
    this.addSql(`create trigger "outbox_messages_notify" after insert on "outbox_messages" for each row execute function "returnhub_notify_outbox"();`);
    // Changes made before the relay existed are history, not work: do not replay them (no mail to old events).
    this.addSql(`update "outbox_messages" set "dispatched_at" = now() where "dispatched_at" is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "outbox_messages_notify" on "outbox_messages";`);
    this.addSql(`drop function if exists "returnhub_notify_outbox"();`);
    this.addSql(`alter table "webhook_deliveries" drop constraint "webhook_deliveries_endpoint_id_foreign";`);

    this.addSql(`drop table if exists "dev_mailbox_messages" cascade;`);

    this.addSql(`drop table if exists "mail_deliveries" cascade;`);

    this.addSql(`drop table if exists "webhook_endpoints" cascade;`);

    this.addSql(`drop table if exists "webhook_deliveries" cascade;`);

    this.addSql(`drop index "return_cases_decided_idx";`);
    this.addSql(`drop index "return_cases_awaiting_merchant_idx";`);
    this.addSql(`alter table "return_cases" drop column "sla_reminder_for", drop column "merchant_timeout_for";`);

    this.addSql(`drop type "webhook_delivery_state";`);
  }

}
