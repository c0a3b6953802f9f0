import { afterEach, beforeEach } from 'vitest';
import { freshDeliveredOrders } from './fixtures.js';
import { type ApiClient, type TestServer, startTestServer } from './test-server.js';
import { type TestWorker, startTestWorker } from './test-worker.js';

/** What a background-work test runs against: its own server and database, the worker's tasks on it, a signed-in user. */
export interface JobHarness {
  server: TestServer;
  worker: TestWorker;
  /** Signed in as the user given to `useJobHarness` (staff, usually). */
  user: ApiClient;
}

/**
 * Registers beforeEach/afterEach for a test file of background work: a fresh test server (its own database cloned
 * from the demo data, a ManualClock), a test worker on it, and `username` signed in. Read the fields inside tests.
 */
export function useJobHarness(username: string): JobHarness {
  const harness = {} as JobHarness;
  beforeEach(async () => {
    harness.server = await startTestServer();
    harness.worker = await startTestWorker(harness.server);
    harness.user = await harness.server.as(username);
  });
  afterEach(async () => {
    await harness.worker?.stop();
    await harness.server?.close();
  });
  return harness;
}

const CREATE = 'mutation C($input: CreateReturnCaseInput!) { createReturnCase(input: $input) { id number merchantResponseDueAt } }';

export interface OpenedCase {
  id: string;
  number: string;
  merchantResponseDueAt: string;
  /** The customer who opened it, signed in. */
  customer: ApiClient;
}

/** A new return case of `customer` on a fresh delivered order of `merchant` (one unit of its first item), opened now by the test clock. */
export async function openCaseFor(server: TestServer, customer: string, merchant: string, reason: 'DEFECTIVE_DAMAGED' | 'WRONG_ITEM' | 'NOT_AS_DESCRIBED' | 'CHANGED_MIND' | 'OTHER' = 'NOT_AS_DESCRIBED'): Promise<OpenedCase> {
  const [order] = await freshDeliveredOrders(server.orm, customer, merchant);
  const client = await server.as(customer);
  const created = (await client.ok(CREATE, { input: { orderId: order.id, items: [{ orderItemId: order.items[0].id, quantity: 1 }], reason } })).createReturnCase;
  return { ...created, customer: client };
}
