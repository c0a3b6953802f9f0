import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 22 §6: a policy simulation run in the background (startRuleSimulation → ruleSimulation). The row holds what
 * the job needs to run again from scratch (the draft, the current rules as they were when asked, the range), its
 * progress, and its result. A repeat of the job finds the row done and does nothing.
 */
export class Migration20261207143429_rule_simulations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "rule_simulations" (
      "id" uuid primary key,
      "merchant_id" uuid not null references "merchant_profiles" ("id") on delete cascade,
      "requested_by_id" uuid null references "users" ("id") on delete set null,
      "draft_rules" jsonb not null check (jsonb_typeof("draft_rules") = 'array'),
      "current_rules" jsonb not null check (jsonb_typeof("current_rules") = 'array'),
      "current_version" integer not null check ("current_version" >= 0),
      "range_from" timestamptz not null,
      "range_to" timestamptz not null,
      "status" varchar(16) not null default 'queued' check ("status" in ('queued', 'running', 'done', 'failed')),
      "cases_total" integer not null check ("cases_total" >= 0),
      "cases_done" integer not null default 0 check ("cases_done" >= 0),
      "result" jsonb null,
      "error" text null,
      "created_at" timestamptz not null,
      "started_at" timestamptz null,
      "finished_at" timestamptz null,
      check ("range_to" > "range_from"),
      check (("status" = 'done') = ("result" is not null)));`);
    this.addSql(`create index "rule_simulations_merchant_id_created_at_index" on "rule_simulations" ("merchant_id", "created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "rule_simulations";`);
  }
}
