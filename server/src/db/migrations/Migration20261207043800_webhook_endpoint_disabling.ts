import { Migration } from '@mikro-orm/migrations';

/** Webhook endpoints whose every delivery fails for a day are disabled (and their owner told); re-enabled by hand. */
export class Migration20261207043800_webhook_endpoint_disabling extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "webhook_endpoints" add column "failing_since" timestamptz null, add column "disabled_at" timestamptz null, add column "disabled_reason" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "webhook_endpoints" drop column "failing_since", drop column "disabled_at", drop column "disabled_reason";`);
  }
}
