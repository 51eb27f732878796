import { createContext, useContext } from 'react';
import type { Session } from './api.js';

const RANK = { reader: 0, analyst: 1, admin: 2 } as const;

export const SessionContext = createContext<Session>({ access_control: false, role: 'admin', actor: 'local' });

export function useSession(): Session {
  return useContext(SessionContext);
}

/** Whether the signed-in role may use what needs `role`. */
export function can(session: Session, role: keyof typeof RANK): boolean {
  return RANK[session.role] >= RANK[role];
}
