import { Migration } from '@mikro-orm/migrations';

export class Migration20261122052916_documents_previews extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "evidence_documents" add column "width" int null, add column "height" int null, add column "duration_ms" int null, add column "position" smallint not null default 0;`);
    this.addSql(`alter table "evidence_documents" add constraint "evidence_documents_storage_key_unique" unique ("storage_key");`);
    this.addSql(`alter table "evidence_documents" add constraint evidence_documents_size_bytes_check check(size_bytes >= 0);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "evidence_documents" drop constraint "evidence_documents_storage_key_unique";`);
    this.addSql(`alter table "evidence_documents" drop constraint evidence_documents_size_bytes_check;`);
    this.addSql(`alter table "evidence_documents" drop column "width", drop column "height", drop column "duration_ms", drop column "position";`);
  }

}
