import { useCallback, useRef, useState } from 'react';
import { errorText } from '../api';

/** State of a form or dialog that saves through useSubmit. */
export interface SubmitState {
  /** True while a save runs: the confirm button shows its loading state. */
  busy: boolean;
  /** The last failure in words, or "" (shown inside the form, not as a toast). */
  error: string;
  /**
   * Runs one save unless another is still running: clears the old error, sets
   * busy, and turns a rejection into `error`. Resolves true when fn succeeded.
   */
  submit: (fn: () => Promise<void>) => Promise<boolean>;
  /** Forgets the error, e.g. when a dialog opens again. */
  clearError: () => void;
}

/** The save / busy / error pattern shared by the login form and the edit dialogs. */
export function useSubmit(): SubmitState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  // A ref, not the state: two clicks in the same frame both see busy === false.
  const running = useRef(false);

  const submit = useCallback(async (fn: () => Promise<void>) => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setError('');
    try {
      await fn();
      return true;
    } catch (err) {
      setError(errorText(err));
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(''), []);
  return { busy, error, submit, clearError };
}
