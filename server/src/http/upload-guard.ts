import type { MikroORM } from '@mikro-orm/postgresql';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ErrorCode } from '../errors/domain-error.js';
import { resolveViewer } from '../modules/auth/auth.service.js';
import type { Clock } from '../shared/clock.js';
import { credentialsOf } from './credentials.js';

const MiB = 1024 * 1024;
/**
 * The headers Apollo Server's CSRF prevention accepts as proof of a preflighted request (its default
 * `csrfPrevention.requestHeaders`): a browser cannot send either cross-site without a CORS preflight.
 */
export const CSRF_PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'] as const;

/** A refusal in the GraphQL response shape, closing the connection so the unread body is not drained. */
function refuse(res: Response, status: number, code: string, message: string): void {
  res.setHeader('Connection', 'close');
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * Runs before the multipart parser, so a request that the headers already condemn is refused before a byte of
 * its body is read or written to temporary disk: a non-empty CSRF header (`apollo-require-preflight` or
 * `x-apollo-operation-name`, as Apollo accepts), a declared Content-Length within the limit, and a caller
 * signed in (session cookie or partner token). Anything else passes untouched.
 */
export function uploadGuard(orm: MikroORM, clock: Clock, maxRequestBytes: number): RequestHandler {
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    if (!CSRF_PREFLIGHT_HEADERS.some((name) => req.headers[name])) {
      return refuse(res, 400, 'BAD_REQUEST', 'File uploads must send the apollo-require-preflight or x-apollo-operation-name header (protection against cross-site requests).');
    }
    const declared = req.headers['content-length'];
    if (declared === undefined) return refuse(res, 411, 'BAD_REQUEST', 'File uploads must declare their Content-Length.');
    if (!/^\d{1,15}$/.test(declared) || Number(declared) > maxRequestBytes) {
      return refuse(res, 413, ErrorCode.PAYLOAD_TOO_LARGE, `An upload request can carry at most ${Math.floor(maxRequestBytes / MiB)} MB. Send the files in several requests.`);
    }
    resolveViewer(orm.em.fork(), clock.now(), credentialsOf(req)).then(
      (viewer) => (viewer ? next() : refuse(res, 401, ErrorCode.UNAUTHENTICATED, 'Sign in to upload files.')),
      next,
    );
  };
}

/**
 * Errors of the multipart parser (graphql-upload uses http-errors: malformed request 400, too many files 413,
 * client gone 499) as GraphQL-shaped responses with a code. Size limits of single files are stream errors that
 * reach the resolver instead (see documents/upload/receive-files.ts).
 */
export const uploadErrorHandler: ErrorRequestHandler = (error, req, res, next) => {
  const status = (error as { status?: number }).status;
  if (typeof status !== 'number' || !(error as { expose?: boolean }).expose) return next(error);
  // 499: the client went away mid-upload; there is nobody to answer.
  if (status === 499 || req.socket.destroyed) return;
  res.status(status).json({ errors: [{ message: (error as Error).message, extensions: { code: status === 413 ? ErrorCode.PAYLOAD_TOO_LARGE : 'BAD_REQUEST' } }] });
};
