import type { EntityManager } from '@mikro-orm/postgresql';
import { type InsertPart, newRow } from '../../db/insert-rows.js';
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
 * The rows one change of a case owes — its audit event, the outbox message that tells background work
 * (notifications, live updates, partner webhooks), and a best-effort rescore request — as new entities, not yet
 * persisted. The one place that decides them: `recordCaseChange` hands them to the unit of work, and opening a case
 * writes them in its single statement (db/insert-rows.ts).
 */
export function caseChangeRows(em: EntityManager, rc: ReturnCase | string, change: CaseChange): { event: CaseEvent; messages: OutboxMessage[] } {
  const caseId = typeof rc === 'string' ? rc : rc.id;
  const event = newRow(em, CaseEvent, {
    returnCase: rc,
    type: change.type,
    actor: change.actor.userId ?? null,
    actorLabel: change.actor.label,
    fromStatus: change.from ?? null,
    toStatus: change.to ?? null,
    payload: change.payload ?? {},
    createdAt: change.at,
  });
  const messages = outboxMessagesOf(caseId, event.id, change).map((message) => newRow(em, OutboxMessage, message));
  return { event, messages };
}

/** The CTEs (`case_event`, `case_outbox`) that write `caseChangeRows` in a caller's single statement. */
export function caseChangeInserts(rows: { event: CaseEvent; messages: OutboxMessage[] }): InsertPart[] {
  return [{ name: 'case_event', entity: CaseEvent, rows: [rows.event] }, { name: 'case_outbox', entity: OutboxMessage, rows: rows.messages }];
}

/**
 * Records one change of a case in the caller's unit of work (`caseChangeRows`), flushed together with the change
 * itself, so a rolled-back change leaves none of them.
 */
export function recordCaseChange(em: EntityManager, rc: ReturnCase, change: CaseChange): CaseEvent {
  const { event, messages } = caseChangeRows(em, rc, change);
  em.persist([event, ...messages]);
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
