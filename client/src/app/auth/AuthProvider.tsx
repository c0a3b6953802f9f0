import { useQuery } from '@apollo/client/react';
import { useMemo, type ReactNode } from 'react';
import { AuthContext, type AuthState } from './auth-context';
import { ViewerDocument } from './viewer';

/** Asks the API who is signed in (`me`) once; sign-in and sign-out update that cached answer. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const { data, error, refetch } = useQuery(ViewerDocument);
  const state = useMemo<AuthState>(() => {
    if (data) return { status: 'ready', viewer: data.me ?? null };
    if (error) return { status: 'error', error, retry: () => void refetch().catch(() => undefined) };
    return { status: 'loading' };
  }, [data, error, refetch]);
  return <AuthContext value={state}>{children}</AuthContext>;
}
