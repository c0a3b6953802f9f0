import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode, badInput, conflict, notFound } from '../../errors/domain-error.js';
import type { Clock } from '../../shared/clock.js';
import { isUuid } from '../../shared/ids.js';
import type { Viewer } from '../auth/viewer.js';
import { User } from '../users/user.entity.js';
import { Role } from '../users/user.enums.js';
import { type Actor, SYSTEM_ACTOR, actorOf, isStaffActor } from './actor.js';
import { findVisibleCase } from '../access/access.js';
import { recordCaseChange } from './case-changes.js';
import { CaseNote } from './case-note.entity.js';
import { type CasePriority, CaseStatus, NoteVisibility, isActiveStatus } from './return-case.enums.js';
import { ReturnCase } from './return-case.entity.js';
import { merchantResponseDueAt, resolutionDueAt } from './sla.js';
import { findTransition, refusal, termsOf } from './transitions.js';

export const MAX_NOTE_LENGTH = 5_000;

/**
 * What else must happen when a case enters a status, inside the same transaction (e.g. a return label is issued
 * on approval, whichever path led there). Supplied by the composition root (http/context.ts), so every
 * workflow — a request's, a job's, a webhook's — applies the same effects.
 */
export interface CaseTransitionEffects {
  /** `workflow` is the one making the move, for an effect that moves the case on (e.g. a kept item's refund at approval). */
  afterTransition(tx: EntityManager, rc: ReturnCase, from: CaseStatus, to: CaseStatus, actor: Actor, now: Date, workflow: CaseWorkflow): Promise<void>;
}

export interface TransitionOptions {
  note?: string | null;
  payload?: Record<string, unknown>;
  /** Set by dedicated operations (shipment, inspection…) that collected what their move needs, or a system path of the row. */
  dedicated?: string;
}

/**
 * Every change of a case after it was opened. Each public method is one transaction: it loads the case
 * through the ownership scope, checks the expected version, applies the change through the transition
 * table, and records the audit event and outbox messages with it.
 */
export class CaseWorkflow {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer | null,
    private readonly clock: Clock,
    private readonly effects: CaseTransitionEffects,
  ) {}

  /** Runs `change` on the case in one transaction, with optimistic locking on its version. */
  async change(caseId: string, expectedVersion: number | null | undefined, change: (tx: EntityManager, rc: ReturnCase, actor: Actor, now: Date) => Promise<void> | void, actor?: Actor): Promise<ReturnCase> {
    const by = actor ?? actorOf(this.requireViewer());
    return this.em.transactional(async (tx) => {
      const rc = await findVisibleCase(tx, this.viewer, caseId);
      if (expectedVersion !== null && expectedVersion !== undefined && rc.version !== expectedVersion) {
        throw conflict(`This case changed since you loaded it (version ${expectedVersion}, now ${rc.version}). Reload and try again.`, { currentVersion: rc.version });
      }
      await change(tx, rc, by, this.clock.now());
      await tx.flush();
      return rc;
    });
  }

  /**
   * For the system's own work (jobs, provider webhooks, follow-ups of a change): loads the case without a
   * viewer's scope and acts as SYSTEM_ACTOR unless another actor is named. Never reachable from the API directly.
   */
  changeAsSystem(caseId: string, change: (tx: EntityManager, rc: ReturnCase, actor: Actor, now: Date) => Promise<void> | void, actor: Actor = SYSTEM_ACTOR): Promise<ReturnCase> {
    return this.em.transactional(async (tx) => {
      const rc = isUuid(caseId) ? await tx.findOne(ReturnCase, { id: caseId }) : null;
      if (!rc) throw notFound('Return case', caseId);
      await change(tx, rc, actor, this.clock.now());
      await tx.flush();
      return rc;
    });
  }

  /** The generic move (`transitionReturnCase`): any row of the table that has no dedicated operation. */
  transition(caseId: string, to: CaseStatus, note: string | null | undefined, expectedVersion?: number | null): Promise<ReturnCase> {
    return this.change(caseId, expectedVersion, async (tx, rc, actor, now) => {
      const rule = findTransition(rc.status, to);
      if (rule?.dedicated) {
        throw new DomainError(ErrorCode.INVALID_TRANSITION, `Use ${rule.dedicated} to ${rule.action.toLowerCase()}: it records what this step needs.`, { operation: rule.dedicated });
      }
      await this.applyTransition(tx, rc, to, actor, now, { note });
    });
  }

  /**
   * THE place a case's status changes. Checks the transition table (roles and guards), then applies the
   * move's bookkeeping: milestones, clocks, item claims, the decision reason, and the audit record.
   */
  async applyTransition(tx: EntityManager, rc: ReturnCase, to: CaseStatus, actor: Actor, now: Date, options: TransitionOptions = {}): Promise<void> {
    await tx.populate(rc, ['items']);
    const refused = refusal(rc, to, actor, now);
    if (refused) throw new DomainError(refused.code === 'FORBIDDEN' ? ErrorCode.FORBIDDEN : ErrorCode.INVALID_TRANSITION, refused.message, { status: rc.status.toUpperCase(), to: to.toUpperCase() });
    const rule = findTransition(rc.status, to)!;
    const systemPath = actor.kind === 'system' && options.dedicated !== undefined && rule.systemPaths?.includes(options.dedicated);
    if (rule.dedicated && options.dedicated !== rule.dedicated && !systemPath) {
      throw new DomainError(ErrorCode.INVALID_TRANSITION, `Use ${rule.dedicated} to ${rule.action.toLowerCase()}.`, { operation: rule.dedicated });
    }
    const terms = termsOf(rule, rc, actor, now); // before the case changes: "for the merchant" is judged on its state now
    const note = normaliseNote(options.note, terms.requiresNote ? (terms.forMerchant ? `${terms.action} needs a note: say why the returns team decides in the merchant's place.` : `${rule.action} needs a reason.`) : null);
    const from = rc.status;

    rc.status = to;
    switch (to) {
      case CaseStatus.IN_REVIEW:
        rc.firstResponseAt ??= now;
        if (from === CaseStatus.WAITING_CUSTOMER || from === CaseStatus.WAITING_MERCHANT) {
          // The follow-up was answered: the resolution clock restarts.
          rc.slaClockStartedAt = now;
          rc.slaDueAt = resolutionDueAt(now, rc.priority);
        }
        break;
      case CaseStatus.WAITING_MERCHANT: {
        const merchant = await tx.populate(rc, ['merchant']);
        rc.merchantResponseDueAt = merchantResponseDueAt(now, merchant.merchant.responseSlaHours);
        rc.firstResponseAt ??= now;
        break;
      }
      case CaseStatus.WAITING_CUSTOMER:
        rc.firstResponseAt ??= now;
        break;
      case CaseStatus.APPROVED:
      case CaseStatus.REJECTED:
        rc.firstResponseAt ??= now;
        rc.decidedAt = now;
        rc.decisionReason = note;
        break;
      case CaseStatus.DISPUTED:
        rc.disputedAt = now;
        break;
      case CaseStatus.IN_TRANSIT:
        rc.shippedAt = now;
        break;
      case CaseStatus.RECEIVED:
        rc.receivedAt = now;
        break;
      case CaseStatus.INSPECTED:
        rc.inspectedAt = now;
        break;
      case CaseStatus.REFUNDED:
        rc.refundedAt = now;
        break;
      default:
        break;
    }
    if (from === CaseStatus.DISPUTED) rc.decisionReason = note;
    if (!isActiveStatus(to)) {
      rc.closedAt = now;
      // The items can be claimed again by a new case (the partial unique index only covers active rows).
      for (const item of rc.items) item.active = false;
    }

    recordCaseChange(tx, rc, {
      type: 'status_changed',
      actor,
      from,
      to,
      at: now,
      payload: { action: terms.action, ...(note ? { note } : {}), ...(terms.forMerchant ? { onBehalfOf: 'merchant' } : {}), ...options.payload },
    });
    // Follow-up questions and decisions are also told to the parties in the message thread.
    if (note && actor.userId && (terms.forMerchant || to === CaseStatus.WAITING_CUSTOMER || to === CaseStatus.WAITING_MERCHANT || to === CaseStatus.REJECTED || to === CaseStatus.DISPUTED || from === CaseStatus.DISPUTED)) {
      tx.create(CaseNote, { returnCase: rc, author: tx.getReference(User, actor.userId), visibility: NoteVisibility.MESSAGE, body: note, createdAt: now });
    }
    // What the new status brings with it (a return label on approval…), recorded just after the move itself.
    await this.effects.afterTransition(tx, rc, from, to, actor, new Date(now.getTime() + 1), this);
  }

  setPriority(caseId: string, priority: CasePriority, expectedVersion?: number | null): Promise<ReturnCase> {
    return this.change(caseId, expectedVersion, (tx, rc, actor, now) => {
      if (rc.priority === priority) return;
      const from = rc.priority;
      rc.priority = priority;
      rc.slaDueAt = resolutionDueAt(rc.slaClockStartedAt, priority);
      recordCaseChange(tx, rc, { type: 'priority_changed', actor, at: now, payload: { from, to: priority, slaDueAt: rc.slaDueAt.toISOString() } });
    });
  }

  assign(caseId: string, assigneeId: string | null, expectedVersion?: number | null): Promise<ReturnCase> {
    return this.change(caseId, expectedVersion, async (tx, rc, actor, now) => {
      let assignee: User | null = null;
      if (assigneeId !== null) {
        assignee = isUuid(assigneeId) ? await tx.findOne(User, { id: assigneeId, active: true, role: { $in: [Role.OPS, Role.ADMIN] } }) : null;
        if (!assignee) throw notFound('Ops agent', assigneeId);
      }
      if ((rc.assignee?.id ?? null) === (assignee?.id ?? null)) return;
      rc.assignee = assignee;
      recordCaseChange(tx, rc, { type: 'assigned', actor, at: now, payload: { assignee: assignee?.username ?? null } });
    });
  }

  /** Asks the customer or the merchant for information: the case waits on them, and the question is messaged. */
  requestFollowUp(caseId: string, party: 'customer' | 'merchant', message: string, expectedVersion?: number | null): Promise<ReturnCase> {
    const to = party === 'customer' ? CaseStatus.WAITING_CUSTOMER : CaseStatus.WAITING_MERCHANT;
    return this.change(caseId, expectedVersion, (tx, rc, actor, now) => this.applyTransition(tx, rc, to, actor, now, { note: message, payload: { followUpFrom: party } }));
  }

  /** The merchant's (or ops') decision on a case under review. */
  decide(caseId: string, decision: 'approve' | 'reject' | 'request_info', reason: string | null | undefined, expectedVersion?: number | null): Promise<ReturnCase> {
    const to = decision === 'approve' ? CaseStatus.APPROVED : decision === 'reject' ? CaseStatus.REJECTED : CaseStatus.WAITING_CUSTOMER;
    return this.change(caseId, expectedVersion, (tx, rc, actor, now) => this.applyTransition(tx, rc, to, actor, now, { note: reason }));
  }

  cancel(caseId: string, reason: string | null | undefined, expectedVersion?: number | null): Promise<ReturnCase> {
    return this.change(caseId, expectedVersion, (tx, rc, actor, now) => this.applyTransition(tx, rc, CaseStatus.CANCELLED, actor, now, { note: reason }));
  }

  dispute(caseId: string, reason: string, expectedVersion?: number | null): Promise<ReturnCase> {
    return this.change(caseId, expectedVersion, (tx, rc, actor, now) =>
      this.applyTransition(tx, rc, CaseStatus.DISPUTED, actor, now, { note: reason, dedicated: 'disputeDecision' }),
    );
  }

  /** Ops' final word on a disputed rejection: overturn (approve) or uphold (closed). */
  resolveDispute(caseId: string, outcome: 'overturn' | 'uphold', note: string, expectedVersion?: number | null): Promise<ReturnCase> {
    const to = outcome === 'overturn' ? CaseStatus.APPROVED : CaseStatus.CLOSED;
    return this.change(caseId, expectedVersion, (tx, rc, actor, now) =>
      this.applyTransition(tx, rc, to, actor, now, { note, dedicated: 'resolveDispute', payload: { dispute: outcome, final: true } }),
    );
  }

  /**
   * A note on the case. MESSAGE notes go to every party's thread; INTERNAL ones are for ops and admins only.
   * A message from the party a follow-up waits on is their answer: the case goes back to review.
   */
  async addNote(caseId: string, body: string, visibility: NoteVisibility): Promise<CaseNote> {
    const viewer = this.requireViewer();
    const actor = actorOf(viewer);
    if (visibility === NoteVisibility.INTERNAL && !isStaffActor(actor)) {
      // Not a leak: the caller can see the case; it just may not write internal notes.
      throw new DomainError(ErrorCode.FORBIDDEN, 'Only ops and admins can write internal notes.');
    }
    const text = normaliseNote(body, 'A note needs some text.')!;
    let note!: CaseNote;
    await this.change(caseId, null, async (tx, rc, _actor, now) => {
      note = tx.create(CaseNote, { returnCase: rc, author: tx.getReference(User, viewer.userId), visibility, body: text, createdAt: now });
      recordCaseChange(tx, rc, {
        type: visibility === NoteVisibility.INTERNAL ? 'internal_note_added' : 'message_added',
        actor,
        at: now,
        payload: visibility === NoteVisibility.INTERNAL ? {} : { noteId: note.id },
      });
      const answers =
        visibility === NoteVisibility.MESSAGE &&
        ((rc.status === CaseStatus.WAITING_CUSTOMER && actor.kind === 'customer') || (rc.status === CaseStatus.WAITING_MERCHANT && actor.kind === 'merchant'));
      if (answers) await this.applyTransition(tx, rc, CaseStatus.IN_REVIEW, actor, now, { payload: { answeredBy: actor.kind } });
    }, actor);
    return note;
  }

  private requireViewer(): Viewer {
    if (!this.viewer) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in to continue.');
    return this.viewer;
  }
}

function normaliseNote(note: string | null | undefined, requiredMessage: string | null): string | null {
  const text = note?.trim() ?? '';
  if (text.length > MAX_NOTE_LENGTH) throw badInput(`A note can be at most ${MAX_NOTE_LENGTH} characters.`, { field: 'note' });
  if (!text) {
    if (requiredMessage) throw badInput(requiredMessage, { field: 'note' });
    return null;
  }
  return text;
}

