import { createContext, useContext } from 'react';
import type { Me } from '../api/types';

/** What console pages can read about and do with the logged-in user. */
export interface ConsoleContextValue {
  me: Me;
  /** Re-reads /admin/me (after renaming, password change). */
  reloadMe: () => Promise<void>;
  logout: () => Promise<void>;
}

export const ConsoleContext = createContext<ConsoleContextValue | undefined>(undefined);

/** The console context; only valid inside ConsoleLayout. */
export function useConsole(): ConsoleContextValue {
  const ctx = useContext(ConsoleContext);
  if (!ctx) throw new Error('useConsole outside ConsoleLayout');
  return ctx;
}
