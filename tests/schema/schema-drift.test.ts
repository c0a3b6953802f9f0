import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/src/config.js';
import { buildBareSchema, printSdl } from '../../server/src/schema.js';

const SCHEMA_FILE = join(projectRoot, 'schema/schema.graphql');

describe('schema/schema.graphql', () => {
  it('is exactly what the code builds (run `npm run schema:emit` after changing the API)', async () => {
    const built = printSdl(await buildBareSchema());
    if (process.env.EMIT_SCHEMA === '1') writeFileSync(SCHEMA_FILE, built);
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(committed, 'schema/schema.graphql is stale: run `npm run schema:emit` and commit it').toBe(built);
  });
});
