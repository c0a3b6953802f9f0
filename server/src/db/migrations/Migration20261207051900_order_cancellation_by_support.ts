import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 19 §14: an admin can cancel a processing order with a reason. The reason is kept on the order (the
 * customer sees it), and each such cancellation is recorded in an append-only `order_events` table.
 */
export class Migration20261207051900_order_cancellation_by_support extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "orders" add column "cancellation_reason" text null;`);
    this.addSql(`create table "order_events" ("id" uuid not null, "order_id" uuid not null, "actor_id" uuid null, "actor_label" varchar(120) not null,
      "type" varchar(60) not null, "reason" text null, "created_at" timestamptz not null, constraint "order_events_pkey" primary key ("id"));`);
    this.addSql(`create index "order_events_order_id_created_at_index" on "order_events" ("order_id", "created_at");`);
    this.addSql(`alter table "order_events" add constraint "order_events_order_id_foreign" foreign key ("order_id") references "orders" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "order_events" add constraint "order_events_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`create function "order_events_append_only"() returns trigger language plpgsql as $$
      begin raise exception 'order_events is append-only: % refused', tg_op using errcode = 'P0001'; end $$;`);
    this.addSql(`create trigger "order_events_no_update" before update on "order_events" for each row execute function "order_events_append_only"();`);
    this.addSql(`create trigger "order_events_no_truncate" before truncate on "order_events" for each statement execute function "order_events_append_only"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "order_events" cascade;`);
    this.addSql(`drop function if exists "order_events_append_only"();`);
    this.addSql(`alter table "orders" drop column if exists "cancellation_reason";`);
  }
}
