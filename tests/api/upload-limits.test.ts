// Query.uploadLimits: the upload rules the API serves (public), so the web app states and checks them before sending
// instead of keeping a copy. The figures served are the ones uploadCaseDocuments enforces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCase } from '../helpers/fixtures.js';
import { type ApiClient, type TestServer, startTestServer } from '../helpers/test-server.js';
import { UPLOAD_MUTATION, file, multipartForm, png, video } from '../helpers/uploads.js';

interface KindLimits {
  kind: string;
  maxImagesPerCase: number;
  maxVideosPerCase: number;
  maxFilesPerCase: number;
  minFilesPerRequest: number;
  acceptedDescription: string;
  summary: string;
  acceptedTypes: Array<{ contentType: string; media: string; maxBytes: number; extensions: string[] }>;
}

const LIMITS_QUERY = `{ uploadLimits { maxFilesPerRequest kinds {
  kind maxImagesPerCase maxVideosPerCase maxFilesPerCase minFilesPerRequest acceptedDescription summary acceptedTypes { contentType media maxBytes extensions }
} } }`;

let server: TestServer;
let customer: ApiClient;
let limits: { maxFilesPerRequest: number; kinds: KindLimits[] };
const kind = (name: string) => limits.kinds.find((k) => k.kind === name)!;

beforeAll(async () => {
  server = await startTestServer();
  customer = await server.as('customer.one');
  limits = (await server.anonymous().ok<{ uploadLimits: typeof limits }>(LIMITS_QUERY)).uploadLimits;
});
afterAll(() => server.close());

const upload = async (client: ApiClient, caseId: string, documentKind: string, files: ReturnType<typeof file>[]) =>
  (await (await client.multipart(multipartForm(UPLOAD_MUTATION, { caseId, kind: documentKind }, files))).json()) as { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

describe('upload limits served by the API', () => {
  it('answers anyone, signed in or not, with every kind: its types with their size limits, per-case counts, and the limits in words', () => {
    expect(limits.maxFilesPerRequest).toBe(10);
    expect(limits.kinds.map((k) => k.kind)).toEqual(['EVIDENCE', 'RESPONSE', 'INSPECTION', 'SHIPMENT_EVIDENCE']);
    expect(kind('EVIDENCE')).toMatchObject({ maxImagesPerCase: 5, maxVideosPerCase: 1, maxFilesPerCase: 6, summary: 'Up to 5 photos (JPG, PNG or WEBP, 5 MB each) and 1 video (MP4 or MOV, 50 MB).' });
    expect(kind('EVIDENCE').acceptedTypes.map((t) => [t.contentType, t.media, t.maxBytes])).toEqual([
      ['image/jpeg', 'IMAGE', 5 * 2 ** 20],
      ['image/png', 'IMAGE', 5 * 2 ** 20],
      ['image/webp', 'IMAGE', 5 * 2 ** 20],
      ['video/mp4', 'VIDEO', 50 * 2 ** 20],
      ['video/quicktime', 'VIDEO', 50 * 2 ** 20],
    ]);
    expect(kind('RESPONSE').acceptedTypes.find((t) => t.contentType === 'application/pdf')).toEqual({ contentType: 'application/pdf', media: 'PDF', maxBytes: 20 * 2 ** 20, extensions: ['pdf'] });
    // A shipment brings 1 to 5 photos (seed 002): the only kind with a minimum.
    expect(kind('SHIPMENT_EVIDENCE')).toMatchObject({ maxFilesPerCase: 5, maxVideosPerCase: 0, minFilesPerRequest: 1, summary: '1 to 5 photos of the packed goods (JPG, PNG or WEBP, 5 MB each).' });
    expect(kind('EVIDENCE').minFilesPerRequest).toBe(0);
    expect(kind('INSPECTION')).toMatchObject({ maxFilesPerCase: 20, maxVideosPerCase: 0, summary: 'Photos (JPG, PNG or WEBP, 10 MB each) and PDF documents (20 MB each), up to 20 per case.' });
  });

  it('serves what the upload enforces: a PNG one byte over its served limit is refused, and another type is refused in the served words', async () => {
    const caseId = (await demoCase(server.orm, 'submitted', 'customer.one', 'Northwind Goods')).id;
    const maxPng = kind('EVIDENCE').acceptedTypes.find((t) => t.contentType === 'image/png')!.maxBytes;
    const tooBig = await upload(customer, caseId, 'EVIDENCE', [file('big.png', 'image/png', await png(maxPng + 1))]);
    expect(tooBig.errors?.[0]?.extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', maxBytes: maxPng });
    const ops = await server.as('ops.demo');
    const wrongType = await upload(ops, caseId, 'RESPONSE', [file('clip.mp4', 'video/mp4', video())]);
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(wrongType.errors?.[0]?.message).toContain(kind('RESPONSE').acceptedDescription);
  });
});
