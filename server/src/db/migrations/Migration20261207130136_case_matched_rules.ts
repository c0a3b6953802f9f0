import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 22: every return rule a case met when it was opened (rule id, name, rule-set version, actions), as a jsonb
 * array; null for cases opened before rules were applied.
 */
export class Migration20261207130136_case_matched_rules extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "return_cases" add column "matched_rules" jsonb null;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table "return_cases" drop column "matched_rules";');
  }
}
