import { Migration } from '@mikro-orm/migrations';

/** Deactivating or reactivating a user is audited: who, whom, which way, when (append-only). */
export class Migration20261205163000_user_access_changes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "user_access_changes" ("id" uuid not null, "user_id" uuid not null, "actor_id" uuid null, "actor_label" varchar(120) not null,
      "active" boolean not null, "created_at" timestamptz not null, constraint "user_access_changes_pkey" primary key ("id"));`);
    this.addSql(`create index "user_access_changes_user_id_created_at_index" on "user_access_changes" ("user_id", "created_at");`);
    this.addSql(`alter table "user_access_changes" add constraint "user_access_changes_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "user_access_changes" add constraint "user_access_changes_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "user_access_changes" cascade;`);
  }
}
