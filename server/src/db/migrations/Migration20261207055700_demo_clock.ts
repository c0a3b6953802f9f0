import { Migration } from '@mikro-orm/migrations';

/** Issue 19 §18: the development demo clock's offset, one row shared by the API replicas and the worker. */
export class Migration20261207055700_demo_clock extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "demo_clock" ("id" smallint primary key default 1 check ("id" = 1), "offset_ms" bigint not null default 0 check ("offset_ms" >= 0), "updated_at" timestamptz not null default now());`);
    this.addSql(`insert into "demo_clock" ("id", "offset_ms") values (1, 0);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "demo_clock";`);
  }
}
