import { ConnectionException, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import { DomainError, ErrorCode } from './domain-error.js';

export const GENERIC_MESSAGE = 'Something went wrong on our side. Quote the request id if you contact support.';

/** Codes that Apollo and graphql-js set themselves for malformed requests; they are safe to show. */
const PASS_THROUGH = new Set(['RATE_LIMITED', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE']);

/**
 * Turns any error into what the client may see. This is the only place errors are mapped:
 * domain errors keep their code and message; everything unexpected becomes a generic message
 * (the request id is added by the logging plugin, which also logs the original).
 */
export function toClientError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { locations: formatted.locations, path: formatted.path };

  if (original instanceof DomainError) {
    return { ...base, message: original.message, extensions: { code: original.code, ...original.details } };
  }
  if (original instanceof ArgumentValidationError) {
    const fields = original.extensions.validationErrors?.map((v) => ({ field: v.property, problems: Object.values(v.constraints ?? {}) })) ?? [];
    const summary = fields.map((f) => `${f.field}: ${f.problems.join('; ')}`).join('. ');
    return { ...base, message: `Invalid input. ${summary}`.trim(), extensions: { code: ErrorCode.BAD_USER_INPUT, fields } };
  }
  if (original instanceof OptimisticLockError) {
    return { ...base, message: 'Someone else changed this record first. Reload and try again.', extensions: { code: ErrorCode.CONFLICT } };
  }
  if (original instanceof UniqueConstraintViolationException) {
    return { ...base, message: 'This conflicts with an existing record.', extensions: { code: ErrorCode.CONFLICT } };
  }
  if (isConnectionLoss(original)) {
    return { ...base, message: 'The database connection was lost; nothing was changed. Try again.', extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PASS_THROUGH.has(code) && original instanceof GraphQLError) {
    return formatted;
  }
  return { ...base, message: GENERIC_MESSAGE, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

/**
 * The database went away under a request, or cannot be reached at all (connection refused or reset, server
 * restarting, the pool timing out on a connection it cannot open): whatever was in flight was rolled back by
 * PostgreSQL, so the client may retry. SQLSTATE class 08 (connection exception; not 08P01, a protocol violation,
 * which is a bug or bad input, not an outage) and 57P01–57P03. The one classification of connection errors: the
 * GraphQL mapping, the HTTP routes, /readyz and the worker's supervisor all ask here. Follows `cause` (and a
 * GraphQL error's `originalError`) a few levels, as drivers and Apollo wrap errors.
 */
export function isConnectionLoss(error: unknown, depth = 0): boolean {
  if (error === null || error === undefined || depth > 4) return false;
  if (error instanceof ConnectionException) return true;
  const code = String((error as { code?: unknown }).code ?? '');
  if ((/^08/.test(code) && code !== '08P01') || CONNECTION_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  if (CONNECTION_MESSAGES.test(message)) return true;
  const inner = (error as { originalError?: unknown; cause?: unknown }).originalError ?? (error as { cause?: unknown }).cause;
  return inner !== error && isConnectionLoss(inner, depth + 1);
}

const CONNECTION_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const CONNECTION_MESSAGES =
  /Connection terminated|Client has encountered a connection error|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|Timeout acquiring a connection|Client was closed and is not queryable|connect ECONNREFUSED|^timeout expired$/i;

/** Errors worth logging in full: the unexpected ones, and dependency failures (their cause stays server side). */
export const shouldLog = (formatted: GraphQLFormattedError): boolean =>
  formatted.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR || formatted.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE;

export const isUnexpected = (formatted: GraphQLFormattedError): boolean => formatted.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR;
