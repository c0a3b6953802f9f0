/** One e-mail, ready to go: rendered, addressed, and keyed so a retry can be recognised. */
export interface OutgoingMail {
  /** `case-event:<eventId>:<recipient role>`: one event mails one party once. */
  dedupKey: string;
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  caseId: string | null;
}

/**
 * Where e-mail goes. Two adapters: `dev` keeps every message in the database for an admin to read (a local
 * mail catcher), `smtp` sends it through an SMTP server (nodemailer). Chosen by `MAIL_DRIVER`.
 */
export interface MailPort {
  readonly driver: 'dev' | 'smtp';
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}
