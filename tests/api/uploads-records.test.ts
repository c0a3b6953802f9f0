// Uploads (issue 5), continued from uploads.test.ts: real GraphQL multipart requests over HTTP against a real server
// and PostgreSQL. The audit record and rescore request of an upload, and that nothing is ever half-stored
// (refusals, interruptions, races), also when evidence comes with createReturnCase.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RescoreHook } from '../../server/src/modules/risk/rescore-hook.js';
import { countRows, demoCase, freshDeliveredOrders } from '../helpers/fixtures.js';
import { rawUpload } from '../helpers/raw-multipart.js';
import { type ApiClient, type GraphQLResponse, type TestServer, startTestServer } from '../helpers/test-server.js';
import { relayOutbox } from '../../server/src/jobs/outbox-relay.js';
import { TaskName } from '../../server/src/shared/job-queue.js';
import { code, documentRows, expectedFiles, rule, storedFiles, upload } from '../helpers/upload-storage.js';
import { MiB, UPLOAD_MUTATION, file, html, jpeg, multipartForm, png, video } from '../helpers/uploads.js';

let server: TestServer;
let customer: ApiClient;
let caseId: string;

describe('uploads', () => {
  beforeEach(async () => {
    server = await startTestServer();
    customer = await server.as('customer.one');
    caseId = (await demoCase(server.orm, 'submitted', 'customer.one', 'Northwind Goods')).id;
  });
  afterEach(() => server.close());

  describe('what an upload records', () => {
    it('writes one document_uploaded audit event and the case.changed + case.rescore outbox rows, and lists the files on the case', async () => {
      const events = await countRows(server.orm, 'case_events', caseId);
      const outbox = await countRows(server.orm, 'outbox_messages', caseId);
      const result = await upload(customer, caseId, 'EVIDENCE', [file('a.png', 'image/png', await png()), file('b.mp4', 'video/mp4', video())]);
      const ids = result.data.uploadCaseDocuments.map((d: any) => d.id);
      expect(await countRows(server.orm, 'case_events', caseId)).toBe(events + 1);
      expect(await countRows(server.orm, 'outbox_messages', caseId)).toBe(outbox + 2);
      const [event] = await server.orm.em.getConnection().execute<any[]>(
        "select type, actor_label, payload from case_events where return_case_id = ? and type = 'document_uploaded'",
        [caseId],
      );
      expect(event.actor_label).toBe('customer.one');
      expect(event.payload.kind).toBe('evidence');
      expect(event.payload.documents.map((d: any) => d.id)).toEqual(ids);
      const topics = await server.orm.em.getConnection().execute<any[]>('select topic, payload from outbox_messages where case_id = ? order by created_at desc, topic limit 2', [caseId]);
      expect(topics.map((t) => t.topic).sort()).toEqual(['case.changed', 'case.rescore']);
      expect(topics.find((t) => t.topic === 'case.rescore').payload).toEqual({ reason: 'document_uploaded' });

      const listed = await customer.ok('query Q($id: ID!) { returnCase(id: $id) { documents { id kind fileName } timeline { type } } }', { id: caseId });
      expect(listed.returnCase.documents.map((d: any) => d.id)).toEqual(ids);
      expect(listed.returnCase.timeline.map((e: any) => e.type)).toContain('document_uploaded');
    });

    it('asks the rescore hook, and a hook that throws, rejects or never answers cannot fail or hold up the upload', async () => {
      await server.close();
      const calls: string[] = [];
      let behaviour: () => void | Promise<void> = () => undefined;
      const hook: RescoreHook = {
        requestRescore(id, reason) {
          calls.push(`${id}:${reason}`);
          return behaviour();
        },
      };
      server = await startTestServer({ deps: { rescoreHook: hook } });
      customer = await server.as('customer.one');
      const behaviours: Array<[string, () => void | Promise<void>]> = [
        ['throws', () => {
          throw new Error('scorer down');
        }],
        ['rejects', () => Promise.reject(new Error('scorer timeout'))],
        ['hangs', () => new Promise<void>(() => undefined)],
      ];
      for (const [n, [name, b]] of behaviours.entries()) {
        behaviour = b;
        const started = Date.now();
        const result = await upload(customer, caseId, 'EVIDENCE', [file(`${name}.png`, 'image/png', await png(undefined, n + 1))]);
        expect(result.errors, name).toBeUndefined();
        expect(Date.now() - started, name).toBeLessThan(5_000);
        expect(calls, name).toHaveLength(n + 1);
        expect(calls[n]).toBe(`${caseId}:document_uploaded`);
      }
      expect(await documentRows(server, caseId)).toHaveLength(3);
      // The durable request is the outbox row, written whatever the hook does.
      const [{ n }] = await server.orm.em.getConnection().execute<any[]>("select count(*)::int as n from outbox_messages where case_id = ? and topic = 'case.rescore' and payload->>'reason' = 'document_uploaded'", [caseId]);
      expect(n).toBe(3);
    });
  });

  describe('nothing half-stored', () => {
    it('an upload interrupted mid-stream leaves no row and no file (neither in storage nor in the parser\'s temp folder)', async () => {
      const events = await countRows(server.orm, 'case_events', caseId);
      const head = await png();
      let sawTemporaryFile = false;
      const result = await rawUpload({
        url: `${server.url}/graphql`,
        headers: { 'apollo-require-preflight': 'true', cookie: customer.sessionCookie! },
        query: UPLOAD_MUTATION,
        variables: { caseId, kind: 'EVIDENCE' },
        file: { name: 'big.png', type: 'image/png', head, size: 4 * MiB },
        pace: async (sent) => {
          if (sent < 2 * MiB) return 'continue';
          // Mid-stream: wait until the server is writing the file to storage, then cut the connection.
          for (let i = 0; i < 100 && !sawTemporaryFile; i++) {
            sawTemporaryFile = storedFiles(server).some((f) => f.startsWith('tmp/'));
            if (!sawTemporaryFile) await new Promise((r) => setTimeout(r, 20));
          }
          return 'abort';
        },
      });
      expect(result).toBe('aborted');
      expect(sawTemporaryFile).toBe(true);
      await expect.poll(() => storedFiles(server), { timeout: 5_000 }).toEqual([]);
      expect(await documentRows(server, caseId)).toHaveLength(0);
      expect(await countRows(server.orm, 'case_events', caseId)).toBe(events);
    });

    it('concurrent uploads of 4 + 4 images to one case: one is stored whole, the other refused whole (never more than 5)', async () => {
      const batch = (offset: number) => Promise.all([1, 2, 3, 4].map(async (n) => file(`p${n + offset}.png`, 'image/png', await png(256 * 1024, n + offset))));
      const [a, b] = await Promise.all([batch(0), batch(10)]);
      const results = await Promise.all([upload(customer, caseId, 'EVIDENCE', a), upload(customer, caseId, 'EVIDENCE', b)]);
      const succeeded = results.filter((r) => !r.errors);
      const refused = results.filter((r) => r.errors);
      expect(succeeded).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(code(refused[0])).toBe('BAD_USER_INPUT');
      expect(['EVIDENCE_IMAGE_LIMIT', 'EVIDENCE_LIMIT']).toContain(rule(refused[0]));
      const rows = await documentRows(server, caseId);
      expect(rows).toHaveLength(4);
      expect(rows.map((r) => r.id).sort()).toEqual(succeeded[0].data.uploadCaseDocuments.map((d: any) => d.id).sort());
      expect(storedFiles(server)).toEqual(expectedFiles(rows));
    });

    it('six racing requests of two images each: whole requests only, never more than 5 images', async () => {
      const requests = await Promise.all(
        [0, 1, 2, 3, 4, 5].map(async (r) => [file(`a${r}.png`, 'image/png', await png(64 * 1024, r * 2 + 1)), file(`b${r}.png`, 'image/png', await png(64 * 1024, r * 2 + 2))]),
      );
      const results = await Promise.all(requests.map((files) => upload(customer, caseId, 'EVIDENCE', files)));
      const succeeded = results.filter((r) => !r.errors).length;
      for (const refused of results.filter((r) => r.errors)) expect(code(refused)).toBe('BAD_USER_INPUT');
      const rows = await documentRows(server, caseId);
      expect(rows.length).toBeLessThanOrEqual(5);
      expect(rows).toHaveLength(succeeded * 2);
      expect(succeeded).toBe(2);
      expect(storedFiles(server)).toEqual(expectedFiles(rows));
    });
  });

  describe('evidence on createReturnCase', () => {
    const CREATE = `mutation Create($input: CreateReturnCaseInput!, $evidence: [Upload!]) {
      createReturnCase(input: $input, evidence: $evidence) { id documents { kind fileName contentType } }
    }`;

    it('creates the case with its evidence in one go', async () => {
      const [order] = await freshDeliveredOrders(server.orm, 'customer.one', 'Northwind Goods');
      const input = { orderId: order.id, items: [{ orderItemId: order.items[0].id, quantity: 1 }], reason: 'DEFECTIVE_DAMAGED', description: 'Cracked' };
      const res = await customer.multipart(multipartForm(CREATE, { input }, [file('crack.jpg', 'image/jpeg', await jpeg()), file('crack.mp4', 'video/mp4', video())], 'evidence'));
      const result = (await res.json()) as GraphQLResponse<any>;
      expect(result.errors).toBeUndefined();
      expect(result.data.createReturnCase.documents).toEqual([
        { kind: 'EVIDENCE', fileName: 'crack.jpg', contentType: 'image/jpeg' },
        { kind: 'EVIDENCE', fileName: 'crack.mp4', contentType: 'video/mp4' },
      ]);
      const rows = await documentRows(server, result.data.createReturnCase.id);
      expect(storedFiles(server)).toEqual(expectedFiles(rows));
      const [{ types }] = await server.orm.em.getConnection().execute<any[]>('select array_agg(type order by created_at) as types from case_events where return_case_id = ?', [result.data.createReturnCase.id]);
      expect(types.filter((t: string) => t !== 'risk_scored')).toEqual(['case_created', 'document_uploaded']);
      // The image's thumbnail job was queued (an outbox message) in the transaction that created the case (none for the video).
      await relayOutbox(() => server.orm.em.fork(), () => server.clock.now());
      const jobs = await server.orm.em.getConnection().execute<any[]>('select key from graphile_worker.jobs where task_identifier = ?', [TaskName.MAKE_DOCUMENT_THUMBNAIL]);
      const image = rows.find((r) => r.content_type === 'image/jpeg')!;
      expect(jobs.map((j) => j.key)).toEqual([`thumbnail:${image.id}`]);
    });

    it('a refused file leaves no case; an ineligible order leaves no files', async () => {
      const cases = await countRows(server.orm, 'return_cases');
      const [order] = await freshDeliveredOrders(server.orm, 'customer.one', 'Northwind Goods');
      const input = { orderId: order.id, items: [{ orderItemId: order.items[0].id, quantity: 1 }], reason: 'DEFECTIVE_DAMAGED' };
      const badFile = (await (await customer.multipart(multipartForm(CREATE, { input }, [file('ok.png', 'image/png', await png()), file('x.png', 'image/png', html())], 'evidence'))).json()) as GraphQLResponse;
      expect(code(badFile)).toBe('UNSUPPORTED_MEDIA_TYPE');

      const finalSale = order.items.find((i) => i.finalSale)!;
      const ineligible = (await (
        await customer.multipart(multipartForm(CREATE, { input: { ...input, items: [{ orderItemId: finalSale.id, quantity: 1 }] } }, [file('ok.png', 'image/png', await png())], 'evidence'))
      ).json()) as GraphQLResponse;
      expect(code(ineligible)).toBe('NOT_ELIGIBLE');
      expect(await countRows(server.orm, 'return_cases')).toBe(cases);
      // Clean-up of a refused request's temporary files may finish just after the answer.
      await expect.poll(() => storedFiles(server), { timeout: 5_000 }).toEqual([]);
    });

    it('two requests racing for the same items: one case with its files, the loser leaves no file even after its files were committed to storage', async () => {
      const [order] = await freshDeliveredOrders(server.orm, 'customer.one', 'Northwind Goods');
      const input = { orderId: order.id, items: [{ orderItemId: order.items[0].id, quantity: 1 }], reason: 'WRONG_ITEM' };
      const forms = await Promise.all([1, 2].map(async (n) => multipartForm(CREATE, { input }, [file(`e${n}.png`, 'image/png', await png(128 * 1024, n))], 'evidence')));
      const results = (await Promise.all(forms.map(async (form) => (await customer.multipart(form)).json()))) as Array<GraphQLResponse<any>>;
      const winners = results.filter((r) => !r.errors);
      expect(winners).toHaveLength(1);
      expect(['CONFLICT', 'NOT_ELIGIBLE']).toContain(code(results.find((r) => r.errors)!));
      const rows = await documentRows(server, winners[0].data.createReturnCase.id);
      expect(rows).toHaveLength(1);
      expect(storedFiles(server)).toEqual(expectedFiles(rows));
    });
  });
});
