// Issue #18: a real PostgreSQL restart under a running server (a standalone embedded server of this test's own, so
// the shared one keeps serving the other files). Pooled connections are closed by the shutdown (57P01), new ones are
// refused while it is down, then accepted again: the server answers 503 SERVICE_UNAVAILABLE meanwhile, and works
// again within 15 s of the restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../server/src/db/database.js';
import { type RunningPostgres, startEmbeddedPostgres } from '../../server/src/db/embedded-postgres.js';
import { ormConfig } from '../../server/src/db/orm-config.js';
import { type TestServer, startTestServer } from '../helpers/test-server.js';
import { freePort } from '../../server/src/db/process-files.js';

const LOGIN = 'mutation L($u: String!, $p: String!) { login(username: $u, password: $p) { id } }';

describe('faults: PostgreSQL restarted under the server', () => {
  let server: TestServer;
  let postgres: RunningPostgres;
  let dir: string;
  let port: number;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'returnhub-restart-pg-'));
    port = await freePort();
    server = await startTestServer({
      empty: true,
      databaseUrl: async () => {
        postgres = await startEmbeddedPostgres(dir, port);
        const admin = new pg.Client({ connectionString: postgres.url('postgres') });
        await admin.connect();
        await admin.query('create database rh_restart');
        await admin.end();
        const orm = await MikroORM.init(ormConfig(postgres.url('rh_restart'), { debug: false }));
        await migrate(orm);
        await orm.close(true);
        return postgres.url('rh_restart');
      },
    });
  }, 120_000);
  afterEach(async () => {
    await server?.close();
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const signIn = () => server.anonymous().request({ query: LOGIN, variables: { u: 'nobody.here', p: 'not-the-password' } });

  it('answers 503 while it is down and recovers within 15 s of its restart', async () => {
    // Up: a failed sign-in is a coded refusal, answered 200; the pool holds open connections.
    const before = await signIn();
    expect(before.status).toBe(200);
    expect(((await before.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).not.toBe('SERVICE_UNAVAILABLE');
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

    await postgres.stop();
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    const down = await signIn();
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true } }] });

    postgres = await startEmbeddedPostgres(dir, port);
    const back = Date.now();
    let status = 0;
    while (Date.now() - back < 15_000) {
      const [ready, answer] = await Promise.all([fetch(`${server.url}/readyz`), signIn()]);
      status = ready.status === 200 ? answer.status : ready.status;
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status, 'every request works again within 15 s').toBe(200);
  }, 90_000);
});
