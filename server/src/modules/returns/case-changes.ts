import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../users/user.entity.js';
import type { Actor } from './actor.js';
import { CaseEvent } from './case-event.entity.js';
import { OutboxMessage } from './outbox-message.entity.js';
import type { CaseStatus } from './return-case.enums.js';
import type { ReturnCase } from './return-case.entity.js';

export interface CaseChange {
  type: string;
  actor: Actor;
  from?: CaseStatus | null;
  to?: CaseStatus | null;
  payload?: Record<string, unknown>;
  at: Date;
}

/** Background topics every change may owe; the job worker consumes them (at least once, idempotently). */
export const OutboxTopic = {
  CASE_CHANGED: 'case.changed',
  RESCORE: 'case.rescore',
} as const;

/**
 * Records one change of a case in the caller's unit of work: its audit event, the outbox message that tells
 * background work (notifications, live updates, partner webhooks), and a best-effort rescore request.
 * Flushed together with the change itself, so a rolled-back change leaves none of them.
 */
export function recordCaseChange(em: EntityManager, rc: ReturnCase, change: CaseChange): CaseEvent {
  const event = em.create(CaseEvent, {
    returnCase: rc,
    type: change.type,
    actor: change.actor.userId ? em.getReference(User, change.actor.userId) : null,
    actorLabel: change.actor.label,
    fromStatus: change.from ?? null,
    toStatus: change.to ?? null,
    payload: change.payload ?? {},
    createdAt: change.at,
  });
  em.create(OutboxMessage, {
    topic: OutboxTopic.CASE_CHANGED,
    caseId: rc.id,
    payload: { eventId: event.id, type: change.type, from: change.from ?? null, to: change.to ?? null, actor: change.actor.label },
    createdAt: change.at,
  });
  if (change.type !== 'risk_scored') {
    em.create(OutboxMessage, { topic: OutboxTopic.RESCORE, caseId: rc.id, payload: { reason: change.type }, createdAt: change.at });
  }
  return event;
}
