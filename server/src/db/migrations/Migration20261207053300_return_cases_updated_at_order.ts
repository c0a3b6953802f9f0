import { Migration } from '@mikro-orm/migrations';

/** Issue 19 §9: `returnCases(orderBy: UPDATED_AT, filter: { updatedSince })` walks (updated_at, id), for staff and per merchant. */
export class Migration20261207053300_return_cases_updated_at_order extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "return_cases_updated_at_id_index" on "return_cases" ("updated_at", "id");`);
    this.addSql(`create index "return_cases_merchant_id_updated_at_id_index" on "return_cases" ("merchant_id", "updated_at", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "return_cases_merchant_id_updated_at_id_index";`);
    this.addSql(`drop index if exists "return_cases_updated_at_id_index";`);
  }
}
