import { MessagePlugin } from 'tdesign-react';
import { ApiError, errorText, isAuthFailure } from '../api/client';

/**
 * Shows a failed call as a toast. Auth failures show nothing here: the app is
 * already leaving for /login, which says 登录已过期，请重新登录.
 */
export function notifyError(err: unknown): void {
  if (err instanceof ApiError && isAuthFailure(err)) return;
  void MessagePlugin.error(errorText(err));
}

/** Shows a success toast. */
export function notifySuccess(text: string): void {
  void MessagePlugin.success(text);
}
