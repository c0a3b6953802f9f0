// The worker as `npm start` / `npm run worker` run it: graphile-worker on its own pool, the LISTEN-triggered
// relay, the injected rescorer; a committed change reaches its jobs without anyone calling the relay, and the
// worker stops cleanly.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/src/logger.js';
import { type RunningWorker, startWorker } from '../../server/src/jobs/worker.js';
import type { RescoreRequest } from '../../server/src/modules/risk/risk-rescorer.js';
import { freshDeliveredOrders } from '../helpers/fixtures.js';
import { type TestServer, startTestServer } from '../helpers/test-server.js';
import { waitUntil } from '../helpers/ws-client.js';

describe('the running worker', () => {
  let server: TestServer;
  let worker: RunningWorker | undefined;

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await worker?.stop();
    await server.close();
  });

  it('relays a committed change as it commits, runs its jobs, calls the rescorer, and stops cleanly', async () => {
    const rescored: RescoreRequest[] = [];
    worker = await startWorker(
      { ...server.deps, logger: createLogger('silent') },
      { databaseUrl: server.db.url, orm: server.orm, rescorer: { rescore: async (request) => void rescored.push(request) } },
    );
    const [order] = await freshDeliveredOrders(server.orm, 'customer.one', 'Northwind Goods');
    const customer = await server.as('customer.one');
    const { id } = (await customer.ok('mutation C($input: CreateReturnCaseInput!) { createReturnCase(input: $input) { id } }', {
      input: { orderId: order.id, items: [{ orderItemId: order.items[0].id, quantity: 1 }], reason: 'OTHER' },
    })).createReturnCase;

    let mails = 0;
    const poll = setInterval(async () => {
      const [row] = await server.orm.em.getConnection().execute<any[]>('select count(*) as n from dev_mailbox_messages where case_id = ?', [id]);
      mails = Number(row.n);
    }, 50);
    try {
      await waitUntil(() => mails === 2 && rescored.some((r) => r.caseId === id), 'the e-mails and the rescore of the new case');
    } finally {
      clearInterval(poll);
    }
    expect(rescored.find((r) => r.caseId === id)).toMatchObject({ caseId: id, reason: 'case_created' });

    await worker.stop();
    worker = undefined;
    // Its connections (job pool and LISTEN) are gone; a backend may take a moment to leave pg_stat_activity. (The
    // process's model-activation listener belongs to the risk model the test server owns, not to the worker.)
    const open = async () => Number((await server.orm.em.getConnection().execute<any[]>(
      "select count(*) as n from pg_stat_activity where datname = current_database() and application_name like 'returnhub-%' and application_name <> 'returnhub-listen-returnhub_model_activated'"))[0].n);
    for (let i = 0; i < 40 && (await open()) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await open()).toBe(0);
  });
});
