import { useMutation } from '@apollo/client/react';
import { useCallback, useState } from 'react';
import { graphql } from '../../gql';
import { describeApiError, type ApiProblem } from '../../lib/errors';

const ChangePasswordDocument = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

export interface PasswordProblem extends ApiProblem {
  /** The field the server blamed (`currentPassword` or `newPassword`), when it named one. */
  field?: string;
}

/** Changes the signed-in user's password; the server signs out their other sessions. */
export function useChangePassword() {
  const [problem, setProblem] = useState<PasswordProblem | null>(null);
  const [done, setDone] = useState(false);
  const [mutate, { loading }] = useMutation(ChangePasswordDocument);
  const changePassword = useCallback(
    async (currentPassword: string, newPassword: string): Promise<boolean> => {
      setProblem(null);
      setDone(false);
      try {
        await mutate({ variables: { currentPassword, newPassword } });
        setDone(true);
        return true;
      } catch (error) {
        const field = (error as { errors?: Array<{ extensions?: { field?: unknown } }> }).errors?.[0]?.extensions?.field;
        setProblem({ ...describeApiError(error), field: typeof field === 'string' ? field : undefined });
        return false;
      }
    },
    [mutate],
  );
  return { changePassword, pending: loading, problem, done };
}
