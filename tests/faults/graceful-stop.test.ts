// SIGTERM on an API replica (issue #18 §4): the real built entry in production mode, `--api-only`, on a database of
// its own. An idle replica, and one holding what a reverse proxy and a browser leave open (an idle keep-alive HTTP
// connection, an open WebSocket), must stop in well under the shutdown deadline (main.ts: 7 s per step, 9 s in all),
// in an orderly way: no step cut short by its deadline. Before the fix, Apollo's own SIGTERM handler stopped the
// server concurrently with ours and our `apollo.stop()` waited for the full 7 s step deadline.
import { rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { type MainProcess, printedUrl, startMain, tempDataDir } from '../helpers/main-process.js';
import { PRODUCTION_ENV } from '../helpers/production-env.js';
import { createTestDatabase } from '../helpers/test-db.js';
import { buildServerOnce } from '../helpers/worker-process.js';
import { wsClient } from '../helpers/ws-client.js';

const READY = /Health\s+http/;
const STARTS_WITHIN_MS = 150_000;
const TEST_MS = 240_000;
/** Far below the 7 s step deadline that used to end the wait, with room for a loaded machine. */
const STOPS_WITHIN_MS = 3_000;

/** A GET over `agent` (keep-alive: the connection stays open and idle afterwards, as a proxy's upstream pool does). */
const getOver = (agent: Agent, url: string) =>
  new Promise<number>((resolve, reject) => {
    request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    })
      .on('error', reject)
      .end();
  });

describe('SIGTERM on an API replica', () => {
  beforeAll(() => buildServerOnce(), 300_000);

  const withReplica = async (body: (replica: MainProcess, url: string) => Promise<void>) => {
    const db = await createTestDatabase({ empty: true });
    const dataDir = tempDataDir();
    const replica = startMain(['--api-only'], { ...PRODUCTION_ENV, DATABASE_URL: db.url, DATA_DIR: dataDir });
    try {
      await replica.waitFor(READY, STARTS_WITHIN_MS);
      await body(replica, printedUrl(replica.output()));
    } finally {
      await replica.kill('SIGKILL');
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  };

  const expectOrderlyQuickStop = async (replica: MainProcess) => {
    const stopped = await replica.kill('SIGTERM');
    const output = replica.output();
    expect(output, output).not.toContain('did not finish in time');
    expect(stopped.ms, output).toBeLessThan(STOPS_WITHIN_MS);
    expect(stopped.code, output).toBe(0);
    expect(output).toContain('Stopped.');
  };

  it('an idle replica stops at once, in order', () => withReplica(async (replica, url) => {
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    await expectOrderlyQuickStop(replica);
  }), TEST_MS);

  it('a replica with an idle keep-alive connection and an open WebSocket stops at once, in order', () => withReplica(async (replica, url) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const client = wsClient(url);
    try {
      expect(await getOver(agent, `${url}/healthz`)).toBe(200);
      // The client is lazy: a subscription (refused or not) opens the socket; `connected` means it was acknowledged.
      const connected = new Promise<void>((resolve) => client.on('connected', () => resolve()));
      const unsubscribe = client.subscribe({ query: 'subscription S { __typename }' }, { next: () => {}, error: () => {}, complete: () => {} });
      await connected;
      await expectOrderlyQuickStop(replica);
      unsubscribe();
    } finally {
      agent.destroy();
      await client.dispose();
    }
  }), TEST_MS);
});
