import { Migration } from '@mikro-orm/migrations';

/**
 * The queue's search (case number, order number, customer name or e-mail; `ilike '%…%'`) scanned every case, order
 * and user: about a second at a million cases. Trigram indexes let PostgreSQL find the few matching rows of each
 * table and join them to their cases by the existing order_id / customer_id indexes (modules/queue/queue-sql.ts).
 * pg_trgm ships with PostgreSQL and is a trusted extension: a database owner may create it without superuser.
 */
export class Migration20261122080000_queue_search_trigram extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create index "return_cases_number_trgm_idx" on "return_cases" using gin ("number" gin_trgm_ops);`);
    this.addSql(`create index "orders_number_trgm_idx" on "orders" using gin ("number" gin_trgm_ops);`);
    this.addSql(`create index "users_display_name_trgm_idx" on "users" using gin ("display_name" gin_trgm_ops);`);
    this.addSql(`create index "users_email_trgm_idx" on "users" using gin ("email" gin_trgm_ops);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "users_email_trgm_idx";`);
    this.addSql(`drop index if exists "users_display_name_trgm_idx";`);
    this.addSql(`drop index if exists "orders_number_trgm_idx";`);
    this.addSql(`drop index if exists "return_cases_number_trgm_idx";`);
  }
}
