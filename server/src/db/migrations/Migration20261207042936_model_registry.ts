import { Migration } from '@mikro-orm/migrations';

/**
 * The escalation-risk model registry of record (issue #18): every registered version with its artifact (small JSON),
 * at most one active (a partial unique index), and an append-only record of each activation. The committed
 * ml/registry + ml/models seed it at start-up (db/model-registry-seed.ts); an admin's choice then lives here.
 */
export class Migration20261207042936_model_registry extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "risk_model_versions" ("version" varchar(100) not null, "contract_version" varchar(40) not null,
      "created_at" timestamptz not null, "metrics" jsonb not null, "training_data_sha256" varchar(64) not null, "training_rows" int not null,
      "training" jsonb null, "artifact" jsonb not null, "registered_at" timestamptz not null default now(),
      "active" boolean not null default false, "activated_at" timestamptz null, "activated_by_id" uuid null, "activated_by_label" varchar(120) null,
      "activation_reason" text null,
      constraint "risk_model_versions_pkey" primary key ("version"),
      constraint "risk_model_versions_artifact_version_check" check ("artifact"->>'version' = "version"));`);
    this.addSql(`create unique index "risk_model_versions_one_active" on "risk_model_versions" ("active") where "active";`);
    this.addSql(`alter table "risk_model_versions" add constraint "risk_model_versions_activated_by_id_foreign" foreign key ("activated_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`create table "risk_model_activations" ("id" uuid not null, "from_version" varchar(100) null, "to_version" varchar(100) not null,
      "actor_id" uuid null, "actor_label" varchar(120) not null, "reason" text null, "created_at" timestamptz not null,
      constraint "risk_model_activations_pkey" primary key ("id"));`);
    this.addSql(`create index "risk_model_activations_created_at_index" on "risk_model_activations" ("created_at");`);
    this.addSql(`alter table "risk_model_activations" add constraint "risk_model_activations_from_version_foreign" foreign key ("from_version") references "risk_model_versions" ("version") on update cascade on delete restrict;`);
    this.addSql(`alter table "risk_model_activations" add constraint "risk_model_activations_to_version_foreign" foreign key ("to_version") references "risk_model_versions" ("version") on update cascade on delete restrict;`);
    this.addSql(`alter table "risk_model_activations" add constraint "risk_model_activations_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on update cascade on delete set null;`);
    // The activation record is append-only, like the case audit trail.
    this.addSql(`create function "risk_model_activations_append_only"() returns trigger language plpgsql as $$
      begin raise exception 'risk_model_activations is append-only: % refused', tg_op using errcode = 'P0001'; end $$;`);
    this.addSql(`create trigger "risk_model_activations_no_update_or_delete" before update or delete on "risk_model_activations"
      for each row execute function "risk_model_activations_append_only"();`);
    this.addSql(`create trigger "risk_model_activations_no_truncate" before truncate on "risk_model_activations"
      for each statement execute function "risk_model_activations_append_only"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "risk_model_activations" cascade;`);
    this.addSql(`drop function if exists "risk_model_activations_append_only"();`);
    this.addSql(`drop table if exists "risk_model_versions" cascade;`);
  }
}
