import { describeApiError } from '../../../lib/errors';

export const CONFLICT_MESSAGE = 'Someone else changed this case while you had it open. Reload it to see the latest version, then try again.';

/** What to tell the user when a change to a case failed; a stale version gets its own plain explanation. */
export function caseProblem(error: unknown): { code?: string; message: string } | null {
  if (!error) return null;
  const problem = describeApiError(error);
  return problem.code === 'CONFLICT' ? { code: 'CONFLICT', message: CONFLICT_MESSAGE } : problem;
}
