// The pieces of a production deployment, as real processes on this machine: a standalone PostgreSQL server that
// can be restarted, and ReturnHub processes started from the built output with NODE_ENV=production.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { projectRoot } from '../../server/src/config.js';
import { type RunningPostgres, startEmbeddedPostgres } from '../../server/src/db/embedded-postgres.js';
import { type MainProcess, startMain } from './main-process.js';

export { freePort } from '../../server/src/db/process-files.js';

/**
 * A PostgreSQL server of its own (not the test run's shared one), so the test can stop and start it at will: the
 * product's embedded server on a fixed port, started again on the same folder after a stop.
 */
export class StandalonePostgres {
  private running: RunningPostgres | undefined;

  constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  url(database: string): string {
    return `postgres://returnhub:returnhub@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    this.running = await startEmbeddedPostgres(this.dir, this.port);
  }

  /** A fast shutdown: every connection is cut, as in a database restart or failover. */
  async stop(): Promise<void> {
    await this.running?.stop();
    this.running = undefined;
  }
}

/** One named ReturnHub process from `dist/` (`startMain`), stopped by SIGTERM with a SIGKILL after `timeoutMs`. */
export class ProductProcess {
  readonly main: MainProcess;
  exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  constructor(
    readonly name: string,
    args: string[],
    env: Record<string, string>,
  ) {
    this.main = startMain(args, env);
    void this.main.exited.then((result) => (this.exited = result));
  }

  get output(): string {
    return this.main.output();
  }

  get alive(): boolean {
    return this.exited === undefined;
  }

  /** Sends SIGTERM and answers how long the process took to exit. */
  async stop(timeoutMs = 15_000): Promise<number> {
    if (!this.alive) return 0;
    const timer = setTimeout(() => this.main.child.kill('SIGKILL'), timeoutMs);
    const { ms } = await this.main.kill('SIGTERM');
    clearTimeout(timer);
    return ms;
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
