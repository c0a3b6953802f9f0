import { Migration } from '@mikro-orm/migrations';

/**
 * The order events were written in: events of one save share `created_at` (a case opened with a photo writes
 * case_created and document_uploaded at the same instant), and the random id broke the tie differently on each read.
 * `seq` is an identity column, so rows get it in the order they are inserted; history is read by (created_at, seq).
 * Existing rows are numbered by (created_at, id), the order they were shown in until now; the append-only trigger
 * is set aside for that one update.
 */
export class Migration20261207042926_case_event_sequence extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "case_events" add column "seq" bigint null;`);
    this.addSql(`alter table "case_events" disable trigger "case_events_no_update_or_delete";`);
    this.addSql(`update "case_events" e set "seq" = n."seq"
      from (select "id", row_number() over (order by "created_at", "id") as "seq" from "case_events") n where n."id" = e."id";`);
    this.addSql(`alter table "case_events" enable trigger "case_events_no_update_or_delete";`);
    this.addSql(`alter table "case_events" alter column "seq" set not null;`);
    this.addSql(`alter table "case_events" alter column "seq" add generated always as identity;`);
    this.addSql(`select setval(pg_get_serial_sequence('"case_events"', 'seq'), coalesce((select max("seq") from "case_events"), 0) + 1, false);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "case_events" drop column "seq";`);
  }
}
