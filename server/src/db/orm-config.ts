import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ReflectMetadataProvider, DataloaderType } from '@mikro-orm/core';
import { join } from 'node:path';
import { projectRoot } from '../config.js';
import { entities } from './entities.js';
import { migrationsList } from './migrations/index.js';

/** The ORM's settings for one database URL. Migrations are listed statically (see STACK.md). */
export function ormConfig(clientUrl: string, overrides: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl,
    entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: true },
    forceUtcTimezone: true,
    // Relations loaded through references batch into one query per type and tick.
    dataloader: DataloaderType.ALL,
    pool: { min: 0, max: 10 },
    // Outages (issue #18): a connection attempt nobody answers fails after 5 s and a request waits at most 10 s for
    // a pooled connection, so requests get a quick 503 instead of hanging; keep-alive notices a silently dead peer.
    // Connections closed by a restart are dropped by the pool when they fail, and new ones are opened on demand.
    driverOptions: { connection: { connectionTimeoutMillis: 5_000, keepAlive: true }, acquireConnectionTimeout: 10_000 },
    migrations: {
      tableName: 'mikro_orm_migrations',
      migrationsList,
      path: join(projectRoot, 'server/src/db/migrations'),
      pathTs: join(projectRoot, 'server/src/db/migrations'),
      emit: 'ts',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    // The queue's counters are kept by triggers, not by entities (migration queue_at_scale); the model registry
    // is read and written in SQL (modules/risk/model-registry.repository.ts).
    schemaGenerator: {
      ignoreSchema: ['graphile_worker'],
      skipTables: ['queue_counts', 'queue_count_deltas', 'risk_model_versions', 'risk_model_activations'],
    },
    allowGlobalContext: false,
    ...overrides,
  });
}
