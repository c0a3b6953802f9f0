import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoFiles } from '../../seeds/demo-files.js';
import { LocalFileStorage } from '../../server/src/modules/documents/storage/local-file-storage.js';
import { BuiltinCarrier } from '../../server/src/modules/fulfilment/builtin-carrier.js';
import { type TestServer, startTestServer } from '../helpers/test-server.js';

const CASES = `query { returnCases(first: 50) { edges { node { id number status labelUrl labelTrackingNumber
  documents { kind url thumbnailUrl sha256 sizeBytes contentType width height } } } } }`;

const sha256 = (bytes: ArrayBuffer) => createHash('sha256').update(Buffer.from(bytes)).digest('hex');

describe('the demo data has its files (SPEC §10: cases with evidence)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('gives every demo case photos that download with the recorded size and sha256, and approved cases a label', async () => {
    const ops = await server.as('ops.demo');
    const cases: any[] = (await ops.ok(CASES)).returnCases.edges.map((e: any) => e.node);
    expect(cases).toHaveLength(32);
    let downloads = 0;
    for (const rc of cases) {
      for (const document of rc.documents) {
        const response = await fetch(`${server.url}${document.url}`);
        expect(response.status, `${rc.number} ${document.url}`).toBe(200);
        const bytes = await response.arrayBuffer();
        expect(bytes.byteLength).toBe(document.sizeBytes);
        expect(sha256(bytes)).toBe(document.sha256);
        expect((await fetch(`${server.url}${document.thumbnailUrl}`)).headers.get('content-type')).toBe('image/webp');
        downloads++;
      }
      const approvedOnce = !['SUBMITTED', 'IN_REVIEW', 'WAITING_CUSTOMER', 'WAITING_MERCHANT', 'REJECTED', 'DISPUTED', 'CLOSED', 'CANCELLED'].includes(rc.status);
      expect(Boolean(rc.labelUrl), `${rc.number} ${rc.status} label`).toBe(approvedOnce);
      if (approvedOnce) {
        const label = await fetch(`${server.url}${rc.labelUrl}`, { headers: { cookie: ops.sessionCookie! } });
        expect(label.status).toBe(200);
        expect(Buffer.from(await label.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
      }
    }
    expect(downloads).toBeGreaterThan(40);
    // Photos are optional: most cases have them, some not.
    const withEvidence = cases.filter((rc) => rc.documents.some((d: any) => d.kind === 'EVIDENCE')).length;
    expect(withEvidence).toBeGreaterThan(20);
    expect(withEvidence).toBeLessThan(32);
    // Inspection photos come with inspected cases.
    expect(cases.filter((rc) => rc.documents.some((d: any) => d.kind === 'INSPECTION')).map((rc) => rc.status).sort())
      .toEqual(cases.filter((rc) => ['INSPECTED', 'REFUND_PENDING', 'REFUND_FAILED', 'REFUNDED', 'EXCHANGED', 'RETURNED_TO_CUSTOMER'].includes(rc.status)).map((rc) => rc.status).sort());
  });

  it('writes the missing files into empty storage once, and nothing on a second run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'returnhub-demo-files-'));
    try {
      const storage = new LocalFileStorage(dir);
      const first = await ensureDemoFiles(server.orm.em.fork(), storage, new BuiltinCarrier());
      expect(first).toBeGreaterThan(30);
      expect(await ensureDemoFiles(server.orm.em.fork(), storage, new BuiltinCarrier())).toBe(0);
      const [{ key }] = await server.orm.em.getConnection().execute<any[]>(`select storage_key as key from evidence_documents order by storage_key limit 1`);
      await storage.delete(key);
      expect(await ensureDemoFiles(server.orm.em.fork(), storage, new BuiltinCarrier())).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
