import type { EntityManager } from '@mikro-orm/postgresql';
import { type CaseFeatureSource, type LabeledCase, datasetFromRows } from '../../../../ml/src/index.js';
import { TERMINAL_STATUSES } from '../returns/return-case.enums.js';

export interface TrainingSet {
  csv: string;
  rows: number;
  positives: number;
  /** Closed cases left out: their first score has no stored inputs (scored before inputs were kept). */
  skipped: number;
}

/**
 * A training set from the database's own closed cases, in the feature contract's CSV format, oldest case first
 * (the trainer's time-ordered split relies on it). Features are the inputs stored with each case's first score,
 * taken when it was opened — never re-read later, when the timeout policy may have raised its priority and
 * deadline, more evidence may have arrived and the merchant decided more cases (this one included). The label is
 * whether it escalated: disputed, breached its resolution deadline, or escalated by the merchant-timeout policy.
 */
export async function trainingSetFromDatabase(em: EntityManager, onProgress: (done: number, total: number) => void = () => {}): Promise<TrainingSet> {
  const terminal = [...TERMINAL_STATUSES];
  const cases = await em.getConnection().execute<Array<{ inputs: CaseFeatureSource | null; escalated: boolean }>>(
    `select first.inputs,
            (rc.disputed_at is not null
              or (rc.closed_at is not null and rc.closed_at > rc.sla_due_at)
              or exists (select 1 from case_events e where e.return_case_id = rc.id and e.type = 'escalated')) as escalated
       from return_cases rc
       left join lateral (select s.inputs from risk_scores s where s.return_case_id = rc.id order by s.created_at, s.id limit 1) first on true
      where rc.status in (${terminal.map(() => '?').join(', ')})
      order by rc.created_at, rc.id`,
    terminal,
  );
  const rows: LabeledCase[] = [];
  for (const c of cases) if (c.inputs) rows.push({ ...currentInputs(c.inputs), escalated: c.escalated });
  onProgress(cases.length, cases.length);
  return { csv: datasetFromRows(rows), rows: rows.length, positives: rows.filter((r) => r.escalated).length, skipped: cases.length - rows.length };
}

/**
 * Stored inputs read as the current contract's: a score stored under contract 1.0.0 has no productCategory (products
 * had none then), which is exactly contract 2.0.0's 'unknown'. The stored snapshots stay as they were written.
 */
export function currentInputs(stored: Omit<CaseFeatureSource, 'productCategory'> & Partial<Pick<CaseFeatureSource, 'productCategory'>>): CaseFeatureSource {
  return { ...stored, productCategory: stored.productCategory ?? 'unknown' };
}
