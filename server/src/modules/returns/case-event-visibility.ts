import type { Viewer } from '../auth/viewer.js';
import { DocumentKind } from '../documents/document.enums.js';
import { Role } from '../users/user.enums.js';
import type { CaseEventRow } from './case-row.js';

/**
 * THE rule for what the parties of a case see of its audit trail: which events, which of their payload's fields,
 * and how the actor is named. Ops and admins see every event as recorded. Every path that shows events to a
 * customer or a merchant goes through here: the case's timeline (queries, mutations' answers and the `caseUpdated`
 * subscription), the live feed's event filter, the milestone e-mails, the partner webhooks and the audit export.
 */

/** Every audit event type (CaseEvent.type). A new one needs a row in CASE_EVENT_VISIBILITY before it can be recorded. */
export const CASE_EVENT_TYPES = [
  'case_created',
  'status_changed',
  'message_added',
  'document_uploaded',
  'return_label_issued',
  'items_restocked',
  'priority_changed',
  'assigned',
  'internal_note_added',
  'risk_scored',
  'sla_reminder_sent',
  'escalated',
  'refund_retry_scheduled',
  'refund_retries_exhausted',
  'replacement_cancelled',
  'item_kept',
  'refund_issued_early',
  'refund_reconciled',
  'early_refund_failed',
  'store_credit_issued',
  'store_credit_spent',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/** Who looks at an event: a party of the case (`customer`, `merchant` — partner tokens included) or `staff`. */
export type Audience = 'customer' | 'merchant' | 'staff';
export type PartyAudience = Exclude<Audience, 'staff'>;

type Payload = Record<string, unknown>;

/**
 * What one party sees of one event type: nothing, or these payload fields (any other field is dropped), optionally
 * rewritten first, and not the events `hiddenWhen` picks out.
 */
export type PartyRule = { hidden: true } | { fields: readonly string[]; rewrite?: (payload: Payload) => Payload; hiddenWhen?: (payload: Payload) => boolean };

const hidden: PartyRule = { hidden: true };
const shown = (fields: readonly string[], options: { rewrite?: (payload: Payload) => Payload; hiddenWhen?: (payload: Payload) => boolean } = {}): PartyRule => ({ fields, ...options });

/** What a status change tells a party: the move, its note, and the parts of the payload that concern them. */
const STATUS_FIELDS = [
  'action', 'note', 'onBehalfOf', 'followUpFrom', 'answeredBy', 'dispute', 'final', 'automatic',
  'amountMinor', 'currency', 'carrier', 'trackingNumber', 'passed', 'refundAdjusted', 'reason', 'replacementOrderNumber', 'keepItem', 'paidEarly',
] as const;

/**
 * The automatic approval's note names the reasons (the auto-approve limit and the escalation risk); a party is
 * told only that it was automatic. Events recorded before this rule keep their old note: it is replaced here.
 */
const AUTOMATIC_APPROVAL_NOTE = "Approved automatically under the merchant's return policy.";
const neutralAutomaticApproval = (payload: Payload): Payload =>
  payload.automatic === true && ('riskLabel' in payload || 'limitMinor' in payload) ? { ...payload, note: AUTOMATIC_APPROVAL_NOTE } : payload;

/**
 * The table. Customers: their request, its decisions and milestones, the messages, the documents and the label —
 * never risk, internal notes, priority, assignment, stock or the payment provider's answers. Merchants are a party
 * to the case, not the returns team: the customer's view plus what concerns their own policy and stock (the
 * response reminder, the escalation of a late answer, restocking, their auto-approve limit) — still never risk,
 * internal notes, priority or assignment, and never a staff member's username.
 */
export const CASE_EVENT_VISIBILITY: Record<CaseEventType, Record<PartyAudience, PartyRule>> = {
  case_created: { customer: shown(['reason', 'type', 'outcome', 'keepItem', 'items', 'refund']), merchant: shown(['reason', 'type', 'outcome', 'keepItem', 'keepItemRule', 'items', 'refund', 'rules']) },
  status_changed: {
    customer: shown(STATUS_FIELDS, { rewrite: neutralAutomaticApproval }),
    merchant: shown([...STATUS_FIELDS, 'items', 'policy', 'fallbackFrom', 'merchantResponseDueAt', 'limitMinor', 'replacementOrderId'], { rewrite: neutralAutomaticApproval }),
  },
  message_added: { customer: shown(['noteId']), merchant: shown(['noteId']) },
  // Inspection photos are the merchant's and ops' working material (documents/document-policy.ts): the customer
  // reads them on the case once the inspection is recorded, but their upload is not part of the customer's history.
  document_uploaded: { customer: shown(['kind', 'documents'], { hiddenWhen: (p) => p.kind === DocumentKind.INSPECTION }), merchant: shown(['kind', 'documents']) },
  return_label_issued: { customer: shown(['carrier', 'trackingNumber']), merchant: shown(['carrier', 'trackingNumber']) },
  items_restocked: { customer: hidden, merchant: shown(['units']) },
  // The exchange's replacement order was cancelled (the order rules of SPEC §3): both parties are told, with the note.
  replacement_cancelled: { customer: shown(['orderId', 'orderNumber', 'note']), merchant: shown(['orderId', 'orderNumber', 'note']) },
  priority_changed: { customer: hidden, merchant: hidden },
  assigned: { customer: hidden, merchant: hidden },
  internal_note_added: { customer: hidden, merchant: hidden },
  risk_scored: { customer: hidden, merchant: hidden },
  sla_reminder_sent: { customer: hidden, merchant: shown(['merchantResponseDueAt', 'responseSlaHours']) },
  escalated: { customer: hidden, merchant: shown(['automatic', 'policy', 'fallbackFrom', 'merchantResponseDueAt']) },
  // The customer is told a failed refund will be tried again, and when (never the provider's answer).
  refund_retry_scheduled: { customer: shown(['retry', 'maxRetries', 'dueAt']), merchant: shown(['retry', 'maxRetries', 'dueAt']) },
  refund_retries_exhausted: { customer: hidden, merchant: hidden },
  // Issue 22: the goods stay with the customer (a merchant's rule); the merchant sees which rule, the customer not.
  item_kept: { customer: shown(['outcome']), merchant: shown(['outcome', 'rule']) },
  // The merchant's refund timing paid before inspection: both parties are told what and when.
  refund_issued_early: { customer: shown(['amountMinor', 'currency', 'outcome', 'timing']), merchant: shown(['amountMinor', 'currency', 'outcome', 'timing']) },
  // Inspection against a refund paid before it: ops settle any difference (never clawed back silently).
  refund_reconciled: { customer: hidden, merchant: shown(['paidMinor', 'dueMinor', 'differenceMinor']) },
  // A refund paid early that the provider refused: ops settle it (paid again at inspection).
  early_refund_failed: { customer: hidden, merchant: hidden },
  // Store credit issued on the case, or spent on its replacement order (modules/store-credit): both parties see it.
  store_credit_issued: { customer: shown(['amountMinor', 'bonusMinor', 'currency', 'balanceMinor']), merchant: shown(['amountMinor', 'bonusMinor', 'currency', 'balanceMinor']) },
  store_credit_spent: { customer: shown(['amountMinor', 'currency', 'balanceMinor', 'orderId']), merchant: shown(['amountMinor', 'currency', 'balanceMinor', 'orderId']) },
};

/** The audience of a viewer; anyone who is neither staff nor a merchant is treated as the customer (the narrowest view). */
export function audienceOf(viewer: Viewer | null): Audience {
  if (viewer?.role === Role.OPS || viewer?.role === Role.ADMIN) return 'staff';
  return viewer?.role === Role.MERCHANT ? 'merchant' : 'customer';
}

const ruleOf = (type: string, audience: PartyAudience): PartyRule =>
  (CASE_EVENT_VISIBILITY as Record<string, Record<PartyAudience, PartyRule> | undefined>)[type]?.[audience] ?? hidden; // unknown types: deny

/** Whether an audience sees events of this type at all (some of them may still be hidden by their payload: `projectPayload`). */
export function isEventVisible(type: string, audience: Audience): boolean {
  return audience === 'staff' || !('hidden' in ruleOf(type, audience));
}

/** The known event types an audience never sees, for a read to leave out in SQL; `projectPayload` still drops unknown types and payload-hidden events. */
export function hiddenEventTypesFor(audience: Audience): string[] {
  return audience === 'staff' ? [] : CASE_EVENT_TYPES.filter((type) => !isEventVisible(type, audience));
}

/** The payload as the audience sees it, or null when the event is hidden from it. */
export function projectPayload(type: string, payload: Record<string, unknown>, audience: Audience): Record<string, unknown> | null {
  if (audience === 'staff') return payload;
  const rule = ruleOf(type, audience);
  if ('hidden' in rule || rule.hiddenWhen?.(payload)) return null;
  const source = rule.rewrite ? rule.rewrite(payload) : payload;
  const visible: Record<string, unknown> = {};
  for (const field of rule.fields) if (field in source) visible[field] = source[field];
  return visible;
}

/** Who performed an event, as far as naming goes: the acting user's role and display name (a merchant's: its shop name). */
export interface EventActor {
  /** The acting user's id; null for the system. */
  id: string | null;
  role: string | null;
  /** The customer's display name, or the merchant's name for merchant staff and partner tokens. */
  displayName: string | null;
  /** As recorded: a username, `system`, or `partner:<token name>`. Shown to staff only. */
  label: string;
}

export const TEAM_NAME = 'ReturnHub support';
export const SYSTEM_NAME = 'Automatic';

/**
 * How an actor is named to an audience. Staff read the recorded label (usernames). Parties read team names:
 * "ReturnHub support" for ops and admins, the merchant's name for its staff and partner systems, "You" for the
 * customer reading their own actions (their display name for the merchant), "Automatic" for the system.
 */
export function actorNameFor(actor: EventActor, audience: Audience, viewer: Viewer | null): string {
  if (audience === 'staff') return actor.label;
  if (actor.id === null) return SYSTEM_NAME;
  if (actor.role === Role.MERCHANT) return actor.displayName ?? 'The merchant';
  if (actor.role === Role.CUSTOMER) return viewer?.userId === actor.id ? 'You' : (actor.displayName ?? 'The customer');
  return TEAM_NAME; // ops, admin, and anyone the table does not know: never a username
}

/**
 * How a user reachable from a case (a message's author, the assignee, a document's uploader, the customer) is
 * named to a viewer: as `actorNameFor` names actors, except that the viewer's own name stays theirs (the web app
 * marks "You" itself). `shopName` looks up a merchant user's shop (batched by the caller).
 */
export function userNameFor(
  user: { id: string; role: string; displayName: string },
  viewer: Viewer | null,
  shopName: (userId: string) => Promise<string | null>,
  /** The user `login` just signed in during this request (no viewer yet): their own answer names them as they are. */
  signedInUserId?: string,
): string | Promise<string> {
  if (audienceOf(viewer) === 'staff' || viewer?.userId === user.id || signedInUserId === user.id) return user.displayName;
  if (user.role === Role.CUSTOMER) return user.displayName;
  if (user.role === Role.MERCHANT) return shopName(user.id).then((name) => name ?? 'The merchant');
  return TEAM_NAME; // ops, admin, and any role the table does not know: never a staff member's name
}

/** An event as an audience sees it: its payload projected and its actor named; null when hidden. */
export interface VisibleEvent {
  payload: Record<string, unknown>;
  actorLabel: string;
}

export function eventFor<E extends { type: string; payload: Record<string, unknown> }>(
  event: E,
  actor: EventActor,
  audience: Audience,
  viewer: Viewer | null,
): (E & VisibleEvent) | null {
  const payload = projectPayload(event.type, event.payload, audience);
  if (payload === null) return null;
  return { ...event, payload, actorLabel: actorNameFor(actor, audience, viewer) };
}

/** The actor of an event row read by `caseEventsSql` (its facts joined to it). */
export const actorOfRow = (row: CaseEventRow): EventActor => ({
  id: row.actor?.id ?? null,
  role: row.actorFacts?.role ?? null,
  displayName: row.actorFacts?.displayName ?? null,
  label: row.actorLabel,
});

/** A case's timeline as the viewer sees it: hidden events left out, payloads projected, actors named. */
export function visibleEventRows(rows: CaseEventRow[], viewer: Viewer | null): CaseEventRow[] {
  const audience = audienceOf(viewer);
  if (audience === 'staff') return rows;
  return rows.flatMap((row) => eventFor(row, actorOfRow(row), audience, viewer) ?? []);
}

/** The actor of a managed event whose `actor` is loaded; a merchant user is named by the case's merchant (`merchantName`). */
export function actorOfEvent(event: { actor: { id: string; role: string; displayName: string } | null; actorLabel: string }, merchantName: string): EventActor {
  const role = event.actor?.role ?? null;
  return { id: event.actor?.id ?? null, role, displayName: role === Role.MERCHANT ? merchantName : (event.actor?.displayName ?? null), label: event.actorLabel };
}
