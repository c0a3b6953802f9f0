import { Migration } from '@mikro-orm/migrations';

/**
 * Refund retries as background work (SPEC §5/§6): the case counts its automatic retries and knows when the next one
 * is due; the system writes internal notes of its own (no author); the simulated provider can hang mid-call.
 */
export class Migration20261122075038_refund_retries extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter type "simulated_behaviour" add value if not exists 'hang' after 'duplicate_confirmation';`);

    this.addSql(`alter table "return_cases" add column "refund_retries" int not null default 0, add column "refund_retry_due_at" timestamptz null;`);

    this.addSql(`alter table "case_notes" alter column "author_id" drop not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "case_notes" where "author_id" is null;`);
    this.addSql(`alter table "case_notes" alter column "author_id" set not null;`);

    this.addSql(`alter table "return_cases" drop column "refund_retries", drop column "refund_retry_due_at";`);
  }

}
