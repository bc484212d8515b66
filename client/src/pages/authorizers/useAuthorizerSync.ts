import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorText, getAuthorizerSync, startAuthorizerSync, type SyncStatus } from '../../api';
import { isAuthFailure } from '../../api/client';

/** How often a running sync is polled. */
export const SYNC_POLL_MS = 1000;
/** Consecutive failed polls after which polling stops and the failure is shown. */
const MAX_POLL_FAILURES = 5;

/** State of the authorized-account synchronisation as the page shows it. */
export interface AuthorizerSync {
  status?: SyncStatus;
  starting: boolean;
  /** A failure to start or to follow the job (not the job's own failure). */
  error: string;
  start: () => Promise<void>;
}

/**
 * Follows the tracked pull of WeChat's authorizer list: reads the latest job on
 * mount, polls every second while one runs, and calls onFinished once when a
 * job this page watched running comes to an end.
 */
export function useAuthorizerSync(onFinished: (s: SyncStatus) => void): AuthorizerSync {
  const [status, setStatus] = useState<SyncStatus>();
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState('');
  const finished = useRef(onFinished);
  useEffect(() => {
    finished.current = onFinished; // the latest callback, without restarting the polling
  }, [onFinished]);
  const watched = useRef<number | undefined>(undefined); // id of the running job being followed

  const accept = useCallback((s: SyncStatus | undefined) => {
    setStatus(s ?? undefined);
    if (!s) return;
    if (s.status === 'running') watched.current = s.id;
    else if (watched.current === s.id) {
      watched.current = undefined;
      finished.current(s);
    }
  }, []);

  useEffect(() => {
    getAuthorizerSync().then(accept, (err: unknown) => {
      if (!(err instanceof ApiError && isAuthFailure(err))) setError(errorText(err));
    });
  }, [accept]);

  const running = status?.status === 'running';
  const runningId = running ? status.id : undefined;
  useEffect(() => {
    if (runningId === undefined) return;
    let alive = true;
    let failures = 0;
    let timer: ReturnType<typeof setTimeout>;
    const poll = () => {
      timer = setTimeout(() => {
        getAuthorizerSync().then(
          (s) => {
            if (!alive) return;
            failures = 0;
            setError('');
            accept(s);
            if (s?.status === 'running' && s.id === runningId) poll();
          },
          (err: unknown) => {
            if (!alive) return;
            failures++;
            if (failures >= MAX_POLL_FAILURES || (err instanceof ApiError && isAuthFailure(err))) {
              setError(`无法读取同步进度：${errorText(err)}`);
              return;
            }
            poll();
          },
        );
      }, SYNC_POLL_MS);
    };
    poll();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [runningId, accept]);

  const start = useCallback(async () => {
    setStarting(true);
    setError('');
    try {
      const started = await startAuthorizerSync();
      watched.current = started.id; // report its end even if it finished before this answer
      accept(started);
    } catch (err) {
      if (err instanceof ApiError && err.code === 1008) {
        // Another operator (or instance) is already syncing: follow that job instead.
        const latest = await getAuthorizerSync().catch(() => undefined);
        if (latest?.status === 'running') {
          watched.current = latest.id;
          setStatus(latest);
        }
      }
      setError(errorText(err));
    } finally {
      setStarting(false);
    }
  }, [accept]);

  return { status, starting, error, start };
}
