import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../shared/clock.js';
import { type CaseTransitionEffects, CaseWorkflow } from './case-workflow.service.js';
import { ReturnCase } from './return-case.entity.js';

/**
 * A change the system makes to one case (scheduled moves, provider callbacks), outside any viewer's scope.
 * One transaction; the case row is locked with FOR UPDATE SKIP LOCKED, so of two workers reaching the same case
 * one works it and the other skips it, and the caller re-checks its condition on the fresh, locked row. The
 * version column still bumps, so a person's concurrent change of the case gets a CONFLICT, not a lost update.
 * Status changes go through `workflow.applyTransition` like everyone else's. Returns null when the case is
 * missing or another worker holds it.
 */
export async function changeCaseAsSystem<T>(
  em: EntityManager,
  clock: Clock,
  caseId: string,
  change: (tx: EntityManager, rc: ReturnCase, workflow: CaseWorkflow, now: Date) => Promise<T> | T,
  effects: CaseTransitionEffects,
): Promise<T | null> {
  return em.fork().transactional(async (tx) => {
    // Lock the case row alone (no joins: FOR UPDATE would lock the merchant's row too and serialise its cases).
    const rc = await tx.findOne(ReturnCase, { id: caseId }, { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE });
    if (!rc) return null;
    await tx.populate(rc, ['merchant']);
    const result = await change(tx, rc, new CaseWorkflow(tx, null, clock, effects), clock.now());
    await tx.flush();
    return result;
  });
}
