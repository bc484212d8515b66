import { useState } from 'react';
import { MessagePlugin } from 'tdesign-react';
import { getAuthorizers, getAuthorizerToken, refreshAuthorizer, type Authorizer, type TokenInfo } from '../../api';
import { copyText } from '../../components/CopyButton';
import { notifyError, notifySuccess } from '../../components/notify';

/** The row action a button runs, for its loading state. */
export type AuthorizerAction = 'token' | 'refresh' | 'rt';

/** The per-account actions of the table and the state they leave behind. */
export interface AuthorizerActions {
  /** Whether this action of this account is running. */
  isBusy: (a: Authorizer, action: AuthorizerAction) => boolean;
  /** The token fetched last, shown in the token dialog until closed. */
  token?: { account: Authorizer; token: TokenInfo };
  closeToken: () => void;
  fetchToken: (a: Authorizer) => Promise<void>;
  refresh: (a: Authorizer) => Promise<void>;
  copyRefreshToken: (a: Authorizer) => Promise<void>;
}

/** 获取token, 刷新信息 and 复制refresh_token; failures become toasts. onChanged reloads the list. */
export function useAuthorizerActions(onChanged: () => void): AuthorizerActions {
  const [busy, setBusy] = useState('');
  const [token, setToken] = useState<{ account: Authorizer; token: TokenInfo }>();

  /** Runs one row action with its button in the loading state. */
  const act = async (a: Authorizer, action: AuthorizerAction, fn: () => Promise<void>) => {
    setBusy(`${a.appid}:${action}`);
    try {
      await fn();
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy('');
    }
  };

  return {
    isBusy: (a, action) => busy === `${a.appid}:${action}`,
    token,
    closeToken: () => setToken(undefined),
    fetchToken: (a) => act(a, 'token', async () => setToken({ account: a, token: await getAuthorizerToken(a.appid) })),
    refresh: (a) =>
      act(a, 'refresh', async () => {
        const fresh = await refreshAuthorizer(a.appid);
        notifySuccess(`已从微信刷新「${fresh.nickName || a.appid}」的信息`);
        onChanged();
      }),
    copyRefreshToken: (a) =>
      act(a, 'rt', async () => {
        // The list masks refresh tokens; ask for this one account unmasked.
        const page1 = await getAuthorizers({ appid: a.appid, offset: 0, limit: 1, reveal: true });
        const rt = page1.records?.[0]?.refreshToken ?? '';
        if (!rt) {
          void MessagePlugin.warning('该帐号没有可用的 refresh_token，请让商家重新授权');
          return;
        }
        const ok = await copyText(rt);
        void (ok ? MessagePlugin.success('refresh_token 已复制，请妥善保管') : MessagePlugin.error('复制失败，请重试'));
      }),
  };
}
