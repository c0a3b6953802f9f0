import { Migration } from '@mikro-orm/migrations';

/**
 * Webhooks an integrator can operate (issue 19 §11): one row per delivery attempt (the delivery log), the previous
 * signing secret kept for an overlap after a rotation, and deliveries without a case (test pings).
 */
export class Migration20261207054700_webhook_operations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "webhook_delivery_attempts" (
      "id" uuid not null, "delivery_id" uuid not null, "number" int not null, "at" timestamptz not null,
      "outcome" varchar(20) not null, "http_status" int null, "duration_ms" int not null, "error_kind" varchar(30) null, "error" text null,
      constraint "webhook_delivery_attempts_pkey" primary key ("id"));`);
    this.addSql(`alter table "webhook_delivery_attempts" add constraint "webhook_delivery_attempts_delivery_id_foreign" foreign key ("delivery_id") references "webhook_deliveries" ("id") on update cascade on delete cascade;`);
    this.addSql(`create index "webhook_delivery_attempts_delivery_id_at_index" on "webhook_delivery_attempts" ("delivery_id", "at");`);
    this.addSql(`alter table "webhook_endpoints" add column "previous_secret" varchar(100) null, add column "previous_secret_until" timestamptz null;`);
    this.addSql(`alter table "webhook_deliveries" alter column "case_id" drop not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "webhook_deliveries" where "case_id" is null;`);
    this.addSql(`alter table "webhook_deliveries" alter column "case_id" set not null;`);
    this.addSql(`alter table "webhook_endpoints" drop column "previous_secret", drop column "previous_secret_until";`);
    this.addSql(`drop table if exists "webhook_delivery_attempts" cascade;`);
  }
}
