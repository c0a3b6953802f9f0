import { Migration } from '@mikro-orm/migrations';

/**
 * Image thumbnails are made by a background job after the upload commits (issue 9): an image that cannot be decoded
 * is marked here (the preview route then serves the placeholder) instead of being retried for ever.
 */
export class Migration20261205073000_document_thumbnail_jobs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "evidence_documents" add column "thumbnail_error" varchar(300) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "evidence_documents" drop column "thumbnail_error";`);
  }
}
