import { createContext, useContext } from 'react';
import type { Session } from './api.js';

const RANK = { reader: 0, analyst: 1, admin: 2 } as const;

/** The signed-in session, which App provides around every screen (read from GET /session, never assumed). */
export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the signed-in console');
  return session;
}

/** Whether the signed-in role may use what needs `role`. */
export function can(session: Session, role: keyof typeof RANK): boolean {
  return RANK[session.role] >= RANK[role];
}
