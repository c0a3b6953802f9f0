import { Migration } from '@mikro-orm/migrations';

// Products get an optional category (issue #21: the escalation-risk model's feature contract 2.0.0 reads the returned
// item's category; a product without one is scored as 'unknown'). Return rules already have a category condition.
export class Migration20261207131117_product_category extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "products" add column "category" varchar(32) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "products" drop column "category";`);
  }
}
