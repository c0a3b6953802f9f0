import { describe, expect, it } from 'vitest';
import type { Viewer } from '../auth/viewer.js';
import { Role } from '../users/user.enums.js';
import {
  CASE_EVENT_TYPES,
  CASE_EVENT_VISIBILITY,
  type EventActor,
  actorNameFor,
  audienceOf,
  hiddenEventTypesFor,
  isEventVisible,
  projectPayload,
} from './case-event-visibility.js';

const viewer = (role: Role, userId = `${role}-1`): Viewer => ({
  userId,
  username: `${role}.user`,
  role,
  merchantId: role === Role.MERCHANT ? 'm-1' : null,
  partnerTokenId: null,
  partnerTokenName: null,
  sessionId: 's',
});

describe('the case event visibility table', () => {
  // Like the role matrix: a new event type cannot ship without a reviewed row for each party.
  it('has a row with a rule for the customer and the merchant for every event type, and nothing else', () => {
    expect(Object.keys(CASE_EVENT_VISIBILITY).sort()).toEqual([...CASE_EVENT_TYPES].sort());
    for (const type of CASE_EVENT_TYPES) {
      for (const party of ['customer', 'merchant'] as const) {
        const rule = CASE_EVENT_VISIBILITY[type][party];
        expect(rule, `${type} → ${party}`).toBeDefined();
        expect('hidden' in rule || Array.isArray(rule.fields), `${type} → ${party}`).toBe(true);
      }
    }
  });

  it('hides staff work from both parties, and restocking from the customer only', () => {
    for (const type of ['priority_changed', 'assigned', 'internal_note_added', 'risk_scored', 'refund_retries_exhausted']) {
      expect(isEventVisible(type, 'customer'), type).toBe(false);
      expect(isEventVisible(type, 'merchant'), type).toBe(false);
      expect(isEventVisible(type, 'staff'), type).toBe(true);
    }
    expect(isEventVisible('items_restocked', 'customer')).toBe(false);
    expect(isEventVisible('items_restocked', 'merchant')).toBe(true);
    expect(isEventVisible('refund_retry_scheduled', 'customer')).toBe(true); // told the refund is tried again
    expect(hiddenEventTypesFor('staff')).toEqual([]);
  });

  it("keeps the upload of inspection photos out of the customer's history", () => {
    const inspection = { kind: 'inspection', documents: [{ fileName: 'scuffs.jpg' }] };
    expect(projectPayload('document_uploaded', inspection, 'customer')).toBeNull();
    expect(projectPayload('document_uploaded', inspection, 'merchant')).toEqual(inspection);
    expect(projectPayload('document_uploaded', { kind: 'evidence', documents: [] }, 'customer')).toEqual({ kind: 'evidence', documents: [] });
  });

  it('denies an event type the table does not know', () => {
    expect(isEventVisible('something_new', 'customer')).toBe(false);
    expect(isEventVisible('something_new', 'merchant')).toBe(false);
    expect(projectPayload('something_new', { a: 1 }, 'merchant')).toBeNull();
    expect(projectPayload('something_new', { a: 1 }, 'staff')).toEqual({ a: 1 });
  });

  it("keeps only a party's fields: no risk label or limit for the customer, no provider error for anyone", () => {
    const approval = { action: 'Approve', automatic: true, riskLabel: 'low', limitMinor: 2500, note: "Approved automatically: under the merchant's auto-approve limit and low escalation risk." };
    expect(projectPayload('status_changed', approval, 'customer')).toEqual({ action: 'Approve', automatic: true, note: "Approved automatically under the merchant's return policy." });
    expect(projectPayload('status_changed', approval, 'merchant')).toEqual({ action: 'Approve', automatic: true, limitMinor: 2500, note: "Approved automatically under the merchant's return policy." });
    expect(projectPayload('status_changed', approval, 'staff')).toBe(approval);
    const failed = { action: 'Refund failed', error: 'refund_declined', refundId: 'r', providerRefundId: null, amountMinor: 100, retryWithSameKey: false };
    expect(projectPayload('status_changed', failed, 'customer')).toEqual({ action: 'Refund failed', amountMinor: 100 });
    expect(projectPayload('status_changed', failed, 'merchant')).toEqual({ action: 'Refund failed', amountMinor: 100 });
    // A person's note on an ordinary decision is the party's to read.
    expect(projectPayload('status_changed', { action: 'Reject', note: 'Seal broken.' }, 'customer')).toEqual({ action: 'Reject', note: 'Seal broken.' });
  });

  it('names actors to the parties by team, shop or "You", never by username', () => {
    const customerViewer = viewer(Role.CUSTOMER, 'c-1');
    const actor = (id: string | null, role: string | null, displayName: string | null, label: string): EventActor => ({ id, role, displayName, label });
    const ops = actor('o-1', Role.OPS, 'Olivia Ops', 'ops.demo');
    const admin = actor('a-1', Role.ADMIN, 'Ada Admin', 'admin.demo');
    const shop = actor('m-user', Role.MERCHANT, 'Northwind Goods', 'partner:erp');
    const buyer = actor('c-1', Role.CUSTOMER, 'Casey Customer', 'customer.one');
    const system = actor(null, null, null, 'system');
    expect([ops, admin, shop, buyer, system].map((a) => actorNameFor(a, 'customer', customerViewer))).toEqual(['ReturnHub support', 'ReturnHub support', 'Northwind Goods', 'You', 'Automatic']);
    expect([ops, admin, shop, buyer, system].map((a) => actorNameFor(a, 'merchant', viewer(Role.MERCHANT)))).toEqual(['ReturnHub support', 'ReturnHub support', 'Northwind Goods', 'Casey Customer', 'Automatic']);
    expect([ops, shop, system].map((a) => actorNameFor(a, 'staff', viewer(Role.OPS)))).toEqual(['ops.demo', 'partner:erp', 'system']);
    // An actor whose role is unknown is named as the team: never by its label.
    expect(actorNameFor(actor('x', null, null, 'someone.else'), 'customer', customerViewer)).toBe('ReturnHub support');
  });

  it('treats ops and admins as staff, merchants (and their partner tokens) as the merchant, everyone else as the customer', () => {
    expect([Role.OPS, Role.ADMIN, Role.MERCHANT, Role.CUSTOMER].map((r) => audienceOf(viewer(r)))).toEqual(['staff', 'staff', 'merchant', 'customer']);
    expect(audienceOf(null)).toBe('customer');
  });
});
