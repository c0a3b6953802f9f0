import type { CaseTransitionEffects } from './case-workflow.service.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../../logger.js';
import type { Clock } from '../../shared/clock.js';
import { DAY_MS, HOUR_MS } from '../../shared/clock.js';
import { SlaTimeoutAction } from '../users/user.enums.js';
import { SYSTEM_ACTOR } from './actor.js';
import { recordCaseChange } from './case-changes.js';
import type { CaseWorkflow } from './case-workflow.service.js';
import { CasePriority, CaseStatus } from './return-case.enums.js';
import type { ReturnCase } from './return-case.entity.js';
import { DISPUTE_WITHIN_DAYS, SHIP_WITHIN_DAYS, disputeDeadline, resolutionDueAt, shipDeadline } from './sla.js';
import { changeCaseAsSystem } from './system-case-change.js';
import { refusal } from './transitions.js';

/** Statuses in which the merchant's answer is awaited, so its response deadline runs. */
export const AWAITING_MERCHANT: readonly CaseStatus[] = [CaseStatus.SUBMITTED, CaseStatus.IN_REVIEW, CaseStatus.WAITING_MERCHANT];
const AWAITING_SQL = AWAITING_MERCHANT.map((s) => `'${s}'`).join(', ');

export interface ScheduledMovesSummary {
  reminders: number;
  escalated: number;
  autoApproved: number;
  autoRejected: number;
  expired: number;
  closed: number;
}

type Outcome = keyof ScheduledMovesSummary;

/** Each check is the authority on its timer: it runs on the locked, fresh row, so a move happens once. */
const reminderDue = (rc: ReturnCase, now: Date): boolean => {
  const due = rc.merchantResponseDueAt;
  if (!due || !AWAITING_MERCHANT.includes(rc.status) || rc.slaReminderFor?.getTime() === due.getTime()) return false;
  const halfway = due.getTime() - (rc.merchant.responseSlaHours * HOUR_MS) / 2;
  return now.getTime() >= halfway && now < due;
};
const timeoutDue = (rc: ReturnCase, now: Date): boolean => {
  const due = rc.merchantResponseDueAt;
  return !!due && AWAITING_MERCHANT.includes(rc.status) && now >= due && rc.merchantTimeoutFor?.getTime() !== due.getTime();
};
const shipmentOverdue = (rc: ReturnCase, now: Date): boolean =>
  rc.status === CaseStatus.APPROVED && !!rc.decidedAt && now > shipDeadline(rc.decidedAt);
const disputeWindowOver = (rc: ReturnCase, now: Date): boolean =>
  rc.status === CaseStatus.REJECTED && !!rc.decidedAt && now > disputeDeadline(rc.decidedAt);

/**
 * The automatic moves of SPEC §5, driven by the injected clock: a reminder to the merchant at half its response
 * time, its policy's action at the deadline, expiry of approved returns not shipped in 7 days, and closure of
 * rejections not disputed in 7 days. Safe to run twice or on several workers at once: every move re-checks its
 * timer on the locked row and records what it did, so each fires exactly once.
 */
export class ScheduledMoves {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** What a system move sets off (an automatic approval issues the return label). */
    private readonly effects: CaseTransitionEffects,
    private readonly batchSize = 200,
  ) {}

  async runDue(): Promise<ScheduledMovesSummary> {
    const summary: ScheduledMovesSummary = { reminders: 0, escalated: 0, autoApproved: 0, autoRejected: 0, expired: 0, closed: 0 };
    const count = (outcome: Outcome | null) => {
      if (outcome) summary[outcome]++;
    };
    // Reminders first: a case that is both half-way and due (a worker that was down) gets its deadline action only.
    await this.each(
      `select rc.id from return_cases rc join merchant_profiles m on m.id = rc.merchant_id
        where rc.status in (${AWAITING_SQL}) and rc.merchant_response_due_at > ?
          and rc.merchant_response_due_at - m.response_sla_hours * interval '30 minutes' <= ?
          and rc.sla_reminder_for is distinct from rc.merchant_response_due_at
        order by rc.merchant_response_due_at limit ?`,
      (now) => [now, now],
      (id) => this.remind(id).then(count),
    );
    await this.each(
      `select id from return_cases where status in (${AWAITING_SQL}) and merchant_response_due_at <= ?
          and merchant_timeout_for is distinct from merchant_response_due_at
        order by merchant_response_due_at limit ?`,
      (now) => [now],
      (id) => this.applyTimeoutPolicy(id).then(count),
    );
    await this.each(
      `select id from return_cases where status = 'approved' and decided_at < ? order by decided_at limit ?`,
      (now) => [new Date(now.getTime() - SHIP_WITHIN_DAYS * DAY_MS)],
      (id) => this.expire(id).then(count),
    );
    await this.each(
      `select id from return_cases where status = 'rejected' and decided_at < ? order by decided_at limit ?`,
      (now) => [new Date(now.getTime() - DISPUTE_WITHIN_DAYS * DAY_MS)],
      (id) => this.close(id).then(count),
    );
    return summary;
  }

  /** Runs `work` for each candidate, batch after batch while batches come back full and something moved. */
  private async each(sql: string, params: (now: Date) => unknown[], work: (id: string) => Promise<void>): Promise<void> {
    for (let round = 0; round < 50; round++) {
      const rows = await this.em.fork().execute<{ id: string }[]>(sql, [...params(this.clock.now()), this.batchSize]);
      for (const { id } of rows) {
        try {
          await work(id);
        } catch (error) {
          // One case that cannot move must not hold up the others; it is tried again on the next run.
          this.logger.error({ err: error, caseId: id }, 'scheduled move failed');
        }
      }
      if (rows.length < this.batchSize) return;
    }
  }

  private remind(caseId: string): Promise<Outcome | null> {
    return changeCaseAsSystemWith(this.effects, this.em, this.clock, caseId, (tx, rc, _workflow, now) => {
      if (!reminderDue(rc, now)) return null;
      rc.slaReminderFor = rc.merchantResponseDueAt;
      recordCaseChange(tx, rc, {
        type: 'sla_reminder_sent',
        actor: SYSTEM_ACTOR,
        at: now,
        payload: { merchantResponseDueAt: rc.merchantResponseDueAt!.toISOString(), responseSlaHours: rc.merchant.responseSlaHours },
      });
      return 'reminders' as const;
    });
  }

  private applyTimeoutPolicy(caseId: string): Promise<Outcome | null> {
    return changeCaseAsSystemWith(this.effects, this.em, this.clock, caseId, async (tx, rc, workflow, now) => {
      if (!timeoutDue(rc, now)) return null;
      const due = rc.merchantResponseDueAt!;
      rc.merchantTimeoutFor = due;
      const policy = rc.merchant.slaTimeoutAction;
      const automatic = { automatic: 'merchant_response_overdue', policy, merchantResponseDueAt: due.toISOString() };
      const decision = policy === SlaTimeoutAction.AUTO_APPROVE ? CaseStatus.APPROVED : policy === SlaTimeoutAction.AUTO_REJECT ? CaseStatus.REJECTED : null;
      // A decision the table does not allow from here (e.g. while ops wait on the merchant) falls back to escalation.
      if (decision && !refusal(rc, decision, SYSTEM_ACTOR, now)) {
        const verb = decision === CaseStatus.APPROVED ? 'Approved' : 'Rejected';
        await workflow.applyTransition(tx, rc, decision, SYSTEM_ACTOR, now, {
          note: `${verb} automatically: the merchant did not respond by the deadline (policy: ${policy.replace('_', '-')}).`,
          payload: automatic,
        });
        return decision === CaseStatus.APPROVED ? ('autoApproved' as const) : ('autoRejected' as const);
      }
      this.escalate(tx, rc, now, { ...automatic, ...(decision ? { fallbackFrom: policy } : {}) });
      return 'escalated' as const;
    });
  }

  /** Back to ops as urgent: priority urgent (the resolution deadline follows), and off anyone's desk. */
  private escalate(tx: EntityManager, rc: ReturnCase, now: Date, payload: Record<string, unknown>): void {
    const fromPriority = rc.priority;
    const previousAssignee = rc.assignee?.id ?? null;
    rc.priority = CasePriority.URGENT;
    rc.slaDueAt = resolutionDueAt(rc.slaClockStartedAt, CasePriority.URGENT);
    rc.assignee = null;
    recordCaseChange(tx, rc, {
      type: 'escalated',
      actor: SYSTEM_ACTOR,
      at: now,
      payload: { ...payload, fromPriority, toPriority: CasePriority.URGENT, slaDueAt: rc.slaDueAt.toISOString(), unassigned: previousAssignee !== null },
    });
  }

  private expire(caseId: string): Promise<Outcome | null> {
    return this.decideBySystem(caseId, shipmentOverdue, CaseStatus.EXPIRED, `Not shipped within ${SHIP_WITHIN_DAYS} days of approval.`, 'expired');
  }

  private close(caseId: string): Promise<Outcome | null> {
    return this.decideBySystem(caseId, disputeWindowOver, CaseStatus.CLOSED, `Not disputed within ${DISPUTE_WITHIN_DAYS} days of the rejection.`, 'closed');
  }

  private decideBySystem(caseId: string, due: (rc: ReturnCase, now: Date) => boolean, to: CaseStatus, note: string, outcome: Outcome): Promise<Outcome | null> {
    return changeCaseAsSystemWith(this.effects, this.em, this.clock, caseId, async (tx, rc, workflow: CaseWorkflow, now) => {
      if (!due(rc, now)) return null;
      await workflow.applyTransition(tx, rc, to, SYSTEM_ACTOR, now, { note, payload: { automatic: outcome } });
      return outcome;
    });
  }
}

/** changeCaseAsSystem with this service's effects in front (keeps the call sites readable). */
function changeCaseAsSystemWith<T>(effects: CaseTransitionEffects, em: EntityManager, clock: Clock, caseId: string, change: Parameters<typeof changeCaseAsSystem<T>>[3]) {
  return changeCaseAsSystem(em, clock, caseId, change, effects);
}
