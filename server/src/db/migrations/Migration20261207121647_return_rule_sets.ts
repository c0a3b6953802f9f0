import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 22 §1: a merchant's ordered return rules (one set, versioned, replaced whole on save) and every saved version,
 * append-only (who saved what, when). A merchant without a row uses the default set derived from its policy.
 */
export class Migration20261207121647_return_rule_sets extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "return_rule_sets" (
      "merchant_id" uuid primary key references "merchant_profiles" ("id") on delete cascade,
      "version" integer not null check ("version" > 0),
      "rules" jsonb not null check (jsonb_typeof("rules") = 'array'),
      "updated_at" timestamptz not null,
      "updated_by_id" uuid null references "users" ("id") on delete set null,
      "updated_by" varchar(120) not null);`);
    this.addSql(`create table "return_rule_set_versions" (
      "merchant_id" uuid not null references "merchant_profiles" ("id") on delete cascade,
      "version" integer not null check ("version" > 0),
      "rules" jsonb not null,
      "created_at" timestamptz not null,
      "actor_id" uuid null references "users" ("id") on delete set null,
      "actor_label" varchar(120) not null,
      primary key ("merchant_id", "version"));`);
    // The history is an audit trail: append-only, whatever the application does (as case_events). Deleting a
    // merchant (cascade) is the one way rows leave, so only update and truncate are refused.
    this.addSql(`create function "return_rule_set_versions_append_only"() returns trigger language plpgsql as $$
      begin raise exception 'return_rule_set_versions is append-only: % refused', tg_op using errcode = 'P0001'; end $$;`);
    this.addSql(`create trigger "return_rule_set_versions_no_update" before update on "return_rule_set_versions"
      for each row execute function "return_rule_set_versions_append_only"();`);
    this.addSql(`create trigger "return_rule_set_versions_no_truncate" before truncate on "return_rule_set_versions"
      for each statement execute function "return_rule_set_versions_append_only"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "return_rule_set_versions";`);
    this.addSql(`drop function if exists "return_rule_set_versions_append_only"();`);
    this.addSql(`drop table if exists "return_rule_sets";`);
  }
}
