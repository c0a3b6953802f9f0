import type { EntityManager } from '@mikro-orm/postgresql';
import { type LabeledCase, datasetFromRows } from '../../../../ml/src/index.js';
import { TERMINAL_STATUSES } from '../returns/return-case.enums.js';
import { loadFeatureSource } from './risk-features.js';

/**
 * A training set from the database's own closed cases, in the feature contract's CSV format.
 * Features are taken as they were when the case was opened; the label is whether it escalated:
 * disputed, breached its resolution deadline, or escalated by the merchant-timeout policy.
 */
export async function trainingSetFromDatabase(em: EntityManager, onProgress: (done: number, total: number) => void = () => {}): Promise<{ csv: string; rows: number; positives: number }> {
  const terminal = [...TERMINAL_STATUSES];
  const cases = await em.getConnection().execute<Array<{ id: string; created_at: Date; escalated: boolean }>>(
    `select rc.id, rc.created_at,
            (rc.disputed_at is not null
              or (rc.closed_at is not null and rc.closed_at > rc.sla_due_at)
              or exists (select 1 from case_events e where e.return_case_id = rc.id and e.type = 'escalated')) as escalated
       from return_cases rc
      where rc.status in (${terminal.map(() => '?').join(', ')})
      order by rc.created_at, rc.id`,
    terminal,
  );
  const rows: LabeledCase[] = [];
  for (const [i, c] of cases.entries()) {
    const source = await loadFeatureSource(em, c.id, new Date(c.created_at));
    if (source) rows.push({ ...source, escalated: c.escalated });
    if ((i + 1) % 500 === 0 || i + 1 === cases.length) onProgress(i + 1, cases.length);
  }
  return { csv: datasetFromRows(rows), rows: rows.length, positives: rows.filter((r) => r.escalated).length };
}
