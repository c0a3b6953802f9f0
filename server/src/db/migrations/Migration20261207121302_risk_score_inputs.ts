import { Migration } from '@mikro-orm/migrations';

/**
 * Issue #21: each score keeps the raw model inputs it was computed from (the feature contract's CaseFeatureSource),
 * so the training set reads a case's inputs as they were when it was opened instead of reconstructing them later
 * (the current priority and deadline, later evidence and later decisions leaked the label). Null for scores
 * written before this migration: those cases are left out of the training set.
 */
export class Migration20261207121302_risk_score_inputs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "risk_scores" add column "inputs" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "risk_scores" drop column if exists "inputs";`);
  }
}
