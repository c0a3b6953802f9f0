import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

export interface ApiProblem {
  /** The server's stable error code (UNAUTHENTICATED, RATE_LIMITED, …), when it sent one. */
  code?: string;
  message: string;
}

export const NETWORK_MESSAGE = 'ReturnHub cannot be reached. Check your connection and try again.';

/** What to tell the user about a failed request: the API's own coded message, or a plain network/server message. */
export function describeApiError(error: unknown): ApiProblem {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const code = first?.extensions?.code;
    return { code: typeof code === 'string' ? code : undefined, message: first?.message ?? 'The request failed.' };
  }
  if (ServerError.is(error)) {
    return error.statusCode >= 500
      ? { message: 'ReturnHub is having trouble right now. Try again in a moment.' }
      : { message: `The request was refused (HTTP ${error.statusCode}).` };
  }
  return { message: NETWORK_MESSAGE };
}
