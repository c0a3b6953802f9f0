import { Migration } from '@mikro-orm/migrations';

/** The simulated payment provider can answer late (SLOW, with a delay), to exercise the caller's timeout. */
export class Migration20261122081000_simulated_provider_slow extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter type "simulated_behaviour" add value if not exists 'slow';`);
    this.addSql(`alter table "simulated_provider_controls" add column "delay_ms" int null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "simulated_provider_controls" drop column "delay_ms";`);
    // PostgreSQL cannot drop an enum value; 'slow' stays unused.
  }
}
