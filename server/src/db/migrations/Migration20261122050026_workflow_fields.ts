import { Migration } from '@mikro-orm/migrations';

export class Migration20261122050026_workflow_fields extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "return_cases" add column "sla_clock_started_at" timestamptz null, add column "inspection_passed" boolean null, add column "inspection_notes" text null, add column "refund_adjustment_reason" text null;`);
    // Existing cases: their clock started when they were opened.
    this.addSql(`update "return_cases" set "sla_clock_started_at" = "created_at" where "sla_clock_started_at" is null;`);
    this.addSql(`alter table "return_cases" alter column "sla_clock_started_at" set not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "return_cases" drop column "sla_clock_started_at", drop column "inspection_passed", drop column "inspection_notes", drop column "refund_adjustment_reason";`);
  }

}
