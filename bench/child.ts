// The server child: the product's HTTP app in a forked process (bench/server-child.ts), driven over IPC.
import { type ChildProcess, fork } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildReply, ChildRequest } from './protocol.js';
import { args, childLog, filesDir } from './run-settings.js';

const here = fileURLToPath(new URL('.', import.meta.url));

export interface Child {
  url: string;
  shield: boolean;
  request<T extends ChildRequest['cmd']>(cmd: T): Promise<Extract<ChildReply, { cmd: T }>>;
  stop(): Promise<void>;
}

export async function startChild(dbUrl: string, anchor: Date, shield: boolean, gcProbe = false): Promise<Child> {
  const child: ChildProcess = fork(join(here, 'server-child.js'), shield ? [] : ['--no-shield'], {
    // Port 0: a free port each (two servers run at once for the shield's share).
    // --worker: the job worker in the same process, as `npm start` runs it (uploads then wait for their thumbnail jobs).
    env: { ...process.env, BENCH_DB_URL: dbUrl, BENCH_ANCHOR: String(anchor.getTime()), PORT: '0', DATA_DIR: filesDir, STORAGE_DRIVER: 'local', BENCH_WORKER: args.worker ? '1' : '', BENCH_GC_PROBE: gcProbe ? '1' : '' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // --profile DIR: a V8 CPU profile of the server per child, for finding where a request's time goes.
    execArgv: [...(args.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(args.profile)}`] : []), ...(gcProbe ? ['--expose-gc'] : [])],
  });
  // The server's own log lines go to a file; the report counts its warnings and errors.
  child.stdout!.pipe(childLog, { end: false });
  child.stderr!.pipe(childLog, { end: false });
  const waiting = new Map<string, Array<(reply: ChildReply) => void>>();
  child.on('message', (reply: ChildReply) => {
    const queue = waiting.get(reply.cmd);
    const next = queue?.shift();
    next?.(reply);
  });
  child.setMaxListeners(0);
  const expect = <T extends ChildReply['cmd']>(cmd: T) =>
    new Promise<Extract<ChildReply, { cmd: T }>>((resolvePromise, reject) => {
      const onExit = (code: number | null) => reject(new Error(`server child exited (${code}) while waiting for ${cmd}`));
      child.once('exit', onExit);
      const list = waiting.get(cmd) ?? [];
      list.push((reply) => {
        child.off('exit', onExit);
        resolvePromise(reply as Extract<ChildReply, { cmd: T }>);
      });
      waiting.set(cmd, list);
    });
  const ready = await expect('ready');
  return {
    url: `http://127.0.0.1:${ready.port}`,
    shield: ready.shield,
    request<T extends ChildRequest['cmd']>(cmd: T) {
      const reply = expect(cmd);
      child.send({ cmd });
      return reply;
    },
    async stop() {
      if (child.exitCode !== null || !child.connected) return;
      await settle(this as Child).catch(() => undefined);
      const stopped = new Promise((r) => child.once('exit', r));
      child.send({ cmd: 'stop' });
      await stopped;
    },
  };
}

/** Waits until the server has finished what an earlier run left in flight (autocannon stops sending, not the server). */
export async function settle(child: Child): Promise<void> {
  let last = (await child.request('stats')).statements;
  for (let i = 0; i < 300; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const now = (await child.request('stats')).statements;
    if (now === last) return;
    last = now;
  }
}
