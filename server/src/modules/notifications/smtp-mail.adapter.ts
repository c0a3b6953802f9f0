import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { MailPort, OutgoingMail } from './mail.port.js';

/**
 * Sends through SMTP (`SMTP_URL`, e.g. smtps://user:pass@smtp.example.com:465). The Message-ID is derived from
 * the de-duplication key, so the rare resend after a crash carries the same id and mail clients can fold it.
 */
export class SmtpMailAdapter implements MailPort {
  readonly driver = 'smtp' as const;
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    private readonly messageIdDomain: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(mail: OutgoingMail): Promise<void> {
    const id = createHash('sha256').update(mail.dedupKey).digest('hex').slice(0, 32);
    await this.transport.sendMail({
      from: this.from,
      to: { name: mail.to.name, address: mail.to.address },
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: `<${id}@${this.messageIdDomain}>`,
      headers: mail.caseId ? { 'X-ReturnHub-Case': mail.caseId } : {},
    });
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
