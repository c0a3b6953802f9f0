// Who may upload what (SPEC §1), with real multipart uploads: each kind × each role × own case / someone else's.
// Customers: EVIDENCE to their own cases. Merchants (and their partner tokens): RESPONSE to their own cases, and
// INSPECTION once the goods are received. Ops and admins: any kind, any case. Someone else's case does not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCase } from '../helpers/fixtures.js';
import { type ApiClient, type TestServer, startTestServer } from '../helpers/test-server.js';
import { UPLOAD_MUTATION, file, multipartForm, pdf, png } from '../helpers/uploads.js';

type Caller = 'customer' | 'merchant' | 'partner' | 'ops' | 'admin';
type Kind = 'EVIDENCE' | 'RESPONSE' | 'INSPECTION';
type Outcome = 'stored' | 'FORBIDDEN' | 'NOT_FOUND';

let server: TestServer;
let clients: Record<Caller, ApiClient>;
/** Cases of customer.one at merchant.one (the callers' own), and of customer.two at merchant.two (someone else's). */
let cases: { ownSubmitted: string; ownReceived: string; otherSubmitted: string; otherReceived: string; ownRefunded: string };

beforeAll(async () => {
  server = await startTestServer();
  const [customer, merchant, ops, admin] = await Promise.all(['customer.one', 'merchant.one', 'ops.demo', 'admin.demo'].map((u) => server.as(u)));
  const secret = (await merchant.ok('mutation { createApiToken(name: "uploads") { secret } }')).createApiToken.secret;
  clients = { customer, merchant, partner: server.withToken(secret), ops, admin };
  const id = async (status: string, customerName: string, merchantName: string) => (await demoCase(server.orm, status, customerName, merchantName)).id;
  const received = await id('received', 'customer.one', 'Northwind Goods');
  // customer.two has no received case at Bazaar: take its in-transit one there and mark it received.
  const otherReceived = await id('in_transit', 'customer.two', 'Bazaar Marketplace');
  await server.orm.em.getConnection().execute("update return_cases set status = 'received', received_at = now() where id = ?", [otherReceived]);
  cases = {
    ownSubmitted: await id('submitted', 'customer.one', 'Northwind Goods'),
    ownReceived: received,
    otherSubmitted: await id('waiting_merchant', 'customer.two', 'Bazaar Marketplace'),
    otherReceived,
    ownRefunded: await id('refunded', 'customer.one', 'Northwind Goods'),
  };
});
afterAll(() => server.close());

async function attempt(caller: Caller, caseId: string, kind: Kind): Promise<{ outcome: Outcome | string; rule?: unknown }> {
  const data = kind === 'RESPONSE' ? pdf() : await png();
  const res = await clients[caller].multipart(multipartForm(UPLOAD_MUTATION, { caseId, kind }, [file(kind === 'RESPONSE' ? 'r.pdf' : 'p.png', 'application/octet-stream', data)]));
  const body = (await res.json()) as any;
  if (!body.errors) {
    expect(body.data.uploadCaseDocuments[0].kind).toBe(kind);
    return { outcome: 'stored' };
  }
  return { outcome: body.errors[0].extensions.code, rule: body.errors[0].extensions.rule };
}

const ALL: Caller[] = ['customer', 'merchant', 'partner', 'ops', 'admin'];
const expected = (kind: Kind, caller: Caller, own: boolean): Outcome => {
  if (caller === 'ops' || caller === 'admin') return 'stored';
  const mayKind = caller === 'customer' ? kind === 'EVIDENCE' : kind !== 'EVIDENCE';
  if (!mayKind) return 'FORBIDDEN';
  return own ? 'stored' : 'NOT_FOUND';
};

describe('kind × role × own/other case', () => {
  for (const kind of ['EVIDENCE', 'RESPONSE', 'INSPECTION'] as Kind[]) {
    for (const own of [true, false]) {
      it(`${kind} to ${own ? 'their own' : "someone else's"} case`, async () => {
        // Inspection photos need a case at receipt; the others use an open case under review.
        const caseId = kind === 'INSPECTION' ? (own ? cases.ownReceived : cases.otherReceived) : own ? cases.ownSubmitted : cases.otherSubmitted;
        const before = await countDocuments(caseId);
        let stored = 0;
        for (const caller of ALL) {
          const { outcome } = await attempt(caller, caseId, kind);
          expect(outcome, `${caller} uploading ${kind}`).toBe(expected(kind, caller, own));
          if (outcome === 'stored') stored++;
        }
        expect(await countDocuments(caseId)).toBe(before + stored);
      });
    }
  }
});

describe('what depends on the case', () => {
  it('merchants add inspection photos only at receipt or inspection; ops at any time', async () => {
    for (const caller of ['merchant', 'partner'] as Caller[]) {
      const { outcome, rule } = await attempt(caller, cases.ownSubmitted, 'INSPECTION');
      expect(outcome, caller).toBe('FORBIDDEN');
      expect(rule).toBe('NOT_AT_INSPECTION');
    }
    expect((await attempt('ops', cases.ownSubmitted, 'INSPECTION')).outcome).toBe('stored');
  });

  it('a closed case takes no more files from its parties, but ops can still attach one', async () => {
    const customer = await attempt('customer', cases.ownRefunded, 'EVIDENCE');
    expect(customer).toEqual({ outcome: 'FORBIDDEN', rule: 'CASE_CLOSED' });
    expect((await attempt('merchant', cases.ownRefunded, 'RESPONSE')).rule).toBe('CASE_CLOSED');
    expect((await attempt('admin', cases.ownRefunded, 'RESPONSE')).outcome).toBe('stored');
  });

  it('someone else\'s case answers like a case that does not exist', async () => {
    const missing = await attempt('customer', '00000000-0000-4000-8000-000000000000', 'EVIDENCE');
    const other = await attempt('customer', cases.otherSubmitted, 'EVIDENCE');
    expect(other).toEqual(missing);
    expect(other.outcome).toBe('NOT_FOUND');
  });
});

describe('the upload form offers what the API accepts', () => {
  // ReturnCase.uploadableKinds is what the web app offers (no copy of the rule in the client): for each role and
  // case state it must name exactly the kinds an upload of that kind is accepted for.
  it('uploadableKinds names exactly the kinds each role can upload, per case state', async () => {
    const states = ['approved', 'received', 'refunded'];
    const served: Record<string, Record<string, string[]>> = {};
    for (const status of states) {
      const caseId = (await demoCase(server.orm, status, 'customer.one', 'Northwind Goods')).id;
      for (const caller of ALL) {
        const kinds: string[] = (await clients[caller].ok('query Q($id: ID!) { returnCase(id: $id) { uploadableKinds } }', { id: caseId })).returnCase.uploadableKinds;
        (served[status] ??= {})[caller] = kinds;
        for (const kind of ['EVIDENCE', 'RESPONSE', 'INSPECTION'] as Kind[]) {
          // Room for every attempt: the per-case limits are not what this test is about.
          await server.orm.em.getConnection().execute('delete from evidence_documents where return_case_id = ?', [caseId]);
          const { outcome } = await attempt(caller, caseId, kind);
          expect(outcome === 'stored', `${caller} uploading ${kind} to a ${status} case (served ${kinds.join(', ')})`).toBe(kinds.includes(kind));
        }
      }
    }
    // The decision (document-policy.ts UPLOADABLE_KINDS): merchants add responses, and inspection photos at receipt.
    expect(served.approved).toEqual({ customer: ['EVIDENCE'], merchant: ['RESPONSE'], partner: ['RESPONSE'], ops: ['EVIDENCE', 'RESPONSE', 'INSPECTION'], admin: ['EVIDENCE', 'RESPONSE', 'INSPECTION'] });
    expect(served.received.merchant).toEqual(['RESPONSE', 'INSPECTION']);
    expect(served.refunded).toMatchObject({ customer: [], merchant: [], partner: [] });
  });
});

async function countDocuments(caseId: string): Promise<number> {
  const [{ n }] = await server.orm.em.getConnection().execute<any[]>('select count(*)::int as n from evidence_documents where return_case_id = ?', [caseId]);
  return n;
}
