// Every operation the web app sends must pass the API's abuse limits (depth, aliases, cost), or the page that
// sends it fails in production. Checked here against the committed schema with the server's own rule, so a new
// query that asks for too much fails the build instead of a user's page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, Kind, validate, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { expect, it } from 'vitest';
import * as generated from '../../client/src/gql/graphql.js';
import { requestLimitErrors } from '../../server/src/http/request-limits.js';

const schema = buildSchema(readFileSync(join(process.cwd(), 'schema', 'schema.graphql'), 'utf8'));

const operations = Object.entries(generated as Record<string, unknown>).filter(
  (entry): entry is [string, DocumentNode] =>
    entry[0].endsWith('Document') && (entry[1] as DocumentNode)?.kind === Kind.DOCUMENT && (entry[1] as DocumentNode).definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION),
);

it('finds the app’s operations', () => {
  expect(operations.length).toBeGreaterThan(20);
});

it.each(operations)('%s is valid and within the request limits, whatever page size its variables ask for', (_name, document) => {
  // No variables: a page size sent as a variable is priced at the largest page (the worst a page can send).
  for (const operation of document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)) {
    expect(requestLimitErrors(schema, document, operation, {}).map((e) => e.message)).toEqual([]);
  }
  expect(validate(schema, document).map((e) => e.message)).toEqual([]);
});
