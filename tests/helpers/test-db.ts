import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { inject } from 'vitest';
import { ormConfig } from '../../server/src/db/orm-config.js';
import { TEMPLATE_DEMO, TEMPLATE_EMPTY, withDatabase } from './global-setup.js';

export interface TestDatabase {
  orm: MikroORM;
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** The time the demo data was seeded at, for tests that reason about its clocks. */
export const seedNow = (): Date => new Date(inject('seedNow'));

/** Where the demo data's files are (see global-setup.ts). */
export const demoFilesDir = (): string => inject('demoFilesDir');

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('pgServerUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A database of the test file's own, cloned from a migrated template (with the demo data unless `empty`).
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `rh_test_${randomBytes(6).toString('hex')}`;
  const template = options.empty ? TEMPLATE_EMPTY : TEMPLATE_DEMO;
  await admin(async (client) => {
    // Cloning needs the template to have no other session; parallel clones can collide briefly, so retry.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`create database ${pg.escapeIdentifier(name)} template ${pg.escapeIdentifier(template)}`);
        return;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + attempt * 50));
      }
    }
  });
  const url = withDatabase(inject('pgServerUrl'), name);
  const orm = await MikroORM.init(ormConfig(url, { debug: false }));
  return {
    orm,
    url,
    name,
    async drop() {
      await orm.close(true);
      await admin((client) => client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`));
    },
  };
}

/**
 * Another connection pool (its own ORM) on an existing test database: a second replica's view of the same data.
 * Its `drop` only closes that pool; the database belongs to whoever created it.
 */
export async function attachTestDatabase(shared: TestDatabase): Promise<TestDatabase> {
  const orm = await MikroORM.init(ormConfig(shared.url, { debug: false }));
  return { orm, url: shared.url, name: shared.name, drop: () => orm.close(true) };
}
