import { Migration } from '@mikro-orm/migrations';

const TERMINAL = `('refunded', 'exchanged', 'returned_to_customer', 'cancelled', 'expired', 'closed')`;

/**
 * The ops queue at a million cases (SPEC §7, issue 9):
 *  - two indexes in the queue's order within a priority, `(priority, sla_due_at, created_at, id)`: one over active
 *    cases only (the SLA-breached cases are a range of it) and one over all cases; the queue reads them range by
 *    range in its five-key order instead of sorting the table;
 *  - exact counts per (status, priority, risk label) for the summary cards, kept by triggers as append-only deltas
 *    (no row every writer waits on) that are folded into the totals now and then.
 */
export class Migration20261122060000_queue_at_scale extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index if exists "return_cases_queue_idx";`);
    this.addSql(`create index "return_cases_queue_active_idx" on "return_cases" ("priority", "sla_due_at", "created_at", "id") include ("status", "risk_label", "assignee_id") where "status" not in ${TERMINAL};`);
    this.addSql(`create index "return_cases_queue_order_idx" on "return_cases" ("priority", "sla_due_at", "created_at", "id") include ("status", "risk_label", "assignee_id");`);

    this.addSql(`create table "queue_counts" ("status" "case_status" not null, "priority" "case_priority" not null, "risk_label" "risk_label" null, "n" bigint not null,
      constraint "queue_counts_key" unique nulls not distinct ("status", "priority", "risk_label"));`);
    this.addSql(`create table "queue_count_deltas" ("id" bigserial primary key, "status" "case_status" not null, "priority" "case_priority" not null, "risk_label" "risk_label" null, "delta" integer not null);`);

    // Folds the committed deltas into the totals. Callers hold the advisory lock, so two folds never overlap.
    this.addSql(`create function "queue_counts_compact"() returns void language sql as $$
      with moved as (delete from "queue_count_deltas" returning "status", "priority", "risk_label", "delta"),
           sums as (select "status", "priority", "risk_label", sum("delta")::bigint as "d" from moved group by 1, 2, 3)
      insert into "queue_counts" as q ("status", "priority", "risk_label", "n")
      select "status", "priority", "risk_label", "d" from sums order by 1, 2, 3
      on conflict on constraint "queue_counts_key" do update set "n" = q."n" + excluded."n";
    $$;`);
    // Recounts from scratch (after a bulk load with triggers off, or to repair).
    this.addSql(`create function "queue_counts_rebuild"() returns void language sql as $$
      lock table "return_cases" in share mode;
      delete from "queue_count_deltas";
      delete from "queue_counts";
      insert into "queue_counts" ("status", "priority", "risk_label", "n")
      select "status", "priority", "risk_label", count(*) from "return_cases" group by 1, 2, 3;
    $$;`);
    this.addSql(`create function "queue_counts_track"() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'INSERT' then
          insert into "queue_count_deltas" ("status", "priority", "risk_label", "delta") values (old."status", old."priority", old."risk_label", -1);
        end if;
        if tg_op <> 'DELETE' then
          insert into "queue_count_deltas" ("status", "priority", "risk_label", "delta") values (new."status", new."priority", new."risk_label", 1);
        end if;
        -- About one write in fifty folds the deltas, unless another session is folding them right now.
        if random() < 0.02 and pg_try_advisory_xact_lock(72616002) then
          perform "queue_counts_compact"();
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger "return_cases_queue_counts_insert" after insert or delete on "return_cases" for each row execute function "queue_counts_track"();`);
    this.addSql(`create trigger "return_cases_queue_counts_update" after update of "status", "priority", "risk_label" on "return_cases" for each row
      when (old."status" is distinct from new."status" or old."priority" is distinct from new."priority" or old."risk_label" is distinct from new."risk_label")
      execute function "queue_counts_track"();`);
    this.addSql(`select "queue_counts_rebuild"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "return_cases_queue_counts_update" on "return_cases";`);
    this.addSql(`drop trigger if exists "return_cases_queue_counts_insert" on "return_cases";`);
    this.addSql(`drop function if exists "queue_counts_track"();`);
    this.addSql(`drop function if exists "queue_counts_rebuild"();`);
    this.addSql(`drop function if exists "queue_counts_compact"();`);
    this.addSql(`drop table if exists "queue_count_deltas";`);
    this.addSql(`drop table if exists "queue_counts";`);
    this.addSql(`drop index if exists "return_cases_queue_order_idx";`);
    this.addSql(`drop index if exists "return_cases_queue_active_idx";`);
    this.addSql(`create index "return_cases_queue_idx" on "return_cases" ("sla_due_at", "created_at", "id");`);
  }
}
