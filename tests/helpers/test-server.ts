import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppDeps } from '../../server/src/http/context.js';
import { connectSimulatedWebhooks, createPorts } from '../../server/src/ports.js';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../../server/src/db/orm-config.js';
import { loadConfig } from '../../server/src/config.js';
import type { Config } from '../../server/src/config.js';
import { createHttpApp, type HttpApp } from '../../server/src/http/app.js';
import { createFileStorage } from '../../server/src/modules/documents/storage/create-file-storage.js';
import type { FileStorage } from '../../server/src/modules/documents/storage/file-storage.js';
import { createLogger } from '../../server/src/logger.js';
import { DEMO_PASSWORD } from '../../server/src/modules/auth/passwords.js';
import { buildAppSchema } from '../../server/src/schema.js';
import { RiskModel } from '../../server/src/modules/risk/risk-model.js';
import type { RateLimit } from '../../server/src/http/rate-limit.js';
import { ManualClock } from '../../server/src/shared/clock.js';
import { attachTestDatabase, createTestDatabase, demoFilesDir, type TestDatabase } from './test-db.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string; [key: string]: unknown } }>;
}

/** A GraphQL caller with its own credentials (a session cookie, a bearer token, or none). */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private cookie?: string,
    private readonly bearer?: string,
  ) {}

  /** The credentials this client sends, for requests made outside `gql` (downloads, multipart uploads). */
  authHeaders(): Record<string, string> {
    return { ...(this.cookie ? { cookie: this.cookie } : {}), ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}) };
  }

  /** A GraphQL multipart request (files), with this client's credentials and the CSRF preflight header. */
  async multipart(form: FormData, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
    return fetch(`${this.baseUrl}/graphql`, { method: 'POST', headers: { 'apollo-require-preflight': 'true', ...this.authHeaders(), ...headers }, body: form, signal });
  }

  async request(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
        ...headers,
      },
      body: JSON.stringify(body),
    });
  }

  async gql<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    const response = await this.request({ query, variables });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    return (await response.json()) as GraphQLResponse<T>;
  }

  /** Like gql, but fails the test on any error. */
  async ok<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.gql<T>(query, variables);
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data as T;
  }

  get sessionCookie(): string | undefined {
    return this.cookie;
  }
}

export const errorCode = (result: GraphQLResponse): string | undefined => result.errors?.[0]?.extensions?.code;

export interface TestServer {
  url: string;
  /** The process-wide dependencies the server runs with (config, clock, payment provider, carrier, labels). */
  deps: AppDeps;
  db: TestDatabase;
  orm: MikroORM;
  clock: ManualClock;
  http: HttpApp;
  /** The server's data folder; files are under `${dataDir}/files` with the local storage driver. */
  dataDir: string;
  storage: FileStorage;
  config: Config;
  anonymous(): ApiClient;
  /** A client signed in as a demo user (password ChangeMe123!). */
  as(username: string): Promise<ApiClient>;
  withToken(token: string): ApiClient;
  close(): Promise<void>;
}

// Building the schema takes a moment and never changes within a run: once per test file.
let schema: ReturnType<typeof buildAppSchema> | undefined;

/** The real HTTP server on a free port, over a database of its own (cloned from the demo-data template). */
export async function startTestServer(options: {
  empty?: boolean;
  now?: Date;
  mutationRateLimit?: RateLimit;
  env?: Record<string, string>;
  config?: Partial<Config>;
  deps?: Partial<AppDeps>;
  /** The server reaches its database another way than the test does (e.g. through a TCP proxy that stages outages). */
  databaseUrl?: (url: string) => string | Promise<string>;
  /** Another replica: this server runs on that server's database (with a pool of its own) instead of a new one. */
  sameDatabaseAs?: TestServer;
} = {}): Promise<TestServer> {
  const db = options.sameDatabaseAs ? await attachTestDatabase(options.sameDatabaseAs.db) : await createTestDatabase({ empty: options.empty });
  const serverOrm = options.databaseUrl ? await MikroORM.init(ormConfig(await options.databaseUrl(db.url), { debug: false })) : db.orm;
  // Each server keeps its files (uploads, return labels) in a data folder of its own (removed on close).
  const dataDir = mkdtempSync(join(tmpdir(), 'returnhub-test-data-'));
  const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', DATA_DIR: dataDir, ...options.env }), ...options.config };
  const clock = new ManualClock(options.now ?? new Date());
  const logger = createLogger(config.logLevel);
  // The demo data's rows point at files (photos, labels): its local storage starts with them, as after `npm start`.
  if (!options.empty && !options.deps?.storage && config.storage.driver === 'local') cpSync(demoFilesDir(), config.storage.localDir, { recursive: true });
  const storage = options.deps?.storage ?? createFileStorage(config.storage);
  // Like a real process, each server follows the database's model registry (LISTEN/NOTIFY).
  const riskModel = options.deps?.riskModel ?? (await RiskModel.open({ orm: db.orm, databaseUrl: db.url, logger }));
  const deps: AppDeps = {
    config, logger, clock, storage,
    riskModel,
    mutationRateLimit: options.mutationRateLimit,
    ...createPorts(config, serverOrm, clock, storage),
    ...options.deps,
  };
  const http = await createHttpApp(deps, serverOrm, await (schema ??= buildAppSchema()));
  await new Promise<void>((resolve) => http.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
  connectSimulatedWebhooks(deps, url);
  return {
    url,
    deps,
    db,
    orm: db.orm,
    clock,
    http,
    config,
    anonymous: () => new ApiClient(url),
    async as(username: string) {
      const client = new ApiClient(url);
      await client.ok('mutation Login($u: String!, $p: String!) { login(username: $u, password: $p) { id } }', { u: username, p: DEMO_PASSWORD });
      return client;
    },
    withToken: (token: string) => new ApiClient(url, undefined, token),
    dataDir,
    storage,
    async close() {
      await http.stop();
      if (!options.deps?.riskModel) await riskModel.close();
      if (serverOrm !== db.orm) await serverOrm.close(true);
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
