import type { ApolloServerPlugin } from '@apollo/server';
import type { ErrorRequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors/domain-error.js';
import { isConnectionLoss } from '../errors/format-error.js';
import type { Logger } from '../logger.js';
import { briefError } from '../shared/brief-error.js';
import { refuseDownload } from './download-refusal.js';

/** What a client sees while the database is unreachable; the cause stays in the server's log. */
export const UNAVAILABLE_MESSAGE = 'The service is briefly unavailable; nothing was changed. Try again.';
/** Seconds a client (or a webhook provider) is asked to wait before retrying. */
const RETRY_AFTER_SECONDS = '5';

/**
 * An HTTP route's answer while the database is unreachable: 503 (so clients and webhook providers retry), in the
 * GraphQL response shape on /graphql (e.g. the upload guard's sign-in check) and elsewhere as every refused download
 * answers (`{ error, message }`, here with `retryable: true`).
 */
export function respondUnavailable(res: Response, graphql = false): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.setHeader('Retry-After', RETRY_AFTER_SECONDS);
  const extensions = { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true };
  if (graphql) res.status(503).json({ errors: [{ message: UNAVAILABLE_MESSAGE, extensions }] });
  else refuseDownload(res, 503, ErrorCode.SERVICE_UNAVAILABLE, UNAVAILABLE_MESSAGE, { retryable: true });
}

/** The last express error handler: a connection failure anywhere in a route answers 503 instead of 500. */
export const outageErrorHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (isConnectionLoss(error)) respondUnavailable(res, req.originalUrl.startsWith('/graphql'));
  else next(error);
};

/**
 * The context function runs before execution (the viewer is read from the database); Apollo answers a failure
 * there with 500 unless the error says otherwise. A connection failure becomes SERVICE_UNAVAILABLE with 503.
 */
export function contextFailure(error: unknown): unknown {
  if (!isConnectionLoss(error)) return error;
  return new GraphQLError(UNAVAILABLE_MESSAGE, {
    originalError: error instanceof Error ? error : undefined,
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true, http: { status: 503, headers: new Map([['retry-after', RETRY_AFTER_SECONDS]]) } },
  });
}

/**
 * A GraphQL answer whose errors are all SERVICE_UNAVAILABLE (and that carries no data) is sent with HTTP 503, so
 * load balancers, clients and monitors see an outage rather than a success or a server bug.
 */
export function serviceUnavailablePlugin<T extends object>(logger: Logger): ApolloServerPlugin<T> {
  return {
    // Failures while the context is built (reading the viewer) never reach the logging plugin's hooks.
    async contextCreationDidFail({ error }) {
      const cause = (error as { originalError?: unknown }).originalError ?? error;
      if (isConnectionLoss(cause)) logger.warn({ error: briefError(cause) }, 'request refused: the database is unreachable');
      else logger.error({ err: cause }, 'building the request context failed');
    },
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { errors, data } = response.body.singleResult;
          if (!errors?.length || !errors.every((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) return;
          const hasData = data !== null && data !== undefined && Object.values(data).some((value) => value !== null);
          if (hasData) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', RETRY_AFTER_SECONDS);
        },
      };
    },
  };
}
