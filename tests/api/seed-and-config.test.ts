import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config.js';
import { relayOutbox } from '../../server/src/jobs/outbox-relay.js';
import { seedDemoData, DEMO_CASE_COUNT } from '../../seeds/demo-data.js';
import { PRODUCTION_ENV } from '../helpers/production-env.js';
import { createTestDatabase, seedNow } from '../helpers/test-db.js';

const TABLES = ['users', 'merchant_profiles', 'products', 'orders', 'order_items', 'return_cases', 'return_items', 'case_events', 'case_notes', 'risk_scores', 'refunds'];

async function fingerprint(db: Awaited<ReturnType<typeof createTestDatabase>>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    // Every column except the password hash (argon2 salts are random by design).
    const [row] = await db.orm.em.getConnection().execute<any[]>(
      `select count(*) as n, md5(coalesce(string_agg((to_jsonb(t) - 'password_hash')::text, '|' order by t.id::text), '')) as h from ${table} t`,
    );
    out[table] = `${row.n}:${row.h}`;
  }
  return out;
}

describe('demo data', () => {
  it('is seeded once: running the seed again changes nothing', async () => {
    const db = await createTestDatabase();
    try {
      const before = await fingerprint(db);
      const again = await seedDemoData(db.orm.em.fork(), new Date());
      expect(again.skipped).toBe(true);
      expect(await fingerprint(db)).toEqual(before);
    } finally {
      await db.drop();
    }
  });

  it('gives the same rows for the same time on an empty database', async () => {
    const [a, b] = await Promise.all([createTestDatabase({ empty: true }), createTestDatabase({ empty: true })]);
    try {
      const now = seedNow();
      await seedDemoData(a.orm.em.fork(), now);
      await seedDemoData(b.orm.em.fork(), now);
      expect(await fingerprint(a)).toEqual(await fingerprint(b));
      const statuses = await a.orm.em.getConnection().execute<any[]>('select distinct status, priority, reason, risk_label from return_cases');
      expect(new Set(statuses.map((s) => s.status)).size).toBe(18);
      expect(new Set(statuses.map((s) => s.priority)).size).toBe(4);
      expect(new Set(statuses.map((s) => s.reason)).size).toBe(5);
      expect(new Set(statuses.map((s) => s.risk_label)).size).toBe(3);
      const [{ n }] = await a.orm.em.getConnection().execute<any[]>('select count(*)::int as n from return_cases');
      expect(n).toBe(DEMO_CASE_COUNT);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
  });

  it('schedules the next automatic retry of every seeded failed refund (SPEC §5), as a real failure does', async () => {
    const db = await createTestDatabase({ empty: true });
    try {
      await seedDemoData(db.orm.em.fork(), seedNow());
      const failed = await db.orm.em.getConnection().execute<Array<{ id: string; refund_retry_due_at: Date | null }>>(
        "select id, refund_retry_due_at from return_cases where status = 'refund_failed'",
      );
      expect(failed.length).toBeGreaterThan(0);
      // Queued as outbox messages with the seed; a worker's relay makes them jobs.
      await relayOutbox(() => db.orm.em.fork(), () => seedNow());
      const jobs = await db.orm.em.getConnection().execute<Array<{ key: string; run_at: Date }>>(
        "select key, run_at from graphile_worker.jobs where task_identifier = 'retry_refund'",
      );
      for (const rc of failed) {
        expect(rc.refund_retry_due_at).not.toBeNull();
        const job = jobs.find((j) => j.key === `refund-retry:${rc.id}`);
        expect(job && new Date(job.run_at).getTime()).toBe(new Date(rc.refund_retry_due_at!).getTime());
      }
    } finally {
      await db.drop();
    }
  });
});

describe('configuration', () => {
  it('reads defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, nodeEnv: 'development', releaseVersion: 'dev', databaseUrl: undefined });
    expect(config.dataDir.endsWith('.data')).toBe(true);
  });

  it('names every bad value in one clear message', () => {
    try {
      loadConfig({ PORT: 'eighty', NODE_ENV: 'staging', DATABASE_URL: 'mysql://x' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain('PORT must be a whole number from 0 to 65535 (got "eighty")');
      expect(message).toContain('NODE_ENV must be one of development, test, production (got "staging")');
      expect(message).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
    }
  });

  it('refuses the demo password and GraphiQL in production unless asked', () => {
    const config = loadConfig(PRODUCTION_ENV);
    expect(config.allowDemoPassword).toBe(false);
    expect(config.graphiqlEnabled).toBe(false);
  });
});
