import { createContext, useContext } from 'react';
import type { Viewer } from './viewer';

export type AuthState =
  | { status: 'loading' }
  | { status: 'error'; error: Error; retry: () => void }
  | { status: 'ready'; viewer: Viewer | null };

export const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth must be used inside <AuthProvider>.');
  return state;
}

/** The signed-in user, or null while loading, after an error, or when anonymous. */
export function useViewer(): Viewer | null {
  const state = useAuth();
  return state.status === 'ready' ? state.viewer : null;
}
