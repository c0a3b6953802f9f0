import type { CaseStatus, ReturnOutcome, ReturnType, SlaTimeoutAction } from '../../gql/graphql';
import { formatDateTime } from '../../lib/dates';
import { formatMoney } from '../../lib/money';

export interface NextStepInput {
  status: CaseStatus;
  type: ReturnType;
  /** STORE_CREDIT: the money goes to the customer's store credit with the merchant, with any bonus. */
  outcome?: ReturnOutcome | null;
  storeCreditBonusPercent?: number | null;
  refundAmountMinor: number;
  currency: string;
  /** The deadlines come from the API, which enforces them (ReturnCase.shipBy, ReturnCase.disputableUntil). */
  shipBy?: string | null;
  disputableUntil?: string | null;
  decisionReason?: string | null;
  merchantResponseDueAt?: string | null;
  merchant: { name: string; slaTimeoutAction: SlaTimeoutAction };
}

/** "What happens next" for the customer, in plain words, for each status. */
export function customerNextStep(rc: NextStepInput): { title: string; text: string } {
  const amount = formatMoney(rc.refundAmountMinor, rc.currency);
  const credit = rc.outcome === 'STORE_CREDIT';
  const bonus = rc.storeCreditBonusPercent ? ` plus a ${rc.storeCreditBonusPercent} % bonus` : '';
  const outcome = rc.type === 'EXCHANGE' ? 'a replacement' : credit ? `store credit of ${amount}${bonus}` : `your refund of ${amount}`;
  if (credit && rc.status === 'REFUND_PENDING') {
    return { title: 'Your store credit is on its way', text: `${amount}${bonus} is being added to your store credit with ${rc.merchant.name}.` };
  }
  if (credit && rc.status === 'REFUNDED') {
    return { title: 'Store credit added', text: `${amount}${bonus} was added to your store credit with ${rc.merchant.name}. Spend it on your next order with them; the balance is on Your orders.` };
  }
  switch (rc.status) {
    case 'SUBMITTED':
      return {
        title: `${rc.merchant.name} is looking at your request`,
        text: rc.merchantResponseDueAt
          ? `They answer by ${formatDateTime(rc.merchantResponseDueAt)}. If they do not, the ReturnHub returns team steps in.`
          : 'You will hear back soon. We will message you here.',
      };
    case 'IN_REVIEW':
      return { title: 'Your return is being reviewed', text: 'You will see the decision here, and any question in the messages below.' };
    case 'WAITING_CUSTOMER':
      return { title: 'We need a word from you', text: 'Answer the question in the messages below. The review continues as soon as you reply.' };
    case 'WAITING_MERCHANT':
      return { title: 'Waiting for the merchant', text: `The returns team asked ${rc.merchant.name} for information. Nothing is needed from you.` };
    case 'APPROVED':
      return {
        title: 'Approved: send the items back',
        text: rc.shipBy
          ? `Pack the items and ship them by ${formatDateTime(rc.shipBy)}. Once they arrive and pass inspection, you get ${outcome}.`
          : `Pack the items and ship them back. Once they arrive and pass inspection, you get ${outcome}.`,
      };
    case 'REJECTED':
      return {
        title: 'Your return was declined',
        text: rc.disputableUntil
          ? `If you disagree, you can dispute the decision once, until ${formatDateTime(rc.disputableUntil)}. The returns team then decides, and that decision is final.`
          : 'The decision stands.',
      };
    case 'DISPUTED':
      return { title: 'Your dispute is with the returns team', text: 'They review the case again and their decision is final. You will see it here.' };
    case 'IN_TRANSIT':
      return { title: 'Your parcel is on its way', text: `When ${rc.merchant.name} receives it, they inspect the items.` };
    case 'RECEIVED':
      return { title: 'Your parcel arrived', text: `${rc.merchant.name} is inspecting the items. Then you get ${outcome}.` };
    case 'INSPECTED':
      return { title: 'Inspection done', text: `${outcome.charAt(0).toUpperCase()}${outcome.slice(1)} follows shortly.` };
    case 'REFUND_PENDING':
      return { title: 'Your refund is on its way', text: `${amount} is being paid back to your original payment method.` };
    case 'REFUND_FAILED':
      return { title: 'Your refund is delayed', text: 'The payment provider did not accept it yet. We retry automatically and the returns team is watching it. Nothing is needed from you.' };
    case 'REFUNDED':
      return { title: 'Refunded', text: `${amount} was paid back to your original payment method. It can take a few days to show on your statement.` };
    case 'EXCHANGED':
      return { title: 'Replacement sent', text: 'A replacement order was placed at the original price. This return is complete.' };
    case 'RETURNED_TO_CUSTOMER':
      return { title: 'The items are coming back to you', text: 'The inspection did not pass, so there is no refund. The items are being sent back.' };
    case 'CANCELLED':
      return { title: 'You cancelled this return', text: 'Nothing more happens on this case. You can open a new return while the return window is open.' };
    case 'EXPIRED':
      return { title: 'This approval expired', text: rc.shipBy ? `The items were not shipped by ${formatDateTime(rc.shipBy)}.` : 'The items were not shipped in time.' };
    case 'CLOSED':
      return { title: 'This case is closed', text: 'The decision stands and nothing more happens on this case.' };
  }
}

const TIMEOUT_TEXT: Record<SlaTimeoutAction, string> = {
  ESCALATE: 'the case goes to the returns team as urgent',
  AUTO_APPROVE: 'your policy approves it automatically',
  AUTO_REJECT: 'your policy rejects it automatically',
};

/** "What happens next" for the merchant. */
export function merchantNextStep(rc: NextStepInput, now: number): { title: string; text: string } {
  const due = rc.merchantResponseDueAt;
  const overdue = due ? new Date(due).getTime() <= now : false;
  switch (rc.status) {
    case 'SUBMITTED':
    case 'IN_REVIEW':
      if (overdue) return { title: 'The response deadline has passed', text: `The returns team now decides this case (${TIMEOUT_TEXT[rc.merchant.slaTimeoutAction]}).` };
      return {
        title: 'Your decision is needed',
        text: `Approve, reject with a reason, or ask the customer for information${due ? ` by ${formatDateTime(due)}` : ''}. If you do not answer in time, ${TIMEOUT_TEXT[rc.merchant.slaTimeoutAction]}.`,
      };
    case 'WAITING_MERCHANT':
      return { title: 'The returns team asked you a question', text: 'Answer in the messages below: your reply sends the case back to review.' };
    case 'WAITING_CUSTOMER':
      return { title: 'Waiting for the customer', text: 'The customer has been asked for information. The case comes back to review when they answer.' };
    case 'APPROVED':
      return {
        title: 'Waiting for the parcel',
        text: rc.shipBy
          ? `The customer has until ${formatDateTime(rc.shipBy)} to ship the items back to your returns warehouse.`
          : 'The customer ships the items back to your returns warehouse.',
      };
    case 'REJECTED':
      return {
        title: 'Rejected',
        text: rc.disputableUntil ? `The customer can dispute your decision until ${formatDateTime(rc.disputableUntil)}; the returns team then decides.` : 'The decision stands.',
      };
    case 'DISPUTED':
      return { title: 'The customer disputed your decision', text: 'The returns team decides, and their decision is final.' };
    case 'IN_TRANSIT':
      return { title: 'The parcel is on its way', text: 'When it arrives, mark it received and inspect the items.' };
    case 'RECEIVED':
      return { title: 'Inspection is next', text: 'Record the condition of each item and whether it can be restocked.' };
    default:
      return customerNextStepForMerchant(rc);
  }
}

function customerNextStepForMerchant(rc: NextStepInput): { title: string; text: string } {
  const amount = formatMoney(rc.refundAmountMinor, rc.currency);
  switch (rc.status) {
    case 'REFUND_PENDING':
      return { title: 'Refund in progress', text: `${amount} is being paid back to the customer.` };
    case 'REFUND_FAILED':
      return { title: 'Refund retrying', text: 'The payment provider refused the refund; it is retried automatically.' };
    case 'REFUNDED':
      return { title: 'Refunded', text: `${amount} was refunded to the customer.` };
    default:
      return { title: 'Nothing needed from you', text: 'This case needs no action from your side.' };
  }
}
