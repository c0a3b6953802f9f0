import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 22 §3: store credit. One account per (customer, merchant) holding its balance and running totals, and the
 * append-only ledger of its movements (one row each: ISSUED, BONUS positive; SPENT negative). The database keeps the
 * invariants itself: a balance is never below zero, a movement's sign matches its kind, an idempotency key is used
 * once per account and kind, and a movement is never changed or deleted.
 */
export class Migration20261207143236_store_credit_ledger extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "store_credit_accounts" (
      "customer_id" uuid not null references "users" ("id") on delete restrict,
      "merchant_id" uuid not null references "merchant_profiles" ("id") on delete restrict,
      "currency" varchar(3) not null,
      "balance_minor" integer not null default 0 check ("balance_minor" >= 0),
      "issued_minor" integer not null default 0 check ("issued_minor" >= 0),
      "bonus_minor" integer not null default 0 check ("bonus_minor" >= 0),
      "spent_minor" integer not null default 0 check ("spent_minor" >= 0),
      "updated_at" timestamptz not null,
      primary key ("customer_id", "merchant_id"),
      constraint "store_credit_accounts_totals" check ("balance_minor" = "issued_minor" + "bonus_minor" - "spent_minor"));`);
    this.addSql(`create index "store_credit_accounts_merchant_id_index" on "store_credit_accounts" ("merchant_id");`);
    this.addSql(`create table "store_credit_movements" (
      "id" uuid not null primary key,
      "seq" bigint generated always as identity,
      "customer_id" uuid not null,
      "merchant_id" uuid not null,
      "kind" varchar(10) not null check ("kind" in ('ISSUED', 'BONUS', 'SPENT')),
      "amount_minor" integer not null,
      "currency" varchar(3) not null,
      "balance_after_minor" integer not null check ("balance_after_minor" >= 0),
      "idempotency_key" varchar(200) not null,
      "case_id" uuid null references "return_cases" ("id") on delete restrict,
      "order_id" uuid null references "orders" ("id") on delete restrict,
      "actor_id" uuid null references "users" ("id") on delete set null,
      "actor_label" varchar(120) not null,
      "created_at" timestamptz not null,
      constraint "store_credit_movements_account_foreign" foreign key ("customer_id", "merchant_id")
        references "store_credit_accounts" ("customer_id", "merchant_id") on delete restrict,
      constraint "store_credit_movements_sign" check (case when "kind" = 'SPENT' then "amount_minor" < 0 else "amount_minor" > 0 end),
      constraint "store_credit_movements_key_unique" unique ("customer_id", "merchant_id", "kind", "idempotency_key"));`);
    this.addSql(`create index "store_credit_movements_account_seq_index" on "store_credit_movements" ("customer_id", "merchant_id", "seq");`);
    this.addSql(`create index "store_credit_movements_case_id_index" on "store_credit_movements" ("case_id") where "case_id" is not null;`);
    this.addSql(`create index "store_credit_movements_order_id_index" on "store_credit_movements" ("order_id") where "order_id" is not null;`);
    // The ledger is an audit trail (as case_events): no update, no delete, no truncate, whatever the application does.
    this.addSql(`create function "store_credit_movements_append_only"() returns trigger language plpgsql as $$
      begin raise exception 'store_credit_movements is append-only: % refused', tg_op using errcode = 'P0001'; end $$;`);
    this.addSql(`create trigger "store_credit_movements_no_update_or_delete" before update or delete on "store_credit_movements"
      for each row execute function "store_credit_movements_append_only"();`);
    this.addSql(`create trigger "store_credit_movements_no_truncate" before truncate on "store_credit_movements"
      for each statement execute function "store_credit_movements_append_only"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "store_credit_movements";`);
    this.addSql(`drop function if exists "store_credit_movements_append_only"();`);
    this.addSql(`drop table if exists "store_credit_accounts";`);
  }
}
