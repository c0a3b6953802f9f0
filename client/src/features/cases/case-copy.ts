import type { CaseStatus, Role } from '../../gql/graphql';

/** A move the API offers (ReturnCase.availableTransitions). */
export interface Transition {
  to: CaseStatus;
  action: string;
  requiresNote: boolean;
  /** The mutation that performs it. */
  operation: string;
  /** Ops or an admin deciding in the merchant's place: the note is required and recorded (the API says when). */
  forMerchant?: boolean;
}

/** What the dialog of a move says and asks for. The move itself (and whether a note is required) comes from the API. */
export interface ActionCopy {
  title: string;
  description?: string;
  fieldLabel: string;
  placeholder?: string;
  confirmLabel: string;
  tone: 'primary' | 'danger';
  /** Ask before moving even when no note is required (consequential moves). */
  confirm: boolean;
}

export function actionCopy(transition: Pick<Transition, 'to' | 'action' | 'operation' | 'forMerchant'>, role: Role): ActionCopy {
  const staff = role === 'OPS' || role === 'ADMIN';
  if (transition.forMerchant) {
    const approve = transition.to === 'APPROVED';
    return {
      title: `${transition.action}?`,
      description: `The merchant has not decided this return yet: the returns team ${approve ? 'approves' : 'rejects'} it in the merchant's place. Your note is recorded in the case history and sent to the customer and the merchant.`,
      fieldLabel: 'Why the returns team decides for the merchant (required)',
      placeholder: approve ? 'e.g. The merchant asked us to approve; the item is clearly defective.' : 'e.g. The merchant confirmed the item was used.',
      confirmLabel: transition.action,
      tone: approve ? 'primary' : 'danger',
      confirm: true,
    };
  }
  if (transition.operation === 'resolveDispute') {
    return transition.to === 'APPROVED'
      ? { title: 'Overturn the rejection', description: 'The return is approved and the customer can ship it back. This decision is final.', fieldLabel: 'Decision note', placeholder: 'Why the rejection does not stand', confirmLabel: 'Overturn and approve', tone: 'primary', confirm: true }
      : { title: 'Uphold the rejection', description: 'The case is closed and the rejection stands. This decision is final.', fieldLabel: 'Decision note', placeholder: 'Why the rejection stands', confirmLabel: 'Uphold rejection', tone: 'danger', confirm: true };
  }
  switch (transition.to) {
    case 'APPROVED':
      return {
        title: 'Approve this return?',
        description: 'The customer is told at once and has 7 days to ship the items back.',
        fieldLabel: 'Note to the customer (optional)',
        confirmLabel: 'Approve return',
        tone: 'primary',
        confirm: true,
      };
    case 'REJECTED':
      return {
        title: 'Reject this return',
        description: 'The customer sees your reason and can dispute the decision once, within 7 days.',
        fieldLabel: 'Reason for the rejection',
        placeholder: 'e.g. The item shows wear beyond normal use.',
        confirmLabel: 'Reject return',
        tone: 'danger',
        confirm: true,
      };
    case 'WAITING_CUSTOMER':
      return {
        title: 'Ask the customer for information',
        description: 'The question goes to the case messages. The case waits for the answer and its clock restarts when it comes.',
        fieldLabel: 'Question for the customer',
        placeholder: 'e.g. Could you send a photo of the damaged corner?',
        confirmLabel: 'Send question',
        tone: 'primary',
        confirm: true,
      };
    case 'WAITING_MERCHANT':
      return {
        title: 'Ask the merchant for information',
        description: `The question goes to the case messages and the merchant's response deadline starts again.`,
        fieldLabel: 'Question for the merchant',
        placeholder: 'e.g. Can you confirm which colour was shipped?',
        confirmLabel: 'Send question',
        tone: 'primary',
        confirm: true,
      };
    case 'DISPUTED':
      return {
        title: 'Dispute the decision',
        description: 'The returns team reviews the case again. You can dispute a decision only once, and their decision is final.',
        fieldLabel: 'Why do you disagree?',
        placeholder: 'Tell the returns team what the merchant missed.',
        confirmLabel: 'Send dispute',
        tone: 'primary',
        confirm: true,
      };
    case 'CANCELLED':
      return {
        title: 'Cancel this return?',
        description: 'Nothing is refunded, and the items can be returned again later while the return window is open.',
        fieldLabel: 'Reason (optional)',
        confirmLabel: 'Cancel return',
        tone: 'danger',
        confirm: true,
      };
    case 'RECEIVED':
      return {
        title: 'Mark the parcel received?',
        description: 'Inspection is next: record the condition of each item.',
        fieldLabel: 'Note (optional)',
        placeholder: 'e.g. Box dented, contents intact.',
        confirmLabel: 'Mark received',
        tone: 'primary',
        confirm: false,
      };
    case 'CLOSED':
      return { title: 'Close this case?', description: 'The rejection stands and the case is closed.', fieldLabel: 'Note (optional)', confirmLabel: 'Close case', tone: 'danger', confirm: true };
    default:
      return {
        title: `${transition.action}?`,
        fieldLabel: staff ? 'Note (optional)' : 'Message (optional)',
        confirmLabel: transition.action,
        tone: 'primary',
        confirm: false,
      };
  }
}

/** Operations a button performs (with a note dialog when needed). */
export const SUPPORTED_OPERATIONS: ReadonlySet<string> = new Set(['transitionReturnCase', 'disputeDecision', 'resolveDispute', 'markReturnReceived', 'retryRefund']);

/** Operations that need more than a note: the case page shows their own form (shipment, inspection) instead of a button. */
export const FORM_OPERATIONS: ReadonlySet<string> = new Set(['confirmReturnShipment', 'recordInspection']);

/** Moves that decide a case under review: the merchant's decision panel shows them apart from the rest. */
export const DECISION_TARGETS: ReadonlySet<CaseStatus> = new Set(['APPROVED', 'REJECTED', 'WAITING_CUSTOMER']);
