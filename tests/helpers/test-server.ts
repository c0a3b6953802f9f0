import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../../server/src/config.js';
import type { Config } from '../../server/src/config.js';
import { createHttpApp, type HttpApp } from '../../server/src/http/app.js';
import { createLogger } from '../../server/src/logger.js';
import { DEMO_PASSWORD } from '../../server/src/modules/auth/passwords.js';
import { buildAppSchema } from '../../server/src/schema.js';
import { ManualClock } from '../../server/src/shared/clock.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';

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
  db: TestDatabase;
  orm: MikroORM;
  clock: ManualClock;
  http: HttpApp;
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
export async function startTestServer(options: { empty?: boolean; now?: Date } = {}): Promise<TestServer> {
  const db = await createTestDatabase({ empty: options.empty });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const clock = new ManualClock(options.now ?? new Date());
  const logger = createLogger(config.logLevel);
  const http = await createHttpApp({ config, logger, clock }, db.orm, await (schema ??= buildAppSchema()));
  await new Promise<void>((resolve) => http.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
  return {
    url,
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
    async close() {
      await http.stop();
      await db.drop();
    },
  };
}
