import { Migration } from '@mikro-orm/migrations';

/** Issue 19 §13 (seed 002): photos of the packed parcel are documents of their own kind; the shipment has a description. */
export class Migration20261207115304_shipment_evidence extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter type "document_kind" add value if not exists 'shipment_evidence';`);
    this.addSql(`alter table "return_cases" add column "shipment_description" text null;`);
  }

  override async down(): Promise<void> {
    // PostgreSQL cannot drop an enum value; the rows of that kind go with the column.
    this.addSql(`delete from "evidence_documents" where "kind" = 'shipment_evidence';`);
    this.addSql(`alter table "return_cases" drop column "shipment_description";`);
  }
}
