import { useMutation } from '@apollo/client/react';
import { useCallback, useState } from 'react';
import { ViewerDocument } from '../../app/auth/viewer';
import { graphql } from '../../gql';
import { describeSignInProblem, type SignInProblem } from './sign-in-problem';

const SignInDocument = graphql(`
  mutation SignIn($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      id
      username
      displayName
      role
    }
  }
`);

/**
 * Signs in (the server sets the session cookie) and records the new viewer in the cache, which is what the
 * rest of the app reads: the sign-in page then redirects by itself.
 */
export function useSignIn() {
  const [problem, setProblem] = useState<SignInProblem | null>(null);
  const [login, { loading }] = useMutation(SignInDocument, {
    update(cache, { data }) {
      if (data) cache.writeQuery({ query: ViewerDocument, data: { me: data.login } });
    },
  });
  const signIn = useCallback(
    async (username: string, password: string) => {
      setProblem(null);
      try {
        await login({ variables: { username: username.trim(), password } });
      } catch (error) {
        setProblem(describeSignInProblem(error));
      }
    },
    [login],
  );
  return { signIn, pending: loading, problem };
}
