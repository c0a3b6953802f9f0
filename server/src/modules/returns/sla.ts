import { DAY_MS, HOUR_MS } from '../../shared/clock.js';
import { CasePriority } from './return-case.enums.js';

/** First-response and resolution targets by priority, in hours (SPEC §5). */
export const SLA_HOURS: Record<CasePriority, { firstResponse: number; resolution: number }> = {
  [CasePriority.LOW]: { firstResponse: 72, resolution: 240 },
  [CasePriority.MEDIUM]: { firstResponse: 48, resolution: 120 },
  [CasePriority.HIGH]: { firstResponse: 24, resolution: 72 },
  [CasePriority.URGENT]: { firstResponse: 8, resolution: 24 },
};

/** The resolution deadline of a case opened at `openedAt` with `priority`. */
export const resolutionDueAt = (openedAt: Date, priority: CasePriority): Date =>
  new Date(openedAt.getTime() + SLA_HOURS[priority].resolution * HOUR_MS);

/** The merchant's response deadline from its policy. */
export const merchantResponseDueAt = (openedAt: Date, responseSlaHours: number): Date =>
  new Date(openedAt.getTime() + responseSlaHours * HOUR_MS);

/** Days a customer has to ship after approval, and to dispute after a rejection. */
export const SHIP_WITHIN_DAYS = 7;
export const DISPUTE_WITHIN_DAYS = 7;

/** The last moment the items of a return approved at `decidedAt` may be shipped (later, the approval expires). */
export const shipDeadline = (decidedAt: Date): Date => new Date(decidedAt.getTime() + SHIP_WITHIN_DAYS * DAY_MS);

/** The last moment a rejection decided at `decidedAt` may be disputed (later, the case closes). */
export const disputeDeadline = (decidedAt: Date): Date => new Date(decidedAt.getTime() + DISPUTE_WITHIN_DAYS * DAY_MS);
