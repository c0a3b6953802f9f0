/**
 * The e-mails ReturnHub sends, as typed template functions: each takes exactly what it shows and returns the
 * subject, a plain-text body and an HTML body. Every value is escaped in the HTML; nothing is trusted.
 */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** A paragraph of text (line breaks kept), or a labelled link. */
type Block = string | { label: string; href: string } | { heading: string; lines: string[] };

export const escapeHtml = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function render(subject: string, greetingName: string, blocks: Block[], action: { label: string; href: string }): MailContent {
  const text = [
    `Hello ${greetingName},`,
    '',
    ...blocks.flatMap((b) => [typeof b === 'string' ? b : 'href' in b ? `${b.label}: ${b.href}` : [`${b.heading}:`, ...b.lines.map((l) => `  ${l}`)].join('\n'), '']),
    `${action.label}: ${action.href}`,
    '',
    '— ReturnHub',
  ].join('\n');
  const paragraph = (b: Block): string => {
    if (typeof b === 'string') return `<p>${escapeHtml(b).replace(/\n/g, '<br>')}</p>`;
    if ('href' in b) return `<p><a href="${escapeHtml(b.href)}">${escapeHtml(b.label)}</a></p>`;
    return `<p><strong>${escapeHtml(b.heading)}</strong><br>${b.lines.map(escapeHtml).join('<br>')}</p>`;
  };
  const html = [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1f2933; max-width: 560px">',
    `<p>Hello ${escapeHtml(greetingName)},</p>`,
    ...blocks.map(paragraph),
    `<p><a href="${escapeHtml(action.href)}" style="display: inline-block; padding: 8px 16px; background: #1d4ed8; color: #fff; text-decoration: none; border-radius: 4px">${escapeHtml(action.label)}</a></p>`,
    '<p style="color: #616e7c; font-size: 12px">ReturnHub · You receive this because you are a party to this return.</p>',
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

interface CaseMail {
  caseNumber: string;
  recipientName: string;
  caseUrl: string;
}

export const MailTemplates = {
  caseCreatedForCustomer(m: CaseMail & { merchantName: string; orderNumber: string; refund: string; respondBy: string }): MailContent {
    return render(`We received your return request ${m.caseNumber}`, m.recipientName, [
      `Your return request ${m.caseNumber} for order ${m.orderNumber} is with ${m.merchantName}.`,
      `Refund if approved: ${m.refund}. The merchant answers by ${m.respondBy}; we will e-mail you at each step.`,
    ], { label: 'Follow your return', href: m.caseUrl });
  },

  caseCreatedForMerchant(m: CaseMail & { customerName: string; orderNumber: string; reason: string; refund: string; respondBy: string }): MailContent {
    return render(`New return request ${m.caseNumber}: respond by ${m.respondBy}`, m.recipientName, [
      `${m.customerName} asks to return items of order ${m.orderNumber} (reason: ${m.reason}; refund if approved: ${m.refund}).`,
      `Approve, reject or ask for information by ${m.respondBy}. After that, your policy's timeout action applies.`,
    ], { label: 'Review the request', href: m.caseUrl });
  },

  followUpRequested(m: CaseMail & { question: string }): MailContent {
    return render(`Information needed for return ${m.caseNumber}`, m.recipientName, [
      'The returns team needs more information before deciding:',
      m.question,
      'Reply in the case thread; the case goes back to review as soon as you answer.',
    ], { label: 'Answer now', href: m.caseUrl });
  },

  approved(m: CaseMail & { labelUrl: string; shipBy: string; warehouseAddress: string; refund: string }): MailContent {
    return render(`Return ${m.caseNumber} approved: ship by ${m.shipBy}`, m.recipientName, [
      `Good news: your return ${m.caseNumber} is approved (refund after inspection: ${m.refund}).`,
      { label: 'Download your prepaid return label', href: m.labelUrl },
      { heading: 'How to send it', lines: ['1. Pack the items securely, with all accessories.', `2. Write ${m.caseNumber} on the parcel.`, '3. Attach the label and hand the parcel to the carrier.', `4. Confirm the shipment with the carrier and tracking number by ${m.shipBy}.`] },
      ...(m.warehouseAddress ? [{ heading: 'Return address', lines: m.warehouseAddress.split('\n') }] : []),
      'An approved return that is not shipped within 7 days expires.',
    ], { label: 'Open your return', href: m.caseUrl });
  },

  rejected(m: CaseMail & { reason: string; disputeBy: string }): MailContent {
    return render(`Return ${m.caseNumber} was not approved`, m.recipientName, [
      `Your return ${m.caseNumber} was rejected for this reason:`,
      m.reason,
      `If you disagree, you can dispute the decision once, until ${m.disputeBy}. The returns team then decides, and that decision is final.`,
    ], { label: 'See the decision', href: m.caseUrl });
  },

  received(m: CaseMail): MailContent {
    return render(`Return ${m.caseNumber}: we received your parcel`, m.recipientName, [
      `The items of return ${m.caseNumber} arrived and are being inspected. We will tell you the outcome.`,
    ], { label: 'Follow your return', href: m.caseUrl });
  },

  refunded(m: CaseMail & { amount: string }): MailContent {
    return render(`Return ${m.caseNumber}: ${m.amount} refunded`, m.recipientName, [
      `We refunded ${m.amount} for return ${m.caseNumber} to your original payment method. Depending on your bank it shows within a few business days.`,
    ], { label: 'See the details', href: m.caseUrl });
  },

  exchanged(m: CaseMail): MailContent {
    return render(`Return ${m.caseNumber}: your replacement is on its way`, m.recipientName, [
      `Your exchange for return ${m.caseNumber} is complete: a replacement order was created at the original price.`,
    ], { label: 'See the details', href: m.caseUrl });
  },

  expired(m: CaseMail): MailContent {
    return render(`Return ${m.caseNumber} expired`, m.recipientName, [
      `Your approved return ${m.caseNumber} expired because it was not shipped within 7 days. Open a new request if the order is still within the return window.`,
    ], { label: 'Open your return', href: m.caseUrl });
  },

  orderCancelledBySupport(m: { orderNumber: string; recipientName: string; merchantName: string; reason: string; refund: string | null; ordersUrl: string }): MailContent {
    return render(`Your order ${m.orderNumber} was cancelled`, m.recipientName, [
      `Our returns team cancelled your order ${m.orderNumber} from ${m.merchantName}.`,
      { heading: 'Reason', lines: [m.reason] },
      m.refund ? `The full amount, ${m.refund}, is refunded to your original payment method.` : 'Nothing was charged for this order, so there is nothing to refund.',
    ], { label: 'See your orders', href: m.ordersUrl });
  },

  slaReminder(m: CaseMail & { respondBy: string; timeoutOutcome: string }): MailContent {
    return render(`Reminder: return ${m.caseNumber} needs your answer by ${m.respondBy}`, m.recipientName, [
      `Half of your response time for return ${m.caseNumber} has passed. Please approve, reject or ask for information by ${m.respondBy}.`,
      `If there is no answer by then, ${m.timeoutOutcome}.`,
    ], { label: 'Review the request', href: m.caseUrl });
  },

  webhookEndpointDisabled(m: { recipientName: string; endpointUrl: string; failingSince: string; lastError: string; consoleUrl: string }): MailContent {
    return render(`Webhook endpoint disabled: ${m.endpointUrl}`, m.recipientName, [
      `Every delivery to your webhook endpoint ${m.endpointUrl} has failed since ${m.failingSince}, so we stopped sending to it.`,
      `Last error: ${m.lastError}`,
      'Fix the receiver, then re-enable the endpoint (the enableWebhookEndpoint operation of the API). Events from the time it was disabled are not sent again.',
    ], { label: 'Open ReturnHub', href: m.consoleUrl });
  },
};

/** Amounts in minor units, shown in the currency's own format (e.g. 1234 USD → $12.34). */
export function formatMoney(minor: number, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/** Dates in UTC, unambiguous for every reader (e.g. "Tue, 24 Nov 2026, 14:00 UTC"). */
export const formatDate = (date: Date): string =>
  `${new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', hour12: false }).format(date)} UTC`;
