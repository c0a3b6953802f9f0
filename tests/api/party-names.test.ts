// What the parties of a case learn about the people on it (issue #18 §9): a customer or a merchant never reads a
// staff member's (or the other party's) sign-in name or e-mail — not through the timeline, and not through the User
// objects a case reaches (message authors, the assignee, document uploaders, the customer). Staff are
// "ReturnHub support", a merchant user is their shop, as case-event-visibility.ts names actors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCase } from '../helpers/fixtures.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';
import { UPLOAD_MUTATION, file, multipartForm, pdf } from '../helpers/uploads.js';

const NOTE = 'mutation N($id: ID!, $b: String!) { addCaseNote(caseId: $id, body: $b, visibility: MESSAGE) { id } }';
const ASSIGN = 'mutation A($id: ID!, $to: ID) { assignCase(id: $id, assigneeId: $to) { id } }';
const PRIORITY = 'mutation P($id: ID!) { setCasePriority(id: $id, priority: HIGH) { priority } }';
/** Everything of a case that names people, as the web app asks for it (no sign-in names or e-mails). */
const PEOPLE = `query P($id: ID!) { returnCase(id: $id) {
  assignee { id displayName role } customer { id displayName role }
  messages { body author { id displayName role } }
  timeline { type actorLabel payload }
  documents { kind uploadedBy { id displayName role } } } }`;
/** The same, asking for the sign-in names and e-mails outright. */
const PEOPLE_WITH_LOGINS = `query P($id: ID!) { returnCase(id: $id) {
  assignee { username email } customer { id username email }
  messages { author { username email } }
  documents { uploadedBy { username email } } } }`;

let server: TestServer;
let clients: { customer: ApiClient; merchant: ApiClient; partner: ApiClient; ops: ApiClient; admin: ApiClient };
let caseId: string;
let staff: { opsEmail: string; opsName: string; opsId: string; merchantUsername: string; merchantEmail: string; merchantName: string; customerUsername: string; customerEmail: string };

beforeAll(async () => {
  server = await startTestServer();
  const [customer, merchant, ops, admin] = await Promise.all(['customer.one', 'merchant.one', 'ops.demo', 'admin.demo'].map((u) => server.as(u)));
  const secret = (await merchant.ok('mutation { createApiToken(name: "party names") { secret } }')).createApiToken.secret;
  clients = { customer, merchant, partner: server.withToken(secret), ops, admin };
  caseId = (await demoCase(server.orm, 'approved', 'customer.one', 'Northwind Goods')).id;
  const user = async (username: string) =>
    (await server.orm.em.getConnection().execute<any[]>('select id, email, display_name from users where username = ?', [username]))[0];
  const [o, m, c] = await Promise.all([user('ops.demo'), user('merchant.one'), user('customer.one')]);
  staff = { opsEmail: o.email, opsName: o.display_name, opsId: o.id, merchantUsername: 'merchant.one', merchantEmail: m.email, merchantName: m.display_name, customerUsername: 'customer.one', customerEmail: c.email };
  // Ops works the case: assigns itself, raises the priority, writes to the parties and attaches a document.
  await ops.ok(ASSIGN, { id: caseId, to: staff.opsId });
  await ops.ok(PRIORITY, { id: caseId });
  await ops.ok(NOTE, { id: caseId, b: 'Ops here: we are on it.' });
  await admin.ok(NOTE, { id: caseId, b: 'Admin here: escalated internally.' });
  await merchant.ok(NOTE, { id: caseId, b: 'Merchant here: label sent.' });
  const uploaded = await (await ops.multipart(multipartForm(UPLOAD_MUTATION, { caseId, kind: 'RESPONSE' }, [file('r.pdf', 'application/octet-stream', pdf())]))).json();
  expect((uploaded as any).errors).toBeUndefined();
});
afterAll(() => server.close());

const leaksOf = (answer: unknown, secrets: string[]): string[] => {
  const json = JSON.stringify(answer);
  return secrets.filter((s) => json.includes(s));
};

describe('the people on a case, as its parties see them', () => {
  it('names ops and admins "ReturnHub support" and gives no staff sign-in name, e-mail or personal name anywhere', async () => {
    for (const party of ['customer', 'merchant', 'partner'] as const) {
      const answer = await clients[party].gql(PEOPLE, { id: caseId });
      expect(answer.errors, party).toBeUndefined();
      expect(leaksOf(answer, ['ops.demo', 'admin.demo', staff.opsEmail, staff.opsName, 'Ada Admin']), party).toEqual([]);
      const rc = answer.data!.returnCase;
      expect(rc.assignee, party).toMatchObject({ displayName: 'ReturnHub support', role: 'OPS' });
      const authors = Object.fromEntries(rc.messages.map((m: any) => [m.body, m.author.displayName]));
      expect(authors['Ops here: we are on it.'], party).toBe('ReturnHub support');
      expect(authors['Admin here: escalated internally.'], party).toBe('ReturnHub support');
      expect(rc.documents.find((d: any) => d.kind === 'RESPONSE').uploadedBy.displayName, party).toBe('ReturnHub support');
    }
  });

  it('names the merchant by its shop to the customer, never by its user', async () => {
    const answer = await clients.customer.ok(PEOPLE, { id: caseId });
    expect(answer.returnCase.messages.find((m: any) => m.body === 'Merchant here: label sent.').author.displayName).toBe('Northwind Goods');
    expect(leaksOf(answer, [staff.merchantUsername, staff.merchantEmail, staff.merchantName])).toEqual([]);
  });

  it('refuses sign-in names and e-mails of staff and of the other party (FORBIDDEN, null), without losing the case', async () => {
    for (const party of ['customer', 'merchant', 'partner'] as const) {
      const answer = await clients[party].gql(PEOPLE_WITH_LOGINS, { id: caseId });
      expect(errorCode(answer), party).toBe('FORBIDDEN');
      expect(leaksOf(answer.data, ['ops.demo', 'admin.demo', staff.opsEmail]), party).toEqual([]);
      expect(answer.data!.returnCase, `${party}: the case itself is still answered`).not.toBeNull();
      expect(answer.data!.returnCase.assignee).toEqual({ username: null, email: null });
    }
    // The merchant does not get the customer's sign-in name or e-mail either.
    for (const party of ['merchant', 'partner'] as const) {
      const answer = await clients[party].gql(PEOPLE_WITH_LOGINS, { id: caseId });
      expect(leaksOf(answer.data, [staff.customerUsername, staff.customerEmail]), party).toEqual([]);
    }
    // ... nor the customer the merchant's.
    expect(leaksOf((await clients.customer.gql(PEOPLE_WITH_LOGINS, { id: caseId })).data, [staff.merchantUsername, staff.merchantEmail])).toEqual([]);
  });

  it('lets a user read their own sign-in name and e-mail (the case, me, login) and staff read everyone’s', async () => {
    const own = await clients.customer.gql('query P($id: ID!) { returnCase(id: $id) { customer { username email displayName } } }', { id: caseId });
    expect(own.errors).toBeUndefined();
    expect(own.data!.returnCase.customer).toMatchObject({ username: 'customer.one', email: staff.customerEmail });
    expect((await clients.merchant.ok('{ me { username email } }')).me).toEqual({ username: 'merchant.one', email: staff.merchantEmail });
    const signIn = await server.anonymous().gql('mutation { login(username: "customer.two", password: "ChangeMe123!") { username displayName } }');
    expect(signIn.errors).toBeUndefined();
    expect(signIn.data!.login.username).toBe('customer.two');
    // Signing in, staff and merchants read their own names, not the names the parties see them by.
    for (const [username, displayName] of [['ops.demo', staff.opsName], ['merchant.one', staff.merchantName]]) {
      const answer = await server.anonymous().gql('mutation L($u: String!) { login(username: $u, password: "ChangeMe123!") { username displayName } }', { u: username });
      expect(answer.errors, username).toBeUndefined();
      expect(answer.data!.login, username).toEqual({ username, displayName });
    }
    for (const role of ['ops', 'admin'] as const) {
      const answer = await clients[role].gql(PEOPLE_WITH_LOGINS, { id: caseId });
      expect(answer.errors, role).toBeUndefined();
      expect(answer.data!.returnCase.assignee, role).toEqual({ username: 'ops.demo', email: staff.opsEmail });
      expect(answer.data!.returnCase.customer.username, role).toBe('customer.one');
      // Staff read the people by their own names.
      const people = await clients[role].ok(PEOPLE, { id: caseId });
      expect(people.returnCase.assignee.displayName, role).toBe(staff.opsName);
    }
  });
});
