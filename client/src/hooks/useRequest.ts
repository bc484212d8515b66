import { useCallback, useEffect, useState } from 'react';

/** State of a request started by useRequest. */
export interface RequestState<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload: () => void;
}

/** Whether two dependency lists hold the same values (as React compares them). */
function sameDeps(a: readonly unknown[] | undefined, b: readonly unknown[]): boolean {
  return !!a && a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

/**
 * Runs fn when the component mounts and whenever deps change; results of
 * superseded runs are dropped so a slow old answer never overwrites a new one.
 * While a run is pending the last data (or error) stays visible with loading set.
 */
export function useRequest<T>(fn: () => Promise<T>, deps: readonly unknown[]): RequestState<T> {
  const [tick, setTick] = useState(0);
  // Which run the settled result belongs to: loading is "the result is not for
  // the current deps", so the effect never has to set state synchronously.
  const [state, setState] = useState<{ data?: T; error?: unknown; run?: readonly unknown[] }>({});
  const run = [...deps, tick];
  useEffect(() => {
    let current = true;
    fn().then(
      (data) => current && setState({ data, run }),
      (error: unknown) => current && setState({ error, run }),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps are fn's inputs
  }, run);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: !sameDeps(state.run, run), reload };
}
