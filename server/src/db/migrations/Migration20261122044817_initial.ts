import { Migration } from '@mikro-orm/migrations';

export class Migration20261122044817_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "user_role" as enum ('admin', 'ops', 'customer', 'merchant');`);
    this.addSql(`create type "sla_timeout_action" as enum ('escalate', 'auto_approve', 'auto_reject');`);
    this.addSql(`create type "order_status" as enum ('pending', 'confirmed', 'processing', 'shipped', 'delivered', 'cancelled');`);
    this.addSql(`create type "return_type" as enum ('refund', 'exchange');`);
    this.addSql(`create type "return_reason" as enum ('defective_damaged', 'wrong_item', 'not_as_described', 'changed_mind', 'other');`);
    this.addSql(`create type "case_status" as enum ('submitted', 'in_review', 'waiting_customer', 'waiting_merchant', 'approved', 'rejected', 'disputed', 'in_transit', 'received', 'inspected', 'refund_pending', 'refund_failed', 'refunded', 'exchanged', 'returned_to_customer', 'cancelled', 'expired', 'closed');`);
    this.addSql(`create type "case_priority" as enum ('low', 'medium', 'high', 'urgent');`);
    this.addSql(`create type "risk_label" as enum ('low', 'medium', 'high');`);
    this.addSql(`create type "refund_state" as enum ('pending', 'succeeded', 'failed', 'canceled');`);
    this.addSql(`create type "item_condition" as enum ('new', 'like_new', 'used', 'damaged', 'defective');`);
    this.addSql(`create type "document_kind" as enum ('evidence', 'response', 'inspection');`);
    this.addSql(`create type "note_visibility" as enum ('internal', 'message');`);
    this.addSql(`create table "login_failures" ("id" bigserial primary key, "username" varchar(64) not null, "address" varchar(64) not null, "occurred_at" timestamptz not null);`);
    this.addSql(`create index "login_failures_address_occurred_at_index" on "login_failures" ("address", "occurred_at");`);
    this.addSql(`create index "login_failures_username_occurred_at_index" on "login_failures" ("username", "occurred_at");`);

    this.addSql(`create table "outbox_messages" ("id" bigserial primary key, "topic" varchar(60) not null, "case_id" uuid null, "payload" jsonb not null, "created_at" timestamptz not null, "dispatched_at" timestamptz null);`);
    this.addSql(`create index "outbox_messages_pending_idx" on "outbox_messages" ("id") where "dispatched_at" is null;`);

    this.addSql(`create table "users" ("id" uuid not null, "username" varchar(64) not null, "email" varchar(254) not null, "display_name" varchar(120) not null, "role" "user_role" not null, "active" boolean not null default true, "password_hash" varchar(255) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "users_pkey" primary key ("id"));`);
    this.addSql(`alter table "users" add constraint "users_username_unique" unique ("username");`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(`create table "sessions" ("id" uuid not null, "token_hash" varchar(64) not null, "user_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, constraint "sessions_pkey" primary key ("id"));`);
    this.addSql(`alter table "sessions" add constraint "sessions_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "sessions_user_id_index" on "sessions" ("user_id");`);

    this.addSql(`create table "merchant_profiles" ("id" uuid not null, "user_id" uuid not null, "name" varchar(120) not null, "marketplace_seller" boolean not null default false, "return_window_days" int not null default 30, "response_sla_hours" int not null default 48, "sla_timeout_action" "sla_timeout_action" not null default 'escalate', "auto_approve_limit_minor" int not null default 0, "restocking_fee_percent" int not null default 0, "warehouse_address" text not null default '', "refund_shipping" boolean not null default false, "created_at" timestamptz not null, constraint "merchant_profiles_pkey" primary key ("id"));`);
    this.addSql(`alter table "merchant_profiles" add constraint "merchant_profiles_user_id_unique" unique ("user_id");`);

    this.addSql(`create table "products" ("id" uuid not null, "merchant_id" uuid not null, "sku" varchar(64) not null, "name" varchar(200) not null, "price_minor" int not null, "stock" int not null default 0, constraint "products_pkey" primary key ("id"));`);
    this.addSql(`alter table "products" add constraint "products_sku_unique" unique ("sku");`);

    this.addSql(`create table "orders" ("id" uuid not null, "number" varchar(32) not null, "customer_id" uuid not null, "merchant_id" uuid not null, "status" "order_status" not null default 'pending', "currency" varchar(3) not null default 'USD', "subtotal_minor" int not null, "shipping_fee_minor" int not null default 0, "tax_minor" int not null default 0, "total_minor" int not null, "payment_reference" varchar(120) null, "replaces_case_id" uuid null, "placed_at" timestamptz not null, "confirmed_at" timestamptz null, "shipped_at" timestamptz null, "delivered_at" timestamptz null, "cancelled_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "orders_pkey" primary key ("id"));`);
    this.addSql(`alter table "orders" add constraint "orders_number_unique" unique ("number");`);
    this.addSql(`create index "orders_customer_id_index" on "orders" ("customer_id");`);
    this.addSql(`create index "orders_merchant_id_index" on "orders" ("merchant_id");`);

    this.addSql(`create table "return_cases" ("id" uuid not null, "number" varchar(20) not null, "order_id" uuid not null, "customer_id" uuid not null, "merchant_id" uuid not null, "type" "return_type" not null, "reason" "return_reason" not null, "description" text not null default '', "status" "case_status" not null default 'submitted', "priority" "case_priority" not null default 'medium', "assignee_id" uuid null, "sla_due_at" timestamptz not null, "merchant_response_due_at" timestamptz null, "refund_amount_minor" int not null default 0, "restocking_fee_minor" int not null default 0, "currency" varchar(3) not null default 'USD', "exchange_order_id" uuid null, "carrier" varchar(60) null, "tracking_number" varchar(80) null, "label_storage_key" varchar(200) null, "decision_reason" text null, "risk_label" "risk_label" null, "risk_score" double precision null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "first_response_at" timestamptz null, "decided_at" timestamptz null, "disputed_at" timestamptz null, "shipped_at" timestamptz null, "received_at" timestamptz null, "inspected_at" timestamptz null, "refunded_at" timestamptz null, "closed_at" timestamptz null, constraint "return_cases_pkey" primary key ("id"));`);
    this.addSql(`alter table "return_cases" add constraint "return_cases_number_unique" unique ("number");`);
    this.addSql(`create index "return_cases_order_id_index" on "return_cases" ("order_id");`);
    this.addSql(`create index "return_cases_assignee_id_index" on "return_cases" ("assignee_id");`);
    this.addSql(`create index "return_cases_status_index" on "return_cases" ("status");`);
    this.addSql(`create index "return_cases_merchant_id_created_at_index" on "return_cases" ("merchant_id", "created_at");`);
    this.addSql(`create index "return_cases_customer_id_created_at_index" on "return_cases" ("customer_id", "created_at");`);
    this.addSql(`create index "return_cases_queue_idx" on "return_cases" ("sla_due_at", "created_at", "id");`);

    this.addSql(`create table "risk_scores" ("id" uuid not null, "return_case_id" uuid not null, "model_version" varchar(120) not null, "score" double precision not null, "label" "risk_label" not null, "reason_codes" jsonb not null, "features" jsonb not null, "created_at" timestamptz not null, constraint "risk_scores_pkey" primary key ("id"));`);
    this.addSql(`create index "risk_scores_return_case_id_created_at_index" on "risk_scores" ("return_case_id", "created_at");`);

    this.addSql(`create table "refunds" ("id" uuid not null, "return_case_id" uuid null, "order_id" uuid not null, "provider" varchar(20) not null, "provider_refund_id" varchar(120) null, "idempotency_key" varchar(120) not null, "amount_minor" int not null, "currency" varchar(3) not null, "state" "refund_state" not null default 'pending', "attempts" int not null default 0, "last_error" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "refunds_pkey" primary key ("id"));`);
    this.addSql(`create index "refunds_return_case_id_index" on "refunds" ("return_case_id");`);
    this.addSql(`create index "refunds_order_id_index" on "refunds" ("order_id");`);
    this.addSql(`alter table "refunds" add constraint "refunds_provider_refund_id_unique" unique ("provider_refund_id");`);
    this.addSql(`alter table "refunds" add constraint "refunds_idempotency_key_unique" unique ("idempotency_key");`);

    this.addSql(`create table "order_items" ("id" uuid not null, "order_id" uuid not null, "product_id" uuid null, "position" smallint not null default 0, "sku" varchar(64) not null, "name" varchar(200) not null, "quantity" int not null, "unit_price_minor" int not null, "final_sale" boolean not null default false, constraint "order_items_pkey" primary key ("id"));`);
    this.addSql(`create index "order_items_order_id_index" on "order_items" ("order_id");`);

    this.addSql(`create table "return_items" ("id" uuid not null, "return_case_id" uuid not null, "order_item_id" uuid not null, "position" smallint not null default 0, "quantity" int not null, "condition" "item_condition" null, "restockable" boolean null, "active" boolean not null default true, "restocked_at" timestamptz null, constraint "return_items_pkey" primary key ("id"));`);
    this.addSql(`create index "return_items_return_case_id_index" on "return_items" ("return_case_id");`);
    this.addSql(`create unique index "return_items_one_active_case_per_order_item" on "return_items" ("order_item_id") where "active";`);

    this.addSql(`create table "evidence_documents" ("id" uuid not null, "return_case_id" uuid not null, "kind" "document_kind" not null, "file_name" varchar(255) not null, "content_type" varchar(100) not null, "size_bytes" bigint not null, "sha256" varchar(64) not null, "storage_key" varchar(200) not null, "thumbnail_key" varchar(200) null, "uploaded_by_id" uuid not null, "created_at" timestamptz not null, constraint "evidence_documents_pkey" primary key ("id"));`);
    this.addSql(`create index "evidence_documents_return_case_id_created_at_index" on "evidence_documents" ("return_case_id", "created_at");`);

    this.addSql(`create table "customer_profiles" ("id" uuid not null, "user_id" uuid not null, "phone" varchar(40) null, "shipping_address" text null, constraint "customer_profiles_pkey" primary key ("id"));`);
    this.addSql(`alter table "customer_profiles" add constraint "customer_profiles_user_id_unique" unique ("user_id");`);

    this.addSql(`create table "case_notes" ("id" uuid not null, "return_case_id" uuid not null, "author_id" uuid not null, "visibility" "note_visibility" not null, "body" text not null, "created_at" timestamptz not null, constraint "case_notes_pkey" primary key ("id"));`);
    this.addSql(`create index "case_notes_return_case_id_created_at_index" on "case_notes" ("return_case_id", "created_at");`);

    this.addSql(`create table "case_events" ("id" uuid not null, "return_case_id" uuid not null, "type" varchar(40) not null, "actor_id" uuid null, "actor_label" varchar(100) not null, "from_status" "case_status" null, "to_status" "case_status" null, "payload" jsonb not null, "created_at" timestamptz not null, constraint "case_events_pkey" primary key ("id"));`);
    this.addSql(`create index "case_events_return_case_id_created_at_index" on "case_events" ("return_case_id", "created_at");`);

    this.addSql(`create table "api_tokens" ("id" uuid not null, "name" varchar(80) not null, "prefix" varchar(16) not null, "token_hash" varchar(64) not null, "merchant_id" uuid not null, "created_by_id" uuid not null, "created_at" timestamptz not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, constraint "api_tokens_pkey" primary key ("id"));`);
    this.addSql(`alter table "api_tokens" add constraint "api_tokens_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "api_tokens_merchant_id_index" on "api_tokens" ("merchant_id");`);

    this.addSql(`alter table "sessions" add constraint "sessions_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "merchant_profiles" add constraint "merchant_profiles_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "products" add constraint "products_merchant_id_foreign" foreign key ("merchant_id") references "merchant_profiles" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "orders" add constraint "orders_customer_id_foreign" foreign key ("customer_id") references "users" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "orders" add constraint "orders_merchant_id_foreign" foreign key ("merchant_id") references "merchant_profiles" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "return_cases" add constraint "return_cases_order_id_foreign" foreign key ("order_id") references "orders" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "return_cases" add constraint "return_cases_customer_id_foreign" foreign key ("customer_id") references "users" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "return_cases" add constraint "return_cases_merchant_id_foreign" foreign key ("merchant_id") references "merchant_profiles" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "return_cases" add constraint "return_cases_assignee_id_foreign" foreign key ("assignee_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "return_cases" add constraint "return_cases_exchange_order_id_foreign" foreign key ("exchange_order_id") references "orders" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "risk_scores" add constraint "risk_scores_return_case_id_foreign" foreign key ("return_case_id") references "return_cases" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "refunds" add constraint "refunds_return_case_id_foreign" foreign key ("return_case_id") references "return_cases" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "refunds" add constraint "refunds_order_id_foreign" foreign key ("order_id") references "orders" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "order_items" add constraint "order_items_order_id_foreign" foreign key ("order_id") references "orders" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "order_items" add constraint "order_items_product_id_foreign" foreign key ("product_id") references "products" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "return_items" add constraint "return_items_return_case_id_foreign" foreign key ("return_case_id") references "return_cases" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "return_items" add constraint "return_items_order_item_id_foreign" foreign key ("order_item_id") references "order_items" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "evidence_documents" add constraint "evidence_documents_return_case_id_foreign" foreign key ("return_case_id") references "return_cases" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "evidence_documents" add constraint "evidence_documents_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "users" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "customer_profiles" add constraint "customer_profiles_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "case_notes" add constraint "case_notes_return_case_id_foreign" foreign key ("return_case_id") references "return_cases" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "case_notes" add constraint "case_notes_author_id_foreign" foreign key ("author_id") references "users" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "case_events" add constraint "case_events_return_case_id_foreign" foreign key ("return_case_id") references "return_cases" ("id") on update cascade on delete no action;`);
    this.addSql(`alter table "case_events" add constraint "case_events_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on update cascade on delete no action;`);

    this.addSql(`alter table "api_tokens" add constraint "api_tokens_merchant_id_foreign" foreign key ("merchant_id") references "merchant_profiles" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "api_tokens" add constraint "api_tokens_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete restrict;`);

    // Invariants the database keeps even if a code path forgets them.
    this.addSql(`alter table "order_items" add constraint "order_items_quantity_positive" check ("quantity" > 0 and "unit_price_minor" >= 0);`);
    this.addSql(`alter table "return_items" add constraint "return_items_quantity_positive" check ("quantity" > 0);`);
    this.addSql(`alter table "orders" add constraint "orders_amounts_non_negative" check ("subtotal_minor" >= 0 and "shipping_fee_minor" >= 0 and "tax_minor" >= 0 and "total_minor" >= 0);`);
    this.addSql(`alter table "return_cases" add constraint "return_cases_amounts_non_negative" check ("refund_amount_minor" >= 0 and "restocking_fee_minor" >= 0);`);
    this.addSql(`alter table "refunds" add constraint "refunds_amount_positive" check ("amount_minor" > 0);`);
    this.addSql(`alter table "risk_scores" add constraint "risk_scores_score_range" check ("score" >= 0 and "score" <= 1);`);
    this.addSql(`alter table "products" add constraint "products_stock_non_negative" check ("stock" >= 0);`);

    // Case numbers RET-YYMM-000001: one counter row per month, incremented with an upsert that
    // serialises concurrent creators on the row lock (see returns/case-number.ts).
    this.addSql(`create table "case_number_counters" ("period" char(4) primary key, "last_value" integer not null);`);

    // The audit trail is append-only, whatever the application does.
    this.addSql(`create function "case_events_append_only"() returns trigger language plpgsql as $$
      begin raise exception 'case_events is append-only: % refused', tg_op using errcode = 'P0001'; end $$;`);
    this.addSql(`create trigger "case_events_no_update_or_delete" before update or delete on "case_events"
      for each row execute function "case_events_append_only"();`);
    this.addSql(`create trigger "case_events_no_truncate" before truncate on "case_events"
      for each statement execute function "case_events_append_only"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "case_events_no_truncate" on "case_events";`);
    this.addSql(`drop trigger if exists "case_events_no_update_or_delete" on "case_events";`);
    this.addSql(`drop function if exists "case_events_append_only"();`);
    this.addSql(`drop table if exists "case_number_counters" cascade;`);
    this.addSql(`alter table "sessions" drop constraint "sessions_user_id_foreign";`);

    this.addSql(`alter table "merchant_profiles" drop constraint "merchant_profiles_user_id_foreign";`);

    this.addSql(`alter table "orders" drop constraint "orders_customer_id_foreign";`);

    this.addSql(`alter table "return_cases" drop constraint "return_cases_customer_id_foreign";`);

    this.addSql(`alter table "return_cases" drop constraint "return_cases_assignee_id_foreign";`);

    this.addSql(`alter table "evidence_documents" drop constraint "evidence_documents_uploaded_by_id_foreign";`);

    this.addSql(`alter table "customer_profiles" drop constraint "customer_profiles_user_id_foreign";`);

    this.addSql(`alter table "case_notes" drop constraint "case_notes_author_id_foreign";`);

    this.addSql(`alter table "case_events" drop constraint "case_events_actor_id_foreign";`);

    this.addSql(`alter table "api_tokens" drop constraint "api_tokens_created_by_id_foreign";`);

    this.addSql(`alter table "products" drop constraint "products_merchant_id_foreign";`);

    this.addSql(`alter table "orders" drop constraint "orders_merchant_id_foreign";`);

    this.addSql(`alter table "return_cases" drop constraint "return_cases_merchant_id_foreign";`);

    this.addSql(`alter table "api_tokens" drop constraint "api_tokens_merchant_id_foreign";`);

    this.addSql(`alter table "order_items" drop constraint "order_items_product_id_foreign";`);

    this.addSql(`alter table "return_cases" drop constraint "return_cases_order_id_foreign";`);

    this.addSql(`alter table "return_cases" drop constraint "return_cases_exchange_order_id_foreign";`);

    this.addSql(`alter table "refunds" drop constraint "refunds_order_id_foreign";`);

    this.addSql(`alter table "order_items" drop constraint "order_items_order_id_foreign";`);

    this.addSql(`alter table "risk_scores" drop constraint "risk_scores_return_case_id_foreign";`);

    this.addSql(`alter table "refunds" drop constraint "refunds_return_case_id_foreign";`);

    this.addSql(`alter table "return_items" drop constraint "return_items_return_case_id_foreign";`);

    this.addSql(`alter table "evidence_documents" drop constraint "evidence_documents_return_case_id_foreign";`);

    this.addSql(`alter table "case_notes" drop constraint "case_notes_return_case_id_foreign";`);

    this.addSql(`alter table "case_events" drop constraint "case_events_return_case_id_foreign";`);

    this.addSql(`alter table "return_items" drop constraint "return_items_order_item_id_foreign";`);

    this.addSql(`drop table if exists "login_failures" cascade;`);

    this.addSql(`drop table if exists "outbox_messages" cascade;`);

    this.addSql(`drop table if exists "users" cascade;`);

    this.addSql(`drop table if exists "sessions" cascade;`);

    this.addSql(`drop table if exists "merchant_profiles" cascade;`);

    this.addSql(`drop table if exists "products" cascade;`);

    this.addSql(`drop table if exists "orders" cascade;`);

    this.addSql(`drop table if exists "return_cases" cascade;`);

    this.addSql(`drop table if exists "risk_scores" cascade;`);

    this.addSql(`drop table if exists "refunds" cascade;`);

    this.addSql(`drop table if exists "order_items" cascade;`);

    this.addSql(`drop table if exists "return_items" cascade;`);

    this.addSql(`drop table if exists "evidence_documents" cascade;`);

    this.addSql(`drop table if exists "customer_profiles" cascade;`);

    this.addSql(`drop table if exists "case_notes" cascade;`);

    this.addSql(`drop table if exists "case_events" cascade;`);

    this.addSql(`drop table if exists "api_tokens" cascade;`);

    this.addSql(`drop type "user_role";`);
    this.addSql(`drop type "sla_timeout_action";`);
    this.addSql(`drop type "order_status";`);
    this.addSql(`drop type "return_type";`);
    this.addSql(`drop type "return_reason";`);
    this.addSql(`drop type "case_status";`);
    this.addSql(`drop type "case_priority";`);
    this.addSql(`drop type "risk_label";`);
    this.addSql(`drop type "refund_state";`);
    this.addSql(`drop type "item_condition";`);
    this.addSql(`drop type "document_kind";`);
    this.addSql(`drop type "note_visibility";`);
  }

}
