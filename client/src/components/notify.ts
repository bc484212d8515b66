import { MessagePlugin } from 'tdesign-react';
import { ApiError, errorText, isAuthFailure } from '../api/client';

/** Shows a failed call as a toast; auth failures get one clear text (the app is already leaving for /login). */
export function notifyError(err: unknown): void {
  if (err instanceof ApiError && isAuthFailure(err)) {
    void MessagePlugin.warning('登录已失效，请重新登录');
    return;
  }
  void MessagePlugin.error(errorText(err));
}

/** Shows a success toast. */
export function notifySuccess(text: string): void {
  void MessagePlugin.success(text);
}
