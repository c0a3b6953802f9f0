// `npm run users` (server/src/modules/users/users.cli.ts), run as operators run it — `node scripts/run.mjs …` with
// the password piped on stdin — against the test server's database: the users it creates sign in through the API.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTION_ENV } from '../helpers/production-env.js';
import { type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';
import { buildServerOnce } from '../helpers/worker-process.js';

const root = join(import.meta.dirname, '..', '..');
const LOGIN = 'mutation Login($u: String!, $p: String!) { login(username: $u, password: $p) { username role displayName } }';
const ME = '{ me { username role } }';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function users(args: string[], password: string | null, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'scripts/run.mjs'), 'server/src/modules/users/users.cli.ts', ...args], {
      cwd: root,
      // Compiled once in beforeAll; each run then starts from dist/ as `npm run users` does after its build step.
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', RETURNHUB_SKIP_BUILD: '1', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(password === null ? '' : `${password}\n`);
  });
}

describe('npm run users', () => {
  let server: TestServer;
  let env: Record<string, string>;
  const count = async (table: string) => (await server.orm.em.getConnection().execute<Array<{ n: number }>>(`select count(*)::int as n from ${table}`))[0]!.n;

  beforeAll(async () => {
    buildServerOnce();
    server = await startTestServer();
    env = { DATABASE_URL: server.db.url, DATA_DIR: server.dataDir };
  }, 300_000);
  afterAll(() => server?.close());

  it('creates an admin who can sign in through the API', async () => {
    const created = await users(['create', '--username', 'first.admin', '--role', 'ADMIN', '--display-name', 'First Admin', '--email', 'first.admin@example.com'], 'a-long-admin-passw0rd', env);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Created ADMIN user first\.admin \(First Admin, first\.admin@example\.com\)/);
    const client = server.anonymous();
    expect((await client.ok(LOGIN, { u: 'first.admin', p: 'a-long-admin-passw0rd' })).login).toEqual({ username: 'first.admin', role: 'ADMIN', displayName: 'First Admin' });
    expect((await client.ok(ME)).me).toEqual({ username: 'first.admin', role: 'ADMIN' });
  }, 60_000);

  it('gives a merchant its profile with the default policy, and a customer a customer profile', async () => {
    const merchant = await users(['create', '--username', 'shop.owner', '--role', 'merchant', '--merchant-name', 'Corner Shop'], 'shop-owner-password', env);
    expect(merchant.code).toBe(0);
    const customer = await users(['create', '--username', 'new.customer', '--role', 'CUSTOMER'], 'customer-password-1', env);
    expect(customer.code).toBe(0);
    const [profile] = await server.orm.em.getConnection().execute<any[]>(
      `select m.name, m.return_window_days, m.response_sla_hours, m.auto_approve_limit_minor from merchant_profiles m join users u on u.id = m.user_id where u.username = 'shop.owner'`,
    );
    expect(profile).toEqual({ name: 'Corner Shop', return_window_days: 30, response_sla_hours: 48, auto_approve_limit_minor: 0 });
    const [customerRow] = await server.orm.em.getConnection().execute<any[]>(
      `select u.display_name, u.email, (select count(*)::int from customer_profiles c where c.user_id = u.id) as profiles from users u where u.username = 'new.customer'`,
    );
    expect(customerRow).toEqual({ display_name: 'new.customer', email: 'new.customer@users.invalid', profiles: 1 });
    expect((await server.anonymous().ok(LOGIN, { u: 'shop.owner', p: 'shop-owner-password' })).login.role).toBe('MERCHANT');
  }, 60_000);

  it('refuses an unknown role, a taken username and a short password with exit code 2, changing nothing', async () => {
    const before = [await count('users'), await count('merchant_profiles'), await count('customer_profiles')];
    const unknownRole = await users(['create', '--username', 'someone', '--role', 'OWNER'], 'long-enough-password', env);
    expect(unknownRole.code).toBe(2);
    expect(unknownRole.stderr).toMatch(/^error \[BAD_USER_INPUT\]: Unknown role "OWNER": use one of ADMIN, OPS, CUSTOMER, MERCHANT/);
    const duplicate = await users(['create', '--username', 'merchant.one', '--role', 'MERCHANT'], 'long-enough-password', env);
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toMatch(/^error \[CONFLICT\]: A user named "merchant.one" already exists/);
    const short = await users(['create', '--username', 'someone', '--role', 'OPS'], 'too-short', env);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/^error \[BAD_USER_INPUT\]: The password must have at least 12 characters/);
    const noPassword = await users(['create', '--username', 'someone', '--role', 'OPS'], null, env);
    expect(noPassword.code).toBe(2);
    const noRole = await users(['create', '--username', 'someone'], 'long-enough-password', env);
    expect(noRole.code).toBe(2);
    expect(noRole.stderr).toMatch(/--role is required/);
    expect([await count('users'), await count('merchant_profiles'), await count('customer_profiles')]).toEqual(before);
  }, 90_000);

  it('refuses the demo password in production', async () => {
    const run = await users(['create', '--username', 'prod.admin', '--role', 'ADMIN'], 'ChangeMe123!', { ...env, ...PRODUCTION_ENV, DATABASE_URL: server.db.url });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error \[BAD_USER_INPUT\]: The demo password is refused in production/);
    expect(await count(`users where username = 'prod.admin'`)).toBe(0);
  }, 60_000);

  it('set-password changes the password and signs the user out everywhere', async () => {
    const session = await server.as('ops.demo');
    expect((await session.ok(ME)).me.username).toBe('ops.demo');
    const run = await users(['set-password', '--username', 'ops.demo'], 'a-brand-new-passw0rd', env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Set a new password for ops\.demo; 1 session\(s\) signed out/);
    expect((await session.ok(ME)).me).toBeNull();
    expect(errorCode(await server.anonymous().gql(LOGIN, { u: 'ops.demo', p: 'ChangeMe123!' }))).toBe('UNAUTHENTICATED');
    expect((await server.anonymous().ok(LOGIN, { u: 'ops.demo', p: 'a-brand-new-passw0rd' })).login.username).toBe('ops.demo');
    const unknown = await users(['set-password', '--username', 'nobody.here'], 'a-brand-new-passw0rd', env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error \[NOT_FOUND\]/);
  }, 60_000);
});
