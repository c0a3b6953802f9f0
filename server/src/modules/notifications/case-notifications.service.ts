import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import { CaseEvent } from '../returns/case-event.entity.js';
import { isEventVisible, projectPayload } from '../returns/case-event-visibility.js';
import { CaseStatus } from '../returns/return-case.enums.js';
import { ReturnCase } from '../returns/return-case.entity.js';
import { disputeDeadline, shipDeadline } from '../returns/sla.js';
import { SlaTimeoutAction } from '../users/user.enums.js';
import { MailDelivery } from './mail-delivery.entity.js';
import { type MailContent, MailTemplates, formatDate, formatMoney } from './mail-templates.js';
import type { MailPort, OutgoingMail } from './mail.port.js';

/** What the outbox relay tells the notification job about one audit event. */
export interface CaseEventNotice {
  caseId: string;
  eventId: string;
  type: string;
  to: string | null;
}

/** Status changes someone must hear about, and who. */
const STATUS_MAIL: Partial<Record<CaseStatus, 'customer' | 'merchant'>> = {
  [CaseStatus.WAITING_CUSTOMER]: 'customer',
  [CaseStatus.WAITING_MERCHANT]: 'merchant',
  [CaseStatus.APPROVED]: 'customer',
  [CaseStatus.REJECTED]: 'customer',
  [CaseStatus.RECEIVED]: 'customer',
  [CaseStatus.REFUNDED]: 'customer',
  [CaseStatus.EXCHANGED]: 'customer',
  [CaseStatus.EXPIRED]: 'customer',
};

/** Does this audit event mail anyone? (The relay enqueues notification jobs only for these.) */
export function notifiesAbout(type: string, to: string | null): boolean {
  if (type === 'case_created' || type === 'sla_reminder_sent') return true;
  return type === 'status_changed' && to !== null && to in STATUS_MAIL;
}

const TIMEOUT_OUTCOME: Record<SlaTimeoutAction, string> = {
  [SlaTimeoutAction.ESCALATE]: 'the case goes to the returns team as urgent and they decide',
  [SlaTimeoutAction.AUTO_APPROVE]: 'the return is approved automatically',
  [SlaTimeoutAction.AUTO_REJECT]: 'the return is rejected automatically',
};

interface Recipient {
  role: 'customer' | 'merchant';
  name: string;
  address: string;
}

/**
 * The milestone e-mails of a case (issue 6): who needs to act or know, rendered from the templates, and handed
 * to the mail port once per event and recipient (checked against the ledger, recorded after sending).
 */
export class CaseNotifications {
  constructor(
    private readonly em: EntityManager,
    private readonly mail: MailPort,
    private readonly config: Config,
  ) {}

  /** Sends what `notice` calls for; returns how many e-mails went out now (0 when all were sent before). */
  async send(notice: CaseEventNotice): Promise<number> {
    const [event, rc] = await Promise.all([
      this.em.findOne(CaseEvent, { id: notice.eventId }),
      this.em.findOne(ReturnCase, { id: notice.caseId }, { populate: ['customer', 'merchant', 'merchant.user', 'order'] }),
    ]);
    if (!event || !rc) return 0;
    let sent = 0;
    for (const { recipient, content } of this.compose(event, rc).filter(({ recipient }) => isEventVisible(event.type, recipient.role))) {
      const mail: OutgoingMail = {
        dedupKey: `case-event:${event.id}:${recipient.role}`,
        to: { name: recipient.name, address: recipient.address },
        caseId: rc.id,
        ...content,
      };
      if (await this.deliverOnce(mail)) sent++;
    }
    return sent;
  }

  private async deliverOnce(mail: OutgoingMail): Promise<boolean> {
    if (await this.em.count(MailDelivery, { dedupKey: mail.dedupKey })) return false;
    await this.mail.send(mail);
    await this.em.execute(
      'insert into mail_deliveries (dedup_key, case_id, recipient, subject, driver, sent_at) values (?, ?, ?, ?, ?, now()) on conflict (dedup_key) do nothing',
      [mail.dedupKey, mail.caseId, mail.to.address, mail.subject.slice(0, 300), this.mail.driver],
    );
    return true;
  }

  private compose(event: CaseEvent, rc: ReturnCase): Array<{ recipient: Recipient; content: MailContent }> {
    const customer: Recipient = { role: 'customer', name: rc.customer.displayName, address: rc.customer.email };
    const merchantUser = rc.merchant.user;
    const merchant: Recipient = { role: 'merchant', name: merchantUser.displayName, address: merchantUser.email };
    const base = (r: Recipient) => ({
      caseNumber: rc.number,
      recipientName: r.name,
      caseUrl: `${this.config.publicUrl}/${r.role}/${rc.id}`,
    });
    const refund = formatMoney(rc.refundAmountMinor, rc.currency);
    const respondBy = rc.merchantResponseDueAt ? formatDate(rc.merchantResponseDueAt) : 'the deadline';
    // The note as the recipient sees it in the case's history (the one rule: case-event-visibility.ts).
    const noteFor = (r: Recipient): string | null => {
      const note = projectPayload(event.type, event.payload, r.role)?.note;
      return typeof note === 'string' ? note : null;
    };
    const at = event.createdAt;

    if (event.type === 'case_created') {
      return [
        { recipient: customer, content: MailTemplates.caseCreatedForCustomer({ ...base(customer), merchantName: rc.merchant.name, orderNumber: rc.order.number, refund, respondBy }) },
        { recipient: merchant, content: MailTemplates.caseCreatedForMerchant({ ...base(merchant), customerName: rc.customer.displayName, orderNumber: rc.order.number, reason: rc.reason.replace(/_/g, ' '), refund, respondBy }) },
      ];
    }
    if (event.type === 'sla_reminder_sent') {
      return [{ recipient: merchant, content: MailTemplates.slaReminder({ ...base(merchant), respondBy, timeoutOutcome: TIMEOUT_OUTCOME[rc.merchant.slaTimeoutAction as SlaTimeoutAction] }) }];
    }
    if (event.type !== 'status_changed' || !event.toStatus) return [];
    const who = STATUS_MAIL[event.toStatus];
    if (!who) return [];
    const recipient = who === 'customer' ? customer : merchant;
    const m = base(recipient);
    switch (event.toStatus) {
      case CaseStatus.WAITING_CUSTOMER:
      case CaseStatus.WAITING_MERCHANT:
        return [{ recipient, content: MailTemplates.followUpRequested({ ...m, question: noteFor(recipient) ?? 'Please see the question in the case thread.' }) }];
      case CaseStatus.APPROVED:
        return [{ recipient, content: MailTemplates.approved({ ...m, labelUrl: `${m.caseUrl}#return-label`, shipBy: formatDate(shipDeadline(at)), warehouseAddress: rc.merchant.warehouseAddress, refund }) }];
      case CaseStatus.REJECTED:
        return [{ recipient, content: MailTemplates.rejected({ ...m, reason: noteFor(recipient) ?? rc.decisionReason ?? 'No reason was given.', disputeBy: formatDate(disputeDeadline(at)) }) }];
      case CaseStatus.RECEIVED:
        return [{ recipient, content: MailTemplates.received(m) }];
      case CaseStatus.REFUNDED:
        return [{ recipient, content: MailTemplates.refunded({ ...m, amount: refund }) }];
      case CaseStatus.EXCHANGED:
        return [{ recipient, content: MailTemplates.exchanged(m) }];
      case CaseStatus.EXPIRED:
        return [{ recipient, content: MailTemplates.expired(m) }];
      default:
        return [];
    }
  }
}
