import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { api, lazyResponse } from '../api/client';
import type { sessionResponse } from '../../shared/schemas/responses';

export type SessionUser = NonNullable<z.infer<typeof sessionResponse>['user']>;

interface SessionState {
  user: SessionUser | null;
  loaded: boolean;
  refresh: () => Promise<SessionUser | null>;
}

const SessionContext = createContext<SessionState>({ user: null, loaded: false, refresh: async () => null });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [loaded, setLoaded] = useState(false);
  const refresh = useCallback(async () => {
    const session = await api('/api/session', lazyResponse('sessionResponse')).catch(() => ({ user: null }));
    setUser(session.user);
    setLoaded(true);
    return session.user;
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return <SessionContext.Provider value={{ user, loaded, refresh }}>{children}</SessionContext.Provider>;
}

export const useSession = () => useContext(SessionContext);
