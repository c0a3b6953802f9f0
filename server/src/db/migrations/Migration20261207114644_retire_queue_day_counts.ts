import { Migration } from '@mikro-orm/migrations';
import { Migration20261205160000_queue_day_counts } from './Migration20261205160000_queue_day_counts.js';
import { Migration20261205170000_queue_month_counts } from './Migration20261205170000_queue_month_counts.js';

/**
 * Issue 20 §5: the day and month counts (migrations queue_day_counts, queue_month_counts) only made numbered page
 * 1,001 of a million cases as fast as page 1; ops never goes there and the cursor connection serves deep reads. A deep
 * numbered page now costs an index scan with an offset. The summary counters stay as migration queue_at_scale made
 * them: the deltas per (status, priority, risk label), their fold and rebuild, and the triggers that write them.
 */
export class Migration20261207114644_retire_queue_day_counts extends Migration {
  override async up(): Promise<void> {
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
        -- About one write in fifty folds the deltas, unless another session is folding them right now.
        if random() < 0.02 and pg_try_advisory_xact_lock(72616002) then
          perform "queue_counts_compact"();
        end if;
        return null;
      end $$;`);
    // Folds the committed deltas into the totals. Callers hold the advisory lock, so two folds never overlap.
    this.addSql(`create or replace function "queue_counts_compact"() returns void language sql as $$
      with moved as (delete from "queue_count_deltas" returning "status", "priority", "risk_label", "delta"),
           sums as (select "status", "priority", "risk_label", sum("delta")::bigint as "d" from moved group by 1, 2, 3)
      insert into "queue_counts" as q ("status", "priority", "risk_label", "n")
      select "status", "priority", "risk_label", "d" from sums order by 1, 2, 3
      on conflict on constraint "queue_counts_key" do update set "n" = q."n" + excluded."n";
    $$;`);
    // Recounts from scratch (after a bulk load with triggers off, or to repair).
    this.addSql(`create or replace function "queue_counts_rebuild"() returns void language sql as $$
      lock table "return_cases" in share mode;
      delete from "queue_count_deltas";
      delete from "queue_counts";
      insert into "queue_counts" ("status", "priority", "risk_label", "n")
      select "status", "priority", "risk_label", count(*) from "return_cases" group by 1, 2, 3;
    $$;`);
    this.addSql(`drop table "queue_month_counts";`);
    this.addSql(`drop table "queue_day_counts";`);
    this.addSql(`alter table "queue_count_deltas" drop column "sla_day";`);
  }

  /** Back to the day and month counts: what those two migrations set up, again (their `up` only adds SQL). */
  override async down(): Promise<void> {
    await Migration20261205160000_queue_day_counts.prototype.up.call(this);
    await Migration20261205170000_queue_month_counts.prototype.up.call(this);
  }
}
