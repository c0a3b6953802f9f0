import { Migration } from '@mikro-orm/migrations';

/**
 * Sign-in throttling and the mutation rate limit count in one shared table (atomic upserts, see
 * shared/rate-counters.ts) instead of a log of failures read before each attempt, which let parallel guesses
 * all pass the check before any was recorded; and which every API replica now shares.
 */
export class Migration20261207043200_rate_limit_counters extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "rate_limit_counters" ("key" varchar(200) not null, "hits" int not null, "window_ends_at" timestamptz not null,
      constraint "rate_limit_counters_pkey" primary key ("key"));`);
    this.addSql(`create index "rate_limit_counters_window_ends_at_index" on "rate_limit_counters" ("window_ends_at");`);
    this.addSql(`drop table if exists "login_failures" cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "rate_limit_counters" cascade;`);
    this.addSql(`create table "login_failures" ("id" bigserial primary key, "username" varchar(64) not null, "address" varchar(64) not null, "occurred_at" timestamptz not null);`);
    this.addSql(`create index "login_failures_address_occurred_at_index" on "login_failures" ("address", "occurred_at");`);
    this.addSql(`create index "login_failures_username_occurred_at_index" on "login_failures" ("username", "occurred_at");`);
  }
}
