import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { graphql } from '../../gql';

const SignOutDocument = graphql(`
  mutation SignOut {
    logout
  }
`);

export const SIGNED_OUT_PATH = '/login?signedOut=1';

/**
 * Revokes the session on the server, then loads the sign-in page afresh: a full page load drops every cached
 * record of the previous user, which matters on shared computers.
 */
export function useSignOut() {
  const [logout, { loading, error }] = useMutation(SignOutDocument);
  const signOut = useCallback(async () => {
    try {
      await logout();
    } catch {
      return; // `error` is shown by the caller; the session is still valid, so stay.
    }
    window.location.assign(SIGNED_OUT_PATH);
  }, [logout]);
  return { signOut, pending: loading, error };
}
