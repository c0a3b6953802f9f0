import { Migration } from '@mikro-orm/migrations';

// Carrier tracking (issue 22 §5): every tracking event a carrier reports for a case's return label, once per
// (carrier, event id), and the index the webhook finds a case by (the label's tracking number).
export class Migration20261207143415_case_tracking_events extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "tracking_event_kind" as enum ('label_scanned', 'in_transit', 'delivered_to_warehouse');`);
    this.addSql(`create table "case_tracking_events" ("id" uuid not null, "return_case_id" uuid not null, "carrier" varchar(60) not null, "event_id" varchar(255) not null, "kind" "tracking_event_kind" not null, "tracking_number" varchar(80) not null, "occurred_at" timestamptz not null, "location" varchar(200) not null, "description" varchar(500) not null, "received_at" timestamptz not null, "moved_to" "case_status" null, constraint "case_tracking_events_pkey" primary key ("id"));`);
    this.addSql(`alter table "case_tracking_events" add constraint "case_tracking_events_carrier_event_id_unique" unique ("carrier", "event_id");`);
    this.addSql(`create index "case_tracking_events_return_case_id_occurred_at_index" on "case_tracking_events" ("return_case_id", "occurred_at");`);
    this.addSql(`alter table "case_tracking_events" add constraint "case_tracking_events_return_case_id_foreign" foreign key ("return_case_id") references "return_cases" ("id") on update cascade;`);
    this.addSql(`create index "return_cases_label_tracking_number_idx" on "return_cases" ("label_tracking_number") where "label_tracking_number" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "return_cases_label_tracking_number_idx";`);
    this.addSql(`drop table "case_tracking_events";`);
    this.addSql(`drop type "tracking_event_kind";`);
  }
}
