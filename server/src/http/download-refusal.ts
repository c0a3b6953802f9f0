import type { Response } from 'express';

/** The codes a download route refuses with (beside the GraphQL error codes they share). */
export type DownloadRefusalCode = 'UNAUTHENTICATED' | 'NOT_FOUND' | 'INTERNAL_SERVER_ERROR' | 'SERVICE_UNAVAILABLE' | 'LINK_EXPIRED' | 'RANGE_NOT_SATISFIABLE';

const MESSAGES: Record<DownloadRefusalCode, string> = {
  UNAUTHENTICATED: 'Sign in to continue.',
  NOT_FOUND: 'File not found.',
  INTERNAL_SERVER_ERROR: 'Something went wrong; try again.',
  SERVICE_UNAVAILABLE: 'The service is briefly unavailable. Try again.',
  LINK_EXPIRED: 'This link has expired; open the file again from the case.',
  RANGE_NOT_SATISFIABLE: 'The requested range is outside the file.',
};

/**
 * Every refused download — documents (`/files/:id`), labels (`/files/labels/:caseId`), and the 503 while the
 * database is unreachable — answers in ONE shape, `{ error, message }` (a 503 adds `retryable: true`), so a client
 * reads the coded error the same way whichever file it asked for.
 */
export function refuseDownload(res: Response, status: number, error: DownloadRefusalCode, message = MESSAGES[error], extra: { retryable?: true } = {}): void {
  res.status(status).json({ error, message, ...extra });
}
