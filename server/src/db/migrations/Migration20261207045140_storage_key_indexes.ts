import { Migration } from '@mikro-orm/migrations';

/** The orphan-file sweep asks, for each stored key, whether any row holds it: every storage key column is indexed. */
export class Migration20261207045140_storage_key_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index if not exists "evidence_documents_thumbnail_key_idx" on "evidence_documents" ("thumbnail_key") where "thumbnail_key" is not null;`);
    this.addSql(`create index if not exists "return_cases_label_storage_key_idx" on "return_cases" ("label_storage_key") where "label_storage_key" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "evidence_documents_thumbnail_key_idx";`);
    this.addSql(`drop index if exists "return_cases_label_storage_key_idx";`);
  }
}
