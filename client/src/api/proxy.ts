// Typed wrappers of the proxy configurator (GET/POST /admin/proxy, POST /admin/proxy-test) and
// the go-live responder switch (GET/POST /admin/release-check).
import { request } from './client';

/** The proxy configuration: url is the effective target (http://127.0.0.1:<port> for a local port). */
export interface ProxyConfig {
  open: boolean;
  port: number;
  path?: string;
  url: string;
}

/** A change: url empty means the local port. */
export interface ProxyChange {
  open: boolean;
  port: number;
  path: string;
  url: string;
}

/** The target's answer to the console's test GET. */
export interface ProxyProbe {
  url: string;
  status: number;
  latencyMs: number;
  body: string;
  truncated: boolean;
}

export const getProxy = () => request<ProxyConfig>('GET', '/admin/proxy');
export const saveProxy = (c: ProxyChange) => request<ProxyConfig>('POST', '/admin/proxy', { body: c });
/** Tests the saved settings, or the given unsaved ones. */
export const testProxy = (c?: Partial<ProxyChange>) => request<ProxyProbe>('POST', '/admin/proxy-test', { body: c ?? {} });

export const getReleaseCheck = () => request<{ enabled: boolean }>('GET', '/admin/release-check');
export const setReleaseCheck = (enabled: boolean) =>
  request<{ enabled: boolean }>('POST', '/admin/release-check', { body: { enabled } });

/** The local-port URL the server derives, to tell a port target from a URL target. */
export const localProxyUrl = (port: number) => `http://127.0.0.1:${port}`;
