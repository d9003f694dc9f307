import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { api, ApiError, onUnauthorized, unwrap } from '../api/client';
import { Loading } from '../ui/states';
import { LoginPage } from './LoginPage';
import { roleAllows, type Permission, type Role } from './permissions';

export interface SignedIn {
  username: string | null;
  role: Role;
  /** The server's business date (YYYY-MM-DD): days left and "this month" count from it, not from the browser's clock. */
  today: string;
  /** The business's time zone (IANA name): the calendar day of an event's time is the one there. */
  timeZone: string;
  /** Whether the signed-in role may do work that needs `permission` (as the API decides). */
  can(permission: Permission): boolean;
  logout(): Promise<void>;
}

const AuthContext = createContext<SignedIn | null>(null);

const ME = ['auth', 'me'] as const;

/** Shows the sign-in page until there is a session, then the app with the signed-in user in context. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery({
    queryKey: ME,
    queryFn: async () => {
      try {
        return await unwrap(api.GET('/api/v1/auth/me'));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    // Refreshed now and then so that `today` moves on past midnight in a page left open.
    staleTime: 10 * 60_000,
    retry: false,
  });

  // A session that expires while the app is open sends the user back to the sign-in page.
  useEffect(() => onUnauthorized(() => queryClient.setQueryData(ME, null)), [queryClient]);

  const logout = useCallback(async () => {
    await unwrap(api.POST('/api/v1/auth/logout'));
    // The next user must not see this one's cached data; the sign-in state itself stays observed.
    queryClient.setQueryData(ME, null);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME[0] });
  }, [queryClient]);

  const value = useMemo<SignedIn | null>(() => {
    const user = me.data;
    if (!user) return null;
    return { username: user.username, role: user.role, today: user.today, timeZone: user.timeZone, can: (p) => roleAllows(user.role, p), logout };
  }, [me.data, logout]);

  if (me.isPending) return <Loading label="Starting Lotline…" />;
  if (!value) return <LoginPage onSignedIn={() => queryClient.invalidateQueries({ queryKey: ME })} />;
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The signed-in user; only inside AuthProvider. */
export function useAuth(): SignedIn {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** Renders its children only for roles that hold `permission`: actions a role cannot take are not shown. */
export function Can({ permission, children }: { permission: Permission; children: ReactNode }) {
  return useAuth().can(permission) ? <>{children}</> : null;
}
