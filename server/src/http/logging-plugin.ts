import type { ApolloServerPlugin } from '@apollo/server';
import { GENERIC_MESSAGE, shouldLog, toClientError } from '../errors/format-error.js';
import { ErrorCode } from '../errors/domain-error.js';
import type { RequestContext } from './context.js';
import type { Metrics } from './metrics.js';

/**
 * Logs each operation with its request id, logs unexpected errors in full (server side only), and puts the
 * request id into the generic message the client sees instead.
 */
export function loggingPlugin(metrics: Metrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async didEncounterErrors({ errors, contextValue: ctx, operationName }) {
          for (const error of errors) {
            // The one error mapping decides what is unexpected; refusals (NOT_FOUND, FORBIDDEN…) are not logged as errors.
            const client = toClientError(error.toJSON(), error);
            if (shouldLog(client)) {
              const original = error.originalError ?? error;
              const err = (original as { cause?: unknown }).cause ?? original;
              ctx.logger.error({ err, operationName, path: error.path, code: client.extensions?.code }, client.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE ? 'dependency failed' : 'unexpected error');
            }
          }
        },
        async willSendResponse({ response, operationName }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
          for (const error of errors ?? []) {
            if (error.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR) {
              Object.assign(error, { message: `${GENERIC_MESSAGE} (request id ${contextValue.requestId})` });
              Object.assign(error.extensions as object, { requestId: contextValue.requestId });
            }
          }
          const outcome = errors?.length ? String(errors[0].extensions?.code ?? 'ERROR') : 'OK';
          metrics.recordGraphqlOperation(operationName ?? 'anonymous', outcome, seconds);
          contextValue.logger.info({ operationName, outcome, ms: Math.round(seconds * 1000) }, 'graphql');
        },
      };
    },
  };
}
