import { registerEnumType } from 'type-graphql';

/** Case events a partner can subscribe to. Internal events (notes, risk, assignment) are never offered. */
export enum WebhookEventType {
  CASE_CREATED = 'case.created',
  CASE_STATUS_CHANGED = 'case.status_changed',
  CASE_MESSAGE_ADDED = 'case.message_added',
  CASE_SLA_REMINDER = 'case.sla_reminder',
  CASE_ESCALATED = 'case.escalated',
}
registerEnumType(WebhookEventType, { name: 'WebhookEventType', description: 'Case events a partner endpoint can receive.' });

/** The audit event types (CaseEvent.type) behind each webhook event. */
const BY_CASE_EVENT: Record<string, WebhookEventType> = {
  case_created: WebhookEventType.CASE_CREATED,
  status_changed: WebhookEventType.CASE_STATUS_CHANGED,
  message_added: WebhookEventType.CASE_MESSAGE_ADDED,
  sla_reminder_sent: WebhookEventType.CASE_SLA_REMINDER,
  escalated: WebhookEventType.CASE_ESCALATED,
};
export const webhookEventFor = (caseEventType: string): WebhookEventType | null => BY_CASE_EVENT[caseEventType] ?? null;

export enum WebhookDeliveryState {
  PENDING = 'pending',
  SUCCEEDED = 'succeeded',
  FAILED = 'failed',
  CANCELLED = 'cancelled',
}
registerEnumType(WebhookDeliveryState, {
  name: 'WebhookDeliveryState',
  description: 'PENDING: not delivered yet (retrying); FAILED: gave up after the last attempt; CANCELLED: the endpoint was deleted.',
});
