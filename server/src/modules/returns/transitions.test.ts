import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../shared/clock.js';
import type { Actor, ActorKind } from './actor.js';
import { CaseStatus, ReturnType, TERMINAL_STATUSES } from './return-case.enums.js';
import { ReturnCase } from './return-case.entity.js';
import { TRANSITIONS, type TransitionRule, availableTransitions, refusal } from './transitions.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const KINDS: ActorKind[] = ['customer', 'merchant', 'ops', 'admin', 'system'];
const actor = (kind: ActorKind): Actor => ({ kind, userId: kind === 'system' ? null : `${kind}-id`, merchantId: null, label: kind });

/** A case in `rule.from` that satisfies the rule's guard. */
function caseFor(rule: Pick<TransitionRule, 'from' | 'to'>, overrides: Partial<ReturnCase> = {}): ReturnCase {
  return Object.assign(new ReturnCase(), {
    status: rule.from,
    type: rule.to === CaseStatus.EXCHANGED ? ReturnType.EXCHANGE : ReturnType.REFUND,
    merchantResponseDueAt: new Date(NOW.getTime() + HOUR_MS),
    decidedAt: new Date(NOW.getTime() - DAY_MS),
    disputedAt: null,
    inspectionPassed: rule.to === CaseStatus.RETURNED_TO_CUSTOMER ? false : true,
    // Only a kept item goes from approval straight to its refund or replacement.
    keepItem: rule.from === CaseStatus.APPROVED && (rule.to === CaseStatus.REFUND_PENDING || rule.to === CaseStatus.EXCHANGED),
    ...overrides,
  });
}

describe('the transition table', () => {
  describe.each(TRANSITIONS.map((rule) => [`${rule.from} → ${rule.to}`, rule] as const))('%s', (_name, rule) => {
    it.each(KINDS)('for %s: allowed exactly when the table lists the role', (kind) => {
      const answer = refusal(caseFor(rule), rule.to, actor(kind), NOW);
      if (rule.roles.includes(kind)) expect(answer).toBeNull();
      else expect(answer).toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  it('refuses every move that is not in the table, naming the current status', () => {
    const statuses = Object.values(CaseStatus);
    let checked = 0;
    for (const from of statuses) {
      for (const to of statuses) {
        if (TRANSITIONS.some((t) => t.from === from && t.to === to)) continue;
        const answer = refusal(caseFor({ from, to }), to, actor('admin'), NOW);
        expect(answer?.code).toBe('INVALID_TRANSITION');
        expect(answer?.message).toContain(from.replace(/_/g, ' '));
        checked++;
      }
    }
    expect(checked).toBe(statuses.length ** 2 - TRANSITIONS.length);
  });

  it('has no duplicate rows, leaves every active status, and never leaves a terminal one', () => {
    const keys = TRANSITIONS.map((t) => `${t.from}>${t.to}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const status of Object.values(CaseStatus)) {
      const outgoing = TRANSITIONS.filter((t) => t.from === status);
      if (TERMINAL_STATUSES.has(status)) expect(outgoing, status).toHaveLength(0);
      else expect(outgoing.length, status).toBeGreaterThan(0);
      if (status !== CaseStatus.SUBMITTED) expect(TRANSITIONS.some((t) => t.to === status), `${status} is reachable`).toBe(true);
    }
  });

  it('keeps a merchant to its response deadline, but not ops', () => {
    const late = caseFor({ from: CaseStatus.SUBMITTED, to: CaseStatus.APPROVED }, { merchantResponseDueAt: new Date(NOW.getTime() - 1) });
    expect(refusal(late, CaseStatus.APPROVED, actor('merchant'), NOW)?.message).toMatch(/deadline has passed/);
    expect(refusal(late, CaseStatus.APPROVED, actor('ops'), NOW)).toBeNull();
  });

  it('allows one dispute, within 7 days of the rejection', () => {
    const rule = { from: CaseStatus.REJECTED, to: CaseStatus.DISPUTED };
    expect(refusal(caseFor(rule, { decidedAt: new Date(NOW.getTime() - 7 * DAY_MS) }), CaseStatus.DISPUTED, actor('customer'), NOW)).toBeNull();
    expect(refusal(caseFor(rule, { decidedAt: new Date(NOW.getTime() - 7 * DAY_MS - 1) }), CaseStatus.DISPUTED, actor('customer'), NOW)?.message).toMatch(/within 7 days/);
    expect(refusal(caseFor(rule, { disputedAt: new Date(NOW.getTime() - HOUR_MS) }), CaseStatus.DISPUTED, actor('customer'), NOW)?.message).toMatch(/only once/);
  });

  it('routes an inspected case by its type and result', () => {
    const inspected = (type: ReturnType, passed: boolean) => caseFor({ from: CaseStatus.INSPECTED, to: CaseStatus.REFUND_PENDING }, { type, inspectionPassed: passed });
    const system = actor('system');
    expect(availableTransitions(inspected(ReturnType.REFUND, true), system, NOW).map((t) => t.to)).toEqual([CaseStatus.REFUND_PENDING]);
    expect(availableTransitions(inspected(ReturnType.EXCHANGE, true), system, NOW).map((t) => t.to)).toEqual([CaseStatus.EXCHANGED]);
    expect(availableTransitions(inspected(ReturnType.REFUND, false), system, NOW).map((t) => t.to)).toEqual([CaseStatus.RETURNED_TO_CUSTOMER]);
  });

  it('lets ops and admins decide for the merchant while the case waits on it, with a required note', () => {
    const waiting = caseFor({ from: CaseStatus.WAITING_MERCHANT, to: CaseStatus.APPROVED });
    for (const kind of ['ops', 'admin'] as const) {
      const moves = availableTransitions(waiting, actor(kind), NOW).map((t) => ({ to: t.to, action: t.action, requiresNote: t.requiresNote, forMerchant: t.forMerchant }));
      expect(moves, kind).toEqual([
        { to: CaseStatus.IN_REVIEW, action: 'Answer follow-up', requiresNote: false, forMerchant: false },
        { to: CaseStatus.APPROVED, action: 'Approve for the merchant', requiresNote: true, forMerchant: true },
        { to: CaseStatus.REJECTED, action: 'Reject for the merchant', requiresNote: true, forMerchant: true },
      ]);
    }
    // The merchant answers its follow-up itself; it is never "for the merchant".
    expect(availableTransitions(waiting, actor('merchant'), NOW).map((t) => t.to)).toEqual([CaseStatus.IN_REVIEW]);
  });

  it('treats ops deciding before the merchant\'s response deadline as deciding for the merchant, and after it as its own call', () => {
    const open = caseFor({ from: CaseStatus.IN_REVIEW, to: CaseStatus.APPROVED });
    const late = caseFor({ from: CaseStatus.IN_REVIEW, to: CaseStatus.APPROVED }, { merchantResponseDueAt: new Date(NOW.getTime() - 1) });
    const approve = (rc: ReturnCase, kind: ActorKind) => availableTransitions(rc, actor(kind), NOW).find((t) => t.to === CaseStatus.APPROVED)!;
    expect(approve(open, 'ops')).toMatchObject({ action: 'Approve for the merchant', requiresNote: true, forMerchant: true });
    expect(approve(late, 'ops')).toMatchObject({ action: 'Approve', requiresNote: false, forMerchant: false });
    expect(approve(open, 'merchant')).toMatchObject({ action: 'Approve', requiresNote: false, forMerchant: false });
    expect(approve(open, 'system')).toMatchObject({ forMerchant: false });
  });
});
