import { Migration } from '@mikro-orm/migrations';

const TERMINAL = `('refunded', 'exchanged', 'returned_to_customer', 'cancelled', 'expired', 'closed')`;
/** The UTC date of a deadline: the unit the day counts are kept in (the queue SQL computes the same). */
const day = (row: string) => `(${row}."sla_due_at" at time zone 'UTC')::date`;

/**
 * Deep numbered pages of the ops queue (issue 9): case counts per (priority, terminal, UTC day of sla_due_at), so a
 * page that starts deep inside a "not breached" range of the queue starts its index scan at a day boundary and skips
 * only the rows of one day instead of every row before it (queue-sql.ts).
 *
 * The counts ride on the existing delta rows: each delta row also says the deadline's day, and the fold adds the
 * same rows to both `queue_counts` and `queue_day_counts` (terminal is the status's). A writer still inserts one
 * delta row per changed case row; the update trigger now also fires when a deadline moves to another day.
 */
export class Migration20261205160000_queue_day_counts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "queue_count_deltas" add column "sla_day" date null;`);
    this.addSql(`create table "queue_day_counts" ("priority" "case_priority" not null, "terminal" boolean not null, "sla_day" date not null, "n" bigint not null,
      constraint "queue_day_counts_pkey" primary key ("priority", "terminal", "sla_day"));`);

    this.addSql(`create or replace function "queue_counts_compact"() returns void language sql as $$
      with moved as (delete from "queue_count_deltas" returning "status", "priority", "risk_label", "sla_day", "delta"),
           days as (
             insert into "queue_day_counts" as q ("priority", "terminal", "sla_day", "n")
             select "priority", "status" in ${TERMINAL}, "sla_day", sum("delta")::bigint from moved where "sla_day" is not null
              group by 1, 2, 3 order by 1, 2, 3
             on conflict on constraint "queue_day_counts_pkey" do update set "n" = q."n" + excluded."n"),
           sums as (select "status", "priority", "risk_label", sum("delta")::bigint as "d" from moved group by 1, 2, 3)
      insert into "queue_counts" as q ("status", "priority", "risk_label", "n")
      select "status", "priority", "risk_label", "d" from sums order by 1, 2, 3
      on conflict on constraint "queue_counts_key" do update set "n" = q."n" + excluded."n";
    $$;`);
    this.addSql(`create or replace function "queue_counts_rebuild"() returns void language sql as $$
      lock table "return_cases" in share mode;
      delete from "queue_count_deltas";
      delete from "queue_counts";
      delete from "queue_day_counts";
      insert into "queue_counts" ("status", "priority", "risk_label", "n")
      select "status", "priority", "risk_label", count(*) from "return_cases" group by 1, 2, 3;
      insert into "queue_day_counts" ("priority", "terminal", "sla_day", "n")
      select "priority", "status" in ${TERMINAL}, ${day('return_cases')}, count(*) from "return_cases" group by 1, 2, 3;
    $$;`);
    this.addSql(`create or replace function "queue_counts_track"() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'INSERT' then
          insert into "queue_count_deltas" ("status", "priority", "risk_label", "sla_day", "delta") values (old."status", old."priority", old."risk_label", ${day('old')}, -1);
        end if;
        if tg_op <> 'DELETE' then
          insert into "queue_count_deltas" ("status", "priority", "risk_label", "sla_day", "delta") values (new."status", new."priority", new."risk_label", ${day('new')}, 1);
        end if;
        -- About one write in fifty folds the deltas, unless another session is folding them right now.
        if random() < 0.02 and pg_try_advisory_xact_lock(72616002) then
          perform "queue_counts_compact"();
        end if;
        return null;
      end $$;`);
    this.addSql(`drop trigger "return_cases_queue_counts_update" on "return_cases";`);
    this.addSql(`create trigger "return_cases_queue_counts_update" after update of "status", "priority", "risk_label", "sla_due_at" on "return_cases" for each row
      when (old."status" is distinct from new."status" or old."priority" is distinct from new."priority" or old."risk_label" is distinct from new."risk_label"
            or ${day('old')} is distinct from ${day('new')})
      execute function "queue_counts_track"();`);
    this.addSql(`select "queue_counts_rebuild"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger "return_cases_queue_counts_update" on "return_cases";`);
    this.addSql(`create trigger "return_cases_queue_counts_update" after update of "status", "priority", "risk_label" on "return_cases" for each row
      when (old."status" is distinct from new."status" or old."priority" is distinct from new."priority" or old."risk_label" is distinct from new."risk_label")
      execute function "queue_counts_track"();`);
    this.addSql(`create or replace function "queue_counts_track"() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'INSERT' then
          insert into "queue_count_deltas" ("status", "priority", "risk_label", "delta") values (old."status", old."priority", old."risk_label", -1);
        end if;
        if tg_op <> 'DELETE' then
          insert into "queue_count_deltas" ("status", "priority", "risk_label", "delta") values (new."status", new."priority", new."risk_label", 1);
        end if;
        if random() < 0.02 and pg_try_advisory_xact_lock(72616002) then
          perform "queue_counts_compact"();
        end if;
        return null;
      end $$;`);
    this.addSql(`create or replace function "queue_counts_rebuild"() returns void language sql as $$
      lock table "return_cases" in share mode;
      delete from "queue_count_deltas";
      delete from "queue_counts";
      insert into "queue_counts" ("status", "priority", "risk_label", "n")
      select "status", "priority", "risk_label", count(*) from "return_cases" group by 1, 2, 3;
    $$;`);
    this.addSql(`create or replace function "queue_counts_compact"() returns void language sql as $$
      with moved as (delete from "queue_count_deltas" returning "status", "priority", "risk_label", "delta"),
           sums as (select "status", "priority", "risk_label", sum("delta")::bigint as "d" from moved group by 1, 2, 3)
      insert into "queue_counts" as q ("status", "priority", "risk_label", "n")
      select "status", "priority", "risk_label", "d" from sums order by 1, 2, 3
      on conflict on constraint "queue_counts_key" do update set "n" = q."n" + excluded."n";
    $$;`);
    this.addSql(`drop table if exists "queue_day_counts";`);
    this.addSql(`alter table "queue_count_deltas" drop column "sla_day";`);
  }
}
