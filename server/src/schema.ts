import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AnalyticsResolver } from './modules/analytics/analytics.resolver.js';
import { QueueResolver } from './modules/queue/queue.resolver.js';
import { RiskResolver } from './modules/risk/risk.resolver.js';
import { AuthResolver } from './modules/auth/auth.resolver.js';
import { ReturnCaseMutationsResolver } from './modules/returns/return-case-mutations.resolver.js';
import { CaseNoteResolver, ReturnCaseResolver, ReturnItemResolver } from './modules/returns/return-case.resolver.js';
import { applyPermissions } from './permissions/permissions.js';

export const resolvers = [AuthResolver, ReturnCaseResolver, ReturnItemResolver, CaseNoteResolver, ReturnCaseMutationsResolver, QueueResolver, AnalyticsResolver, RiskResolver] as const;

/** The schema as type-graphql builds it from the code, without the permission layer (for the SDL file). */
export function buildBareSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers, validate: { forbidUnknownValues: false }, emitSchemaFile: false });
}

/** The executable schema: the code's schema with the one rule map applied to it. */
export async function buildAppSchema(): Promise<GraphQLSchema> {
  return applyPermissions(await buildBareSchema());
}

/** The SDL committed as schema/schema.graphql, the only input of the client's code generation. */
export const printSdl = (schema: GraphQLSchema): string => `${printSchema(lexicographicSortSchema(schema))}\n`;
