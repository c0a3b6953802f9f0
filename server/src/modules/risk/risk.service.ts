import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../../logger.js';
import type { Clock } from '../../shared/clock.js';
import type { Viewer } from '../auth/viewer.js';
import { SYSTEM_ACTOR, type Actor } from '../returns/actor.js';
import { findVisibleCase } from '../access/access.js';
import { caseChangeInserts, caseChangeRows, recordCaseChange } from '../returns/case-changes.js';
import { ReturnCase } from '../returns/return-case.entity.js';
import type { RiskLabel } from '../returns/return-case.enums.js';
import { insertCtes, newRow } from '../../db/insert-rows.js';
import { loadFeatureSource, loadNewCaseFeatureSource } from './risk-features.js';
import type { RiskModel } from './risk-model.js';
import { RiskScore } from './risk-score.entity.js';
import type { CaseRow, ReturnItemRow, RiskScoreRow } from '../returns/case-row.js';

/** Scores cases with the active model and keeps each score: a RiskScore row, the case's latest label, an audit event. */
export class RiskService {
  /** Latest scores a list already loaded in this request (the queue's single statement), by case id. */
  private readonly loaded = new Map<string, RiskScore | RiskScoreRow | null>();

  constructor(
    private readonly em: EntityManager,
    private readonly model: RiskModel,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Scores the case now and persists the result. The case's version is not bumped: a score is not an edit. */
  async scoreCase(caseId: string, actor: Actor = SYSTEM_ACTOR): Promise<RiskScore | null> {
    return this.em.transactional(async (tx) => {
      const now = this.clock.now();
      const source = await loadFeatureSource(tx, caseId, now);
      if (!source) return null;
      const result = this.model.scorer.score(source);
      const rc = tx.getReference(ReturnCase, caseId);
      const score = tx.create(RiskScore, {
        returnCase: rc,
        modelVersion: result.modelVersion,
        score: result.score,
        label: result.label as RiskLabel,
        reasonCodes: result.reasonCodes,
        features: result.features,
        inputs: source,
        createdAt: now,
      });
      await tx.getConnection().execute('update return_cases set risk_label = ?, risk_score = ? where id = ?', [result.label, result.score, caseId], 'run', tx.getTransactionContext());
      recordCaseChange(tx, rc, {
        type: 'risk_scored',
        actor,
        at: now,
        payload: scoredPayload(result),
      });
      await tx.flush();
      this.loaded.set(caseId, score);
      return score;
    });
  }

  /**
   * Scores a case being opened, inside its transaction `tx` (the case already flushed) and behind a savepoint:
   * the RiskScore row and its audit event and outbox message are kept with the case, and a failure rolls back
   * to the savepoint, is logged, and leaves the case without a score (null). The case's own `risk_label` and
   * `risk_score` columns are the caller's to write (OpenCaseService sets them with the case number). Reads only
   * what the new case's row, its order and items do not say (the customer's and merchant's history, evidence).
   */
  async scoreNewCase(tx: EntityManager, rc: CaseRow & { items: ReturnItemRow[] }, at: Date): Promise<RiskScoreRow | null> {
    try {
      // A savepoint of the connection, not a forked unit of work: the rows go in one statement.
      const score = await tx.getConnection().transactional(async (savepoint) => {
        const source = await loadNewCaseFeatureSource(tx, rc, at, savepoint);
        const result = this.model.scorer.score(source);
        // A plain row, like the case it scores; written with the event in one statement (db/insert-rows.ts), not through the unit of work.
        const created: RiskScoreRow = {
          id: randomUUID(),
          returnCase: { id: rc.id },
          modelVersion: result.modelVersion,
          score: result.score,
          label: result.label as RiskLabel,
          reasonCodes: result.reasonCodes,
          features: result.features,
          inputs: source,
          createdAt: at,
        };
        const written = insertCtes(tx, [
          { name: 'risk_score', entity: RiskScore, rows: [newRow(tx, RiskScore, { ...created, returnCase: rc.id })] },
          ...caseChangeInserts(caseChangeRows(tx, rc.id, { type: 'risk_scored', actor: SYSTEM_ACTOR, at, payload: scoredPayload(result) })),
        ]);
        await tx.getConnection().execute(`with ${written.ctes} select 1`, written.params, 'run', savepoint);
        return created;
      }, { ctx: tx.getTransactionContext() });
      this.loaded.set(rc.id, score);
      return score;
    } catch (error) {
      this.logger.warn({ err: error, caseId: rc.id }, 'risk scoring failed; the new case has no score');
      return null;
    }
  }

  /** Rescoring on request: only a case the viewer may see. */
  async rescoreVisible(viewer: Viewer | null, caseId: string): Promise<RiskScore> {
    const rc = await findVisibleCase(this.em, viewer, caseId);
    return (await this.scoreCase(rc.id))!;
  }

  /** Records a case's latest score (or that it has none) loaded by a list, so `latest` need not ask again. */
  remember(caseId: string, score: RiskScore | RiskScoreRow | null): void {
    this.loaded.set(caseId, score);
  }

  latest(caseId: string): Promise<RiskScore | RiskScoreRow | null> {
    if (this.loaded.has(caseId)) return Promise.resolve(this.loaded.get(caseId)!);
    return this.em.findOne(RiskScore, { returnCase: caseId }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  }
}

/** The `risk_scored` audit event's payload. */
function scoredPayload(result: { score: number; label: string; modelVersion: string; reasonCodes: { code: string }[] }): Record<string, unknown> {
  return { score: Math.round(result.score * 1000) / 1000, label: result.label, modelVersion: result.modelVersion, reasons: result.reasonCodes.map((r) => r.code) };
}
