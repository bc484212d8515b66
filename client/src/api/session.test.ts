import { describe, expect, it } from 'vitest';
import {
  clearLoginNotice,
  clearSession,
  loginNotice,
  loadSession,
  noteSessionExpired,
  REFRESH_WINDOW_SECONDS,
  saveSession,
  SESSION_EXPIRED_TEXT,
  sessionAction,
  type KeyValueStore,
} from './session';

function memoryStore(): KeyValueStore {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) };
}

describe('sessionAction', () => {
  const now = 1_700_000_000;
  it('does nothing while plenty of time remains', () => {
    expect(sessionAction(now + REFRESH_WINDOW_SECONDS + 1, now)).toBe('none');
  });
  it('refreshes only when the remaining time is positive and below one hour', () => {
    expect(sessionAction(now + REFRESH_WINDOW_SECONDS - 1, now)).toBe('refresh');
    expect(sessionAction(now + 1, now)).toBe('refresh');
  });
  it('treats zero or negative remaining time as expired, never as refreshable', () => {
    expect(sessionAction(now, now)).toBe('expired');
    expect(sessionAction(now - 10, now)).toBe('expired');
  });
  it('leaves an unknown expiry to the server', () => {
    expect(sessionAction(undefined, now)).toBe('none');
  });
});

describe('session storage', () => {
  it('keeps only the user name and expiry', () => {
    const s = memoryStore();
    saveSession({ username: 'admin', expiresAt: 123 }, s);
    expect(loadSession(s)).toEqual({ username: 'admin', expiresAt: 123 });
    saveSession({ expiresAt: 456 }, s);
    expect(loadSession(s)).toEqual({ username: 'admin', expiresAt: 456 });
    clearSession(s);
    expect(loadSession(s)).toBeUndefined();
  });
});

describe('login notice', () => {
  it('is kept after an expiry until cleared', () => {
    const s = memoryStore();
    expect(loginNotice(s)).toBe('');
    noteSessionExpired(s);
    expect(loginNotice(s)).toBe(SESSION_EXPIRED_TEXT);
    expect(loginNotice(s)).toBe(SESSION_EXPIRED_TEXT);
    clearLoginNotice(s);
    expect(loginNotice(s)).toBe('');
  });
});
