import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 22 §2 and §4: what the customer chose (refund, store credit, exchange) and what the merchant's rules set on
 * the case (keep the item, the credit bonus, the fees), the refund reconciled at inspection when money moved earlier,
 * and the merchant's choice of when money moves. Existing cases keep their behaviour: an exchange case's outcome is
 * EXCHANGE, every other REFUND; every merchant refunds after inspection.
 */
export class Migration20261207143301_case_outcomes_refund_timing extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "return_outcome" as enum ('refund', 'store_credit', 'exchange', 'keep_item');`);
    this.addSql(`create type "refund_timing" as enum ('at_approval', 'first_carrier_scan', 'warehouse_delivery', 'after_inspection');`);
    this.addSql(`alter table "return_cases"
      add column "outcome" "return_outcome" not null default 'refund',
      add column "keep_item" boolean not null default false,
      add column "keep_item_rule" varchar(200) null,
      add column "store_credit_bonus_percent" int null,
      add column "restocking_fee_percent" int null,
      add column "return_shipping_fee_minor" int not null default 0,
      add column "reconciliation_paid_minor" int null,
      add column "reconciliation_due_minor" int null,
      add column "reconciliation_flagged_at" timestamptz null;`);
    this.addSql(`update "return_cases" set "outcome" = 'exchange' where "type" = 'exchange';`);
    this.addSql(`alter table "return_cases" add constraint "return_cases_outcome_chosen" check ("outcome" <> 'keep_item');`);
    this.addSql(`alter table "return_cases" add constraint "return_cases_fees_non_negative" check ("return_shipping_fee_minor" >= 0 and ("store_credit_bonus_percent" is null or "store_credit_bonus_percent" between 0 and 100));`);
    this.addSql(`alter table "merchant_profiles" add column "refund_timing" "refund_timing" not null default 'after_inspection';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "merchant_profiles" drop column "refund_timing";`);
    this.addSql(`alter table "return_cases" drop constraint "return_cases_fees_non_negative", drop constraint "return_cases_outcome_chosen",
      drop column "outcome", drop column "keep_item", drop column "keep_item_rule", drop column "store_credit_bonus_percent",
      drop column "restocking_fee_percent", drop column "return_shipping_fee_minor", drop column "reconciliation_paid_minor",
      drop column "reconciliation_due_minor", drop column "reconciliation_flagged_at";`);
    this.addSql(`drop type "refund_timing";`);
    this.addSql(`drop type "return_outcome";`);
  }
}
