// Milestone e-mails (issue 6 §4): who hears about what, rendered text and escaped HTML, through the mail port
// (the development mailbox an admin reads, or SMTP), and never twice for the same event and recipient.
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SmtpMailAdapter } from '../../server/src/modules/notifications/smtp-mail.adapter.js';
import { HOUR_MS } from '../../server/src/shared/clock.js';
import { TaskName } from '../../server/src/shared/job-queue.js';
import { startTestServer } from '../helpers/test-server.js';
import { startTestWorker } from '../helpers/test-worker.js';
import { openCaseFor, useJobHarness } from '../helpers/job-harness.js';

const MAILBOX = `query M($caseId: ID, $first: Int) { devMailbox(caseId: $caseId, first: $first) { totalCount
  edges { node { to from subject text html caseId createdAt } } } }`;

interface Mail {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  caseId: string;
}

describe('milestone e-mails through the development mailbox', () => {
  const harness = useJobHarness('admin.demo');
  const openCase = (customer: string, merchant: string) => openCaseFor(harness.server, customer, merchant, 'WRONG_ITEM');
  const mailbox = async (caseId: string): Promise<Mail[]> =>
    (await harness.user.ok(MAILBOX, { caseId, first: 100 })).devMailbox.edges.map((e: any) => e.node).reverse();

  it('tells each party what it needs to know, at each milestone, once', async () => {
    const rc = await openCase('customer.one', 'Northwind Goods');
    await harness.worker.drain();
    const opened = await mailbox(rc.id);
    expect(opened.map((m) => `${m.to} | ${m.subject}`).sort()).toEqual([
      `customer.one@returnhub.test | We received your return request ${rc.number}`,
      expect.stringMatching(new RegExp(`^merchant\\.one@returnhub\\.test \\| New return request ${rc.number}: respond by .+ UTC$`)),
    ]);
    const toCustomer = opened.find((m) => m.to === 'customer.one@returnhub.test')!;
    expect(toCustomer.text).toContain(`${harness.server.config.publicUrl}/customer/${rc.id}`);
    expect(toCustomer.html).toContain(`href="${harness.server.config.publicUrl}/customer/${rc.id}"`);
    expect(toCustomer.from).toBe(harness.server.config.mailFrom);

    // A follow-up question reaches the customer; what they typed is text, never markup.
    const ops = await harness.server.as('ops.demo');
    const question = 'Is the <b>box</b> sealed & "unopened"?';
    await ops.ok('mutation F($id: ID!, $m: String!) { requestFollowUp(id: $id, from: CUSTOMER, message: $m) { status } }', { id: rc.id, m: question });
    await harness.worker.drain();
    const followUp = (await mailbox(rc.id)).at(-1)!;
    expect(followUp).toMatchObject({ to: 'customer.one@returnhub.test', subject: `Information needed for return ${rc.number}` });
    expect(followUp.text).toContain(question);
    expect(followUp.html).toContain('Is the &lt;b&gt;box&lt;/b&gt; sealed &amp; &quot;unopened&quot;?');
    expect(followUp.html).not.toContain('<b>box</b>');

    // The answer puts the case back in review (no e-mail); the approval sends the label and instructions.
    await rc.customer.ok('mutation N($id: ID!) { addCaseNote(caseId: $id, body: "Yes, sealed.", visibility: MESSAGE) { id } }', { id: rc.id });
    const merchant = await harness.server.as('merchant.one');
    await merchant.ok('mutation D($id: ID!) { decideReturnCase(id: $id, decision: APPROVE) { status } }', { id: rc.id });
    await harness.worker.drain();
    const all = await mailbox(rc.id);
    expect(all).toHaveLength(4);
    const approved = all.at(-1)!;
    expect(approved.subject).toMatch(new RegExp(`^Return ${rc.number} approved: ship by .+ UTC$`));
    expect(approved.text).toContain(`Download your prepaid return label: ${harness.server.config.publicUrl}/customer/${rc.id}#return-label`);
    expect(approved.text).toContain(`2. Write ${rc.number} on the parcel.`);
    expect(approved.text).toContain('200 Industrial Way, Reno');

    // A retried notification job sends nothing again.
    const [{ id: eventId }] = await harness.server.orm.em.getConnection().execute<any[]>(
      "select id from case_events where return_case_id = ? and to_status = 'approved'", [rc.id]);
    await harness.worker.addJob(TaskName.SEND_CASE_NOTIFICATIONS, { caseId: rc.id, eventId, type: 'status_changed', to: 'approved' });
    await harness.worker.drain();
    expect(await mailbox(rc.id)).toHaveLength(4);
  });

  it('gives the reason of a rejection and the dispute deadline', async () => {
    const rc = await openCase('customer.two', 'Northwind Goods');
    const merchant = await harness.server.as('merchant.one');
    await merchant.ok('mutation D($id: ID!, $r: String) { decideReturnCase(id: $id, decision: REJECT, reason: $r) { status } }', { id: rc.id, r: 'The seal is broken.' });
    await harness.worker.drain();
    const rejected = (await mailbox(rc.id)).find((m) => m.subject === `Return ${rc.number} was not approved`)!;
    expect(rejected.to).toBe('customer.two@returnhub.test');
    expect(rejected.text).toContain('The seal is broken.');
    expect(rejected.text).toMatch(/dispute the decision once, until .+ UTC/);
  });

  it('reminds the merchant at half its response time', async () => {
    const rc = await openCase('customer.one', 'Northwind Goods');
    harness.server.clock.advance(24 * HOUR_MS + 60_000);
    await harness.worker.addJob(TaskName.RUN_SCHEDULED_MOVES, {});
    await harness.worker.drain();
    const reminder = (await mailbox(rc.id)).find((m) => m.subject.startsWith('Reminder:'))!;
    expect(reminder).toMatchObject({ to: 'merchant.one@returnhub.test' });
    expect(reminder.subject).toMatch(new RegExp(`^Reminder: return ${rc.number} needs your answer by .+ UTC$`));
    expect(reminder.text).toContain('the case goes to the returns team as urgent');
  });

  it('tells the customer when the goods arrived, the refund was paid, or the replacement left', async () => {
    const expected: Record<string, RegExp> = { received: /we received your parcel$/, refunded: /: \$\d+\.\d{2} refunded$/, exchanged: /your replacement is on its way$/ };
    for (const [status, subject] of Object.entries(expected)) {
      const [event] = await harness.server.orm.em.getConnection().execute<any[]>(
        'select id, return_case_id from case_events where to_status = ? order by created_at limit 1', [status]);
      await harness.worker.addJob(TaskName.SEND_CASE_NOTIFICATIONS, { caseId: event.return_case_id, eventId: event.id, type: 'status_changed', to: status });
      await harness.worker.drain();
      const mails = await mailbox(event.return_case_id);
      expect(mails.map((m) => m.subject).some((s) => subject.test(s)), `${status}: ${mails.map((m) => m.subject)}`).toBe(true);
    }
  });
});

/** Just enough of an SMTP server to receive messages (no TLS, no auth), as a test double for a real relay. */
function fakeSmtpServer(): Promise<{ url: string; messages: string[]; close(): Promise<void> }> {
  const messages: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let data: string | null = null;
    let buffer = '';
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (data !== null) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          messages.push(data + buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          data = null;
          socket.write('250 queued\r\n');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-fake\r\n250 8BITMIME\r\n');
        else if (verb === 'DATA') {
          data = '';
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `smtp://127.0.0.1:${port}`,
        messages,
        close: () => {
          for (const socket of sockets) socket.destroy();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}

describe('milestone e-mails through SMTP', () => {
  it('sends each e-mail once through the SMTP adapter, with a stable Message-ID', async () => {
    const smtp = await fakeSmtpServer();
    const server = await startTestServer();
    const mail = new SmtpMailAdapter(smtp.url, 'ReturnHub <returns@returnhub.test>', 'returnhub.test');
    const worker = await startTestWorker(server, { mail });
    try {
      const rc = await openCaseFor(server, 'customer.one', 'Northwind Goods', 'OTHER');
      await worker.drain();
      expect(smtp.messages).toHaveLength(2);
      const toCustomer = smtp.messages.find((m) => /^To: .*customer\.one@returnhub\.test/m.test(m))!;
      expect(toCustomer).toMatch(new RegExp(`^Subject: We received your return request ${rc.number}`, 'm'));
      expect(toCustomer).toMatch(/^From: ReturnHub <returns@returnhub\.test>/m);
      expect(toCustomer).toMatch(new RegExp(`^X-ReturnHub-Case: ${rc.id}`, 'im'));
      expect(toCustomer).toMatch(/^Message-ID: <[0-9a-f]{32}@returnhub\.test>/m);
      expect(toCustomer).toContain('Content-Type: text/html');
      const ledger = await server.orm.em.getConnection().execute<any[]>('select driver from mail_deliveries where case_id = ?', [rc.id]);
      expect(ledger.map((r) => r.driver)).toEqual(['smtp', 'smtp']);
      // Nothing went to the development mailbox, and a retried job does not send again.
      expect(Number((await server.orm.em.getConnection().execute<any[]>('select count(*) as n from dev_mailbox_messages where case_id = ?', [rc.id]))[0].n)).toBe(0);
      const [{ id: eventId }] = await server.orm.em.getConnection().execute<any[]>("select id from case_events where return_case_id = ? and type = 'case_created'", [rc.id]);
      await worker.addJob(TaskName.SEND_CASE_NOTIFICATIONS, { caseId: rc.id, eventId, type: 'case_created', to: 'submitted' });
      await worker.drain();
      expect(smtp.messages).toHaveLength(2);
    } finally {
      await worker.stop();
      await server.close();
      await smtp.close();
    }
  });
});
