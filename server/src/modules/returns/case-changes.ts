import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../users/user.entity.js';
import type { Actor } from './actor.js';
import type { CaseEventType } from './case-event-visibility.js';
import { CaseEvent } from './case-event.entity.js';
import { OutboxMessage } from './outbox-message.entity.js';
import type { CaseStatus } from './return-case.enums.js';
import type { ReturnCase } from './return-case.entity.js';

export interface CaseChange {
  /** One of the types the visibility table rules on (case-event-visibility.ts): a new type needs its row first. */
  type: CaseEventType;
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
  for (const message of outboxMessagesOf(rc.id, event.id, change)) em.create(OutboxMessage, message);
  return event;
}

interface OutboxRow {
  topic: string;
  caseId: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/** The outbox messages a change owes (see OutboxTopic). */
function outboxMessagesOf(caseId: string, eventId: string, change: CaseChange): OutboxRow[] {
  const messages: OutboxRow[] = [{
    topic: OutboxTopic.CASE_CHANGED,
    caseId,
    payload: { eventId, type: change.type, from: change.from ?? null, to: change.to ?? null, actor: change.actor.label },
    createdAt: change.at,
  }];
  if (change.type !== 'risk_scored') messages.push({ topic: OutboxTopic.RESCORE, caseId, payload: { reason: change.type }, createdAt: change.at });
  return messages;
}

/**
 * The rows `recordCaseChange` would add, as data-modifying CTEs (`name as (insert …)`) with their parameters, for a
 * writer that puts them in one statement with its own rows instead of going through the unit of work.
 */
export function caseChangeCtes(caseId: string, change: CaseChange): { ctes: string; params: unknown[] } {
  const eventId = randomUUID();
  const messages = outboxMessagesOf(caseId, eventId, change);
  return {
    ctes: `case_event as (insert into case_events (id, return_case_id, type, actor_id, actor_label, from_status, to_status, payload, created_at)
             values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)),
           case_outbox as (insert into outbox_messages (topic, case_id, payload, created_at)
             values ${messages.map(() => '(?, ?, ?::jsonb, ?)').join(', ')})`,
    params: [
      eventId, caseId, change.type, change.actor.userId ?? null, change.actor.label, change.from ?? null, change.to ?? null, JSON.stringify(change.payload ?? {}), change.at,
      ...messages.flatMap((m) => [m.topic, m.caseId, JSON.stringify(m.payload), m.createdAt]),
    ],
  };
}
