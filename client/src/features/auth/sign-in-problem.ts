import { describeApiError } from '../../lib/errors';

export interface SignInProblem {
  code?: string;
  title: string;
  message: string;
}

const TITLES: Record<string, string> = {
  UNAUTHENTICATED: 'Sign-in failed',
  RATE_LIMITED: 'Too many attempts',
  BAD_USER_INPUT: 'Check what you entered',
  FORBIDDEN: 'Sign-in refused',
};

/** A failed sign-in as the form shows it: the server's own message under a title that names the kind of problem. */
export function describeSignInProblem(error: unknown): SignInProblem {
  const { code, message } = describeApiError(error);
  const title = (code && TITLES[code]) ?? (code ? 'Sign-in failed' : 'Connection problem');
  return { code, title, message };
}
