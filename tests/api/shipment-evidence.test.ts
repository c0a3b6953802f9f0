// Shipment evidence (issue 19 §13, seed 002): confirming a return shipment takes a description and 1 to 5 photos of
// the packed goods, stored as SHIPMENT_EVIDENCE documents with the move to IN_TRANSIT — all of it, or nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoCase } from '../helpers/fixtures.js';
import { CASE, SHIPMENT_DESCRIPTION, query, ship, shipOk } from '../helpers/money.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';
import { code, documentRows, expectedFiles, rule, storedFiles, upload } from '../helpers/upload-storage.js';
import { MiB, file, jpeg, pdf, png, video } from '../helpers/uploads.js';

const DOCUMENTS = `query D($id: ID!) { returnCase(id: $id) { status shipmentDescription uploadableKinds
  documents(kind: SHIPMENT_EVIDENCE) { kind fileName contentType mediaType }
  timeline { type payload } } }`;

describe('confirmReturnShipment with its photos', () => {
  let server: TestServer;
  let customer: ApiClient;
  let merchant: ApiClient;
  let ops: ApiClient;
  // A server (a database cloned from the template) per test: each ships its own demo case.
  beforeEach(async () => {
    server = await startTestServer();
    [customer, merchant, ops] = await Promise.all([server.as('customer.one'), server.as('merchant.one'), server.as('ops.demo')]);
  });
  afterEach(() => server.close());

  /** Everything a refused shipment must leave as it was: the case row, its documents, its events, the files on disk. */
  async function stateOf(caseId: string) {
    const [row] = await query(server.orm, 'select status, version, carrier, tracking_number, shipment_description from return_cases where id = ?', [caseId]);
    const [{ events }] = await query(server.orm, 'select count(*)::int as events from case_events where return_case_id = ?', [caseId]);
    return { row, events, documents: await documentRows(server, caseId), files: storedFiles(server) };
  }

  it('refuses bad input with a coded error, reads no file it does not need, and changes nothing', async () => {
    const rc = await demoCase(server.orm, 'approved', 'customer.one', 'Northwind Goods');
    const before = await stateOf(rc.id);
    expect(before.row.status).toBe('approved');
    const photo = file('parcel.png', 'image/png', await png());
    const refusals: Array<[string, Record<string, unknown>, ReturnType<typeof file>[], string, string | undefined]> = [
      ['no photo', {}, [], 'BAD_USER_INPUT', 'SHIPMENT_PHOTOS'],
      ['six photos', {}, [1, 2, 3, 4, 5, 6].map((i) => file(`p${i}.png`, 'image/png', photo.data)), 'BAD_USER_INPUT', 'SHIPMENT_PHOTOS'],
      ['an empty description', { d: '   ' }, [photo], 'BAD_USER_INPUT', undefined],
      ['a description over 2000 characters', { d: 'x'.repeat(2001) }, [photo], 'BAD_USER_INPUT', undefined],
      ['a bad tracking number', { t: 'x' }, [photo], 'BAD_USER_INPUT', undefined],
      // Files are judged as every upload is (document-policy.ts): the same codes as uploadCaseDocuments.
      ['a PDF', {}, [file('label.pdf', 'application/pdf', pdf())], 'UNSUPPORTED_MEDIA_TYPE', undefined],
      ['a video', {}, [file('clip.mp4', 'video/mp4', video())], 'UNSUPPORTED_MEDIA_TYPE', undefined],
      ['a good photo, then a PDF', {}, [photo, file('label.pdf', 'image/png', pdf())], 'UNSUPPORTED_MEDIA_TYPE', undefined],
      ['a photo over 5 MB', {}, [file('big.png', 'image/png', await png(5 * MiB + 1))], 'PAYLOAD_TOO_LARGE', undefined],
      // Every file arrived and was checked; the case changed since it was loaded: the files go too.
      ['a stale version', { v: before.row.version - 1 }, [photo, file('second.jpg', 'image/jpeg', await jpeg())], 'CONFLICT', undefined],
    ];
    for (const [what, variables, photos, expected, expectedRule] of refusals) {
      const answer = await ship(customer, { id: rc.id, c: 'UPS', t: '1Z999AA10123456784', ...variables }, photos);
      expect(code(answer), what).toBe(expected);
      if (expectedRule) expect(rule(answer), what).toBe(expectedRule);
      expect(await stateOf(rc.id), what).toEqual(before);
    }
    expect(errorCode(await ship(customer, { id: rc.id, c: 'UPS', t: '1Z999AA10123456784', d: '' }, [photo]))).toBe('BAD_USER_INPUT');
  });

  it('stores the move, the description and 1 to 5 photos together; the parties and staff see them', async () => {
    const rc = await demoCase(server.orm, 'approved', 'customer.one', 'Northwind Goods');
    const photos = [file('front.png', 'image/png', await png(undefined, 3)), file('IMG_1.jpg', 'image/jpeg', await jpeg(2))];
    for (const seed of [4, 5, 6]) photos.push(file(`p${seed}.png`, 'image/png', await png(undefined, seed)));
    const shipped = await shipOk(customer, { id: rc.id, c: 'UPS', t: '1Z999AA10123456784' }, photos);
    expect(shipped).toMatchObject({ status: 'IN_TRANSIT', carrier: 'UPS', shipmentDescription: SHIPMENT_DESCRIPTION });
    expect(shipped.documents.map((d: any) => [d.fileName, d.contentType])).toEqual([
      ['front.png', 'image/png'], ['IMG_1.jpg', 'image/jpeg'], ['p4.png', 'image/png'], ['p5.png', 'image/png'], ['p6.png', 'image/png'],
    ]);
    const rows = await documentRows(server, rc.id);
    expect(rows).toHaveLength(5);
    expect(storedFiles(server)).toEqual(expect.arrayContaining(expectedFiles(rows)));
    const uploaded = await query(server.orm, `select distinct d.kind::text as kind, u.username from evidence_documents d join users u on u.id = d.uploaded_by_id
      where d.return_case_id = ? and d.storage_key not like 'documents/demo/%'`, [rc.id]);
    expect(uploaded).toEqual([{ kind: 'shipment_evidence', username: 'customer.one' }]);

    // The customer, the case's merchant and ops all see the photos and the description.
    for (const [who, client] of [['customer', customer], ['merchant', merchant], ['ops', ops]] as const) {
      const seen = (await client.ok(DOCUMENTS, { id: rc.id })).returnCase;
      expect(seen.shipmentDescription, who).toBe(SHIPMENT_DESCRIPTION);
      expect(seen.documents, who).toHaveLength(5);
      expect(seen.documents.every((d: any) => d.kind === 'SHIPMENT_EVIDENCE' && d.mediaType === 'IMAGE'), who).toBe(true);
      // The history: the move (its note is the description), then the photos.
      const tail = seen.timeline.slice(-2);
      expect(tail.map((e: any) => e.type), who).toEqual(['status_changed', 'document_uploaded']);
      expect(tail[0].payload.note, who).toBe(SHIPMENT_DESCRIPTION);
      expect(tail[1].payload.kind, who).toBe('shipment_evidence');
    }
    // Another merchant's view of the case: it does not exist.
    const other = await server.as('merchant.two');
    expect(errorCode(await other.gql(DOCUMENTS, { id: rc.id }))).toBe('NOT_FOUND');
    expect((await ops.ok(CASE, { id: rc.id })).returnCase.status).toBe('IN_TRANSIT');
  });

  it('takes shipment photos only with the shipment: uploadCaseDocuments refuses the kind, for everyone', async () => {
    const rc = await demoCase(server.orm, 'submitted', 'customer.one');
    const photo = [file('later.png', 'image/png', await png())];
    for (const client of [customer, ops, await server.as('admin.demo')]) {
      expect(code(await upload(client, rc.id, 'SHIPMENT_EVIDENCE', photo))).toBe('FORBIDDEN');
      expect((await client.ok(DOCUMENTS, { id: rc.id })).returnCase.uploadableKinds).not.toContain('SHIPMENT_EVIDENCE');
    }
    expect(await documentRows(server, rc.id)).toEqual([]);
  });

  it('lets ops confirm the shipment for the customer, with the photos the customer sent them', async () => {
    const rc = await demoCase(server.orm, 'approved', 'customer.one', 'Bazaar Marketplace');
    const shipped = await shipOk(ops, { id: rc.id, c: 'DHL Express', t: 'JD0146 0000 1234', d: 'Customer e-mailed two photos of the sealed box.' }, [file('a.webp', 'image/webp', await png())]);
    expect(shipped).toMatchObject({ status: 'IN_TRANSIT', shipmentDescription: 'Customer e-mailed two photos of the sealed box.' });
    // The bytes decide the type, not the name: a PNG named .webp is stored as a PNG.
    expect(shipped.documents).toEqual([expect.objectContaining({ contentType: 'image/png' })]);
  });
});
