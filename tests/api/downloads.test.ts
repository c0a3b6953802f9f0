// Downloads (issue 5): only through GET /files/:id[/thumbnail], by session, partner token or a short-lived signed
// link; the sniffed type, nosniff, Content-Disposition; a party that cannot see the case gets 404, guessed id or not.
import { createHash, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCase } from '../helpers/fixtures.js';
import { type ApiClient, type TestServer, startTestServer } from '../helpers/test-server.js';
import { startTestWorker } from '../helpers/test-worker.js';
import { UPLOAD_MUTATION, type UploadFile, file, multipartForm, pdf, png, video } from '../helpers/uploads.js';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

let server: TestServer;
let clients: Record<'customerOne' | 'customerTwo' | 'merchantOne' | 'merchantTwo' | 'partnerOne' | 'partnerTwo' | 'ops' | 'admin', ApiClient>;
const docs: Record<string, { id: string; url: string; thumbnailUrl: string }> = {};
const bytes: Record<string, Buffer> = {};
let receivedCaseId: string;

async function uploadAs(client: ApiClient, caseId: string, kind: string, files: UploadFile[]) {
  const res = await client.multipart(multipartForm(UPLOAD_MUTATION, { caseId, kind }, files));
  const body = (await res.json()) as any;
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data.uploadCaseDocuments as Array<{ id: string; url: string; thumbnailUrl: string }>;
}

const get = (path: string, client?: ApiClient, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { headers: { ...(client?.authHeaders() ?? {}), ...headers } });

beforeAll(async () => {
  server = await startTestServer();
  const [customerOne, customerTwo, merchantOne, merchantTwo, ops, admin] = await Promise.all(
    ['customer.one', 'customer.two', 'merchant.one', 'merchant.two', 'ops.demo', 'admin.demo'].map((u) => server.as(u)),
  );
  const token = async (merchant: ApiClient) => server.withToken((await merchant.ok('mutation { createApiToken(name: "downloads") { secret } }')).createApiToken.secret);
  clients = { customerOne, customerTwo, merchantOne, merchantTwo, partnerOne: await token(merchantOne), partnerTwo: await token(merchantTwo), ops, admin };

  const caseA = (await demoCase(server.orm, 'submitted', 'customer.one', 'Northwind Goods')).id;
  const caseB = (await demoCase(server.orm, 'waiting_merchant', 'customer.two', 'Bazaar Marketplace')).id;
  receivedCaseId = (await demoCase(server.orm, 'received', 'customer.one', 'Northwind Goods')).id;
  bytes.image = await png(200_000, 3);
  bytes.video = video({ size: 300_000, durationMs: 9_000 });
  bytes.pdf = pdf();
  bytes.other = await png(undefined, 9);
  bytes.inspection = await png(undefined, 11);
  [docs.image, docs.video] = await uploadAs(customerOne, caseA, 'EVIDENCE', [file('front.png', 'image/png', bytes.image), file('unboxing.mp4', 'video/mp4', bytes.video)]);
  [docs.pdf] = await uploadAs(merchantOne, caseA, 'RESPONSE', [file('Rücksendeschein "A".pdf', 'application/pdf', bytes.pdf)]);
  [docs.other] = await uploadAs(customerTwo, caseB, 'EVIDENCE', [file('other.png', 'image/png', bytes.other)]);
  [docs.inspection] = await uploadAs(merchantOne, receivedCaseId, 'INSPECTION', [file('dent.png', 'image/png', bytes.inspection)]);
});
afterAll(() => server.close());

describe('download refusals', () => {
  // One shape for every refused download, documents and labels alike (issue 19 §10): `{ error, message }`.
  it('answers documents and labels with the same { error, message } for the same refusal', async () => {
    const missingCase = randomUUID();
    const pairs: Array<[string, string, ApiClient | undefined, number, string]> = [
      ['document, anonymous', `/files/${docs.image.id}`, undefined, 401, 'UNAUTHENTICATED'],
      ['label, anonymous', `/files/labels/${missingCase}`, undefined, 401, 'UNAUTHENTICATED'],
      ['document, not visible', `/files/${docs.other.id}`, clients?.customerOne, 404, 'NOT_FOUND'],
      ['label, missing case', `/files/labels/${missingCase}`, clients?.customerOne, 404, 'NOT_FOUND'],
    ];
    for (const [what, path, client, status, code] of pairs) {
      const res = await get(path, client);
      expect(res.status, what).toBe(status);
      const body = (await res.json()) as Record<string, unknown>;
      expect(Object.keys(body).sort(), what).toEqual(['error', 'message']);
      expect(body, what).toEqual({ error: code, message: expect.stringMatching(/\S/) });
    }
  });
});

describe('GET /files/:id', () => {
  it('serves the file to everyone who can see the case (owner, merchant, partner token, ops, admin) with safe headers', async () => {
    for (const who of ['customerOne', 'merchantOne', 'partnerOne', 'ops', 'admin'] as const) {
      const res = await get(`/files/${docs.image.id}`, clients[who]);
      expect(res.status, who).toBe(200);
      expect(sha256(new Uint8Array(await res.arrayBuffer())), who).toBe(sha256(bytes.image));
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('content-length')).toBe(String(bytes.image.length));
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('private, max-age=300');
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
      expect(res.headers.get('content-disposition')).toBe(`inline; filename="front.png"; filename*=UTF-8''front.png`);
    }
  });

  it('sends everything that is not an image as an attachment, with an RFC 5987 file name', async () => {
    const res = await get(`/files/${docs.pdf.id}`, clients.customerOne);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="R_cksendeschein _A_.pdf"; filename*=UTF-8''R%C3%BCcksendeschein%20%22A%22.pdf`);
    const videoRes = await get(`/files/${docs.video.id}`, clients.ops);
    expect(videoRes.headers.get('content-type')).toBe('video/mp4');
    expect(videoRes.headers.get('content-disposition')).toMatch(/^attachment; filename="unboxing.mp4"/);
    await videoRes.arrayBuffer();
  });

  it('answers 404 to every party that cannot see the case, for the file and its thumbnail, exactly as for a made-up id', async () => {
    const refusals: Array<[keyof typeof clients, string]> = [
      ['customerTwo', docs.image.id],
      ['merchantTwo', docs.image.id],
      ['partnerTwo', docs.pdf.id],
      ['customerOne', docs.other.id],
      ['merchantOne', docs.other.id],
      ['partnerOne', docs.other.id],
    ];
    for (const [who, id] of refusals) {
      for (const path of [`/files/${id}`, `/files/${id}/thumbnail`]) {
        const res = await get(path, clients[who]);
        expect(res.status, `${who} ${path}`).toBe(404);
        expect(await res.json()).toEqual({ error: 'NOT_FOUND', message: expect.any(String) });
      }
    }
    for (const path of [`/files/${randomUUID()}`, '/files/not-a-uuid', `/files/${randomUUID()}/thumbnail`]) {
      expect((await get(path, clients.ops)).status, path).toBe(404);
    }
  });

  it('asks anonymous callers to sign in, and ignores a session cookie when a (wrong) bearer token is sent', async () => {
    const anonymous = await get(`/files/${docs.image.id}`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: 'UNAUTHENTICATED', message: expect.any(String) });
    const mixed = await get(`/files/${docs.image.id}`, undefined, { ...clients.customerOne.authHeaders(), authorization: 'Bearer rhp_wrong' });
    expect(mixed.status).toBe(401);
  });

  it('hides inspection photos from the customer until the inspection is recorded; the merchant and ops see them at once', async () => {
    const listed = async (client: ApiClient) =>
      (await client.ok('query Q($id: ID!) { returnCase(id: $id) { documents { id kind } } }', { id: receivedCaseId })).returnCase.documents.map((d: any) => d.id);
    expect(await listed(clients.customerOne)).not.toContain(docs.inspection.id);
    expect((await get(`/files/${docs.inspection.id}`, clients.customerOne)).status).toBe(404);
    expect(await listed(clients.merchantOne)).toContain(docs.inspection.id);
    expect(await listed(clients.ops)).toContain(docs.inspection.id);
    expect((await get(`/files/${docs.inspection.id}`, clients.merchantOne)).status).toBe(200);

    await server.orm.em.getConnection().execute("update return_cases set status = 'inspected', inspected_at = now() where id = ?", [receivedCaseId]);
    expect(await listed(clients.customerOne)).toContain(docs.inspection.id);
    expect((await get(`/files/${docs.inspection.id}`, clients.customerOne)).status).toBe(200);
    await server.orm.em.getConnection().execute("update return_cases set status = 'received', inspected_at = null where id = ?", [receivedCaseId]);
  });

  it('serves byte ranges (video seeking), answers 416 outside the file, and 304 for a matching ETag', async () => {
    const ranged = await get(`/files/${docs.video.id}`, clients.customerOne, { range: 'bytes=100-199' });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 100-199/${bytes.video.length}`);
    expect(Buffer.from(await ranged.arrayBuffer())).toEqual(bytes.video.subarray(100, 200));
    const suffix = await get(`/files/${docs.video.id}`, clients.customerOne, { range: 'bytes=-10' });
    expect(Buffer.from(await suffix.arrayBuffer())).toEqual(bytes.video.subarray(bytes.video.length - 10));
    const outside = await get(`/files/${docs.video.id}`, clients.customerOne, { range: `bytes=${bytes.video.length}-` });
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe(`bytes */${bytes.video.length}`);
    const cached = await get(`/files/${docs.image.id}`, clients.customerOne, { 'if-none-match': `"${sha256(bytes.image)}"` });
    expect(cached.status).toBe(304);
  });

  it('answers HEAD with the headers only', async () => {
    const res = await fetch(`${server.url}/files/${docs.image.id}`, { method: 'HEAD', headers: clients.customerOne.authHeaders() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(bytes.image.length));
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });
});

describe('signed links', () => {
  it('work without credentials, only for their file and variant, and expire after five minutes', async () => {
    const { returnCase } = await clients.customerOne.ok('query Q($id: ID!) { returnCase(id: $id) { documents { id url thumbnailUrl } } }', {
      id: (await demoCase(server.orm, 'submitted', 'customer.one', 'Northwind Goods')).id,
    });
    const image = returnCase.documents.find((d: any) => d.id === docs.image.id);
    expect(image.url).toMatch(new RegExp(`^/files/${docs.image.id}\\?expires=\\d+&sig=[\\w-]{43}$`));

    const ok = await get(image.url);
    expect(ok.status).toBe(200);
    expect(sha256(new Uint8Array(await ok.arrayBuffer()))).toBe(sha256(bytes.image));
    expect((await get(image.thumbnailUrl)).status).toBe(200);

    // The file's signature does not open its thumbnail, another file, or a changed expiry.
    const query = image.url.slice(image.url.indexOf('?'));
    expect((await get(`/files/${docs.image.id}/thumbnail${query}`)).status).toBe(404);
    expect((await get(`/files/${docs.other.id}${query}`)).status).toBe(404);
    expect((await get(image.url.replace(/expires=(\d+)/, (_m: string, e: string) => `expires=${Number(e) + 3600}`))).status).toBe(404);

    server.clock.advance(6 * 60_000);
    try {
      const expired = await get(image.url);
      expect(expired.status).toBe(403);
      expect(await expired.json()).toEqual({ error: 'LINK_EXPIRED', message: expect.any(String) });
      // Someone who can see the case still gets the file with their own credentials.
      expect((await get(image.url, clients.customerOne)).status).toBe(200);
    } finally {
      server.clock.advance(-6 * 60_000);
    }
  });

  it('are handed out only with documents the viewer can see', async () => {
    const otherCase = await clients.customerOne.gql('query Q($id: ID!) { returnCase(id: $id) { documents { url } } }', {
      id: (await demoCase(server.orm, 'waiting_merchant', 'customer.two', 'Bazaar Marketplace')).id,
    });
    expect(otherCase.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('thumbnails', () => {
  it('are small WEBP renderings of images once their job ran (the image itself before), and placeholders for videos and PDFs', async () => {
    // Pending (the worker has not run here yet): the original image, not cached, so a later load gets the WEBP.
    const pending = await get(`/files/${docs.image.id}/thumbnail`, clients.customerOne);
    expect(pending.status).toBe(200);
    expect(pending.headers.get('content-type')).toBe('image/png');
    expect(pending.headers.get('cache-control')).toBe('no-store');
    expect(pending.headers.get('x-content-type-options')).toBe('nosniff');
    expect(sha256(new Uint8Array(await pending.arrayBuffer()))).toBe(sha256(bytes.image));

    const worker = await startTestWorker(server);
    try {
      await worker.drain();
    } finally {
      await worker.stop();
    }
    const thumb = await get(`/files/${docs.image.id}/thumbnail`, clients.customerOne);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect(thumb.headers.get('x-content-type-options')).toBe('nosniff');
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(meta.format).toBe('webp');
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(320);

    for (const doc of [docs.video, docs.pdf]) {
      const placeholder = await get(`/files/${doc.id}/thumbnail`, clients.customerOne);
      expect(placeholder.status).toBe(200);
      expect(placeholder.headers.get('content-type')).toBe('image/png');
      expect((await sharp(Buffer.from(await placeholder.arrayBuffer())).metadata()).format).toBe('png');
    }
  });

  it('the documents of a list of cases carry their own files (batched per request)', async () => {
    const { returnCases } = await clients.customerOne.ok('{ returnCases(first: 50) { edges { node { id documents { id kind mediaType durationMs } } } } }');
    const byCase = new Map<string, any[]>(returnCases.edges.map((e: any) => [e.node.id, e.node.documents]));
    const caseA = (await demoCase(server.orm, 'submitted', 'customer.one', 'Northwind Goods')).id;
    expect(byCase.get(caseA)!.map((d) => d.id)).toEqual([docs.image.id, docs.video.id, docs.pdf.id]);
    expect(byCase.get(caseA)![1]).toMatchObject({ mediaType: 'VIDEO', durationMs: 9_000 });
    // Only the customer's own parcel photo (every shipped demo case has one): not the inspection photo, before the inspection.
    expect(byCase.get(receivedCaseId)!.map((d) => d.kind)).toEqual(['SHIPMENT_EVIDENCE']);
    expect([...byCase.values()].flat().map((d) => d.id)).not.toContain(docs.other.id);
  });
});
