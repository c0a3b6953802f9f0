import { notifiesAbout } from '../modules/notifications/case-notifications.service.js';
import { ORDER_EVENT_TOPIC } from '../modules/notifications/order-notifications.service.js';
import { REFUND_REQUESTED_TOPIC } from '../modules/refunds/refund.service.js';
import { OutboxTopic } from '../modules/returns/case-changes.js';
import { webhookEventFor } from '../modules/webhooks/webhook.enums.js';
import { JOB_QUEUED_TOPIC, type QueuedJob, TaskName, queuedJobOf } from '../shared/job-queue.js';

/** An outbox row as the relay reads it. */
export interface OutboxRow {
  id: string;
  topic: string;
  case_id: string | null;
  payload: Record<string, unknown>;
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Attempts before a job is given up and shown in `failedJobs`. */
export const MAX_ATTEMPTS = {
  notification: 10,
  webhookFanOut: 10,
  rescore: 3,
  /** Database or crash trouble only: provider failures of a case refund are recorded, not thrown. */
  refund: 10,
} as const;

/**
 * What background work each outbox topic implies. A topic without a route here is left in the outbox
 * (not marked dispatched) until a release that knows it is running, so no work is dropped.
 */
export const OUTBOX_ROUTES: Record<string, (row: OutboxRow) => QueuedJob[]> = {
  [OutboxTopic.CASE_CHANGED]: (row) => {
    const eventId = str(row.payload.eventId);
    const type = str(row.payload.type);
    if (!row.case_id || !eventId || !type) return [];
    const notice = { caseId: row.case_id, eventId, type, to: str(row.payload.to) };
    const jobs: QueuedJob[] = [];
    if (notifiesAbout(type, notice.to)) {
      jobs.push({ task: TaskName.SEND_CASE_NOTIFICATIONS, payload: notice, jobKey: `notify:${eventId}`, maxAttempts: MAX_ATTEMPTS.notification });
    }
    if (webhookEventFor(type)) {
      jobs.push({ task: TaskName.DISPATCH_CASE_WEBHOOKS, payload: notice, jobKey: `webhooks:${eventId}`, maxAttempts: MAX_ATTEMPTS.webhookFanOut });
    }
    return jobs;
  },
  // Many changes in a row collapse into one rescore while it waits (same key, replaced).
  [OutboxTopic.RESCORE]: (row) =>
    row.case_id
      ? [{ task: TaskName.RESCORE_CASE, payload: { caseId: row.case_id, reason: str(row.payload.reason) ?? 'changed' }, jobKey: `rescore:${row.case_id}`, maxAttempts: MAX_ATTEMPTS.rescore }]
      : [],
  // An order event the customer hears about (an admin's cancellation), once per event.
  [ORDER_EVENT_TOPIC]: (row) => {
    const orderId = str(row.payload.orderId);
    const eventId = str(row.payload.eventId);
    return orderId && eventId
      ? [{ task: TaskName.SEND_ORDER_NOTIFICATIONS, payload: { orderId, eventId }, jobKey: `notify-order:${eventId}`, maxAttempts: MAX_ATTEMPTS.notification }]
      : [];
  },
  // The provider call a refund row waits for; requests for one refund collapse while they wait.
  [REFUND_REQUESTED_TOPIC]: (row) => {
    const refundId = str(row.payload.refundId);
    return refundId ? [{ task: TaskName.PROCESS_REFUND, payload: { refundId }, jobKey: `refund:${refundId}`, maxAttempts: MAX_ATTEMPTS.refund }] : [];
  },
  // Any other job a change owes (queueJobs): the message is the job.
  [JOB_QUEUED_TOPIC]: (row) => {
    const job = queuedJobOf(row.payload);
    return job ? [job] : [];
  },
};
