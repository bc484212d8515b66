// Server-domain kinds and the scheme WeChat requires for each (pure, tested without a DOM).
import type { ServerDomains } from '../../api';

/** One list of the server-domain settings. */
export interface DomainKind {
  key: keyof ServerDomains;
  label: string;
  scheme: string;
}

export const DOMAIN_KINDS: DomainKind[] = [
  { key: 'requestDomain', label: 'request 合法域名', scheme: 'https://' },
  { key: 'wsRequestDomain', label: 'socket 合法域名', scheme: 'wss://' },
  { key: 'uploadDomain', label: 'uploadFile 合法域名', scheme: 'https://' },
  { key: 'downloadDomain', label: 'downloadFile 合法域名', scheme: 'https://' },
  { key: 'udpDomain', label: 'udp 合法域名', scheme: 'udp://' },
  { key: 'tcpDomain', label: 'tcp 合法域名', scheme: 'tcp://' },
];

/** Domains of a list that do not look like scheme://host, in words; "" when all do. */
export function domainError(list: string[], scheme: string): string {
  const bad = list.filter((d) => !d.startsWith(scheme) || d.length <= scheme.length || /\s/.test(d));
  return bad.length ? `须以 ${scheme} 开头：${bad.join('、')}` : '';
}

/** Every list present, empty ones as []. */
export function normalizeDomains(d: Partial<ServerDomains> | undefined): ServerDomains {
  return {
    requestDomain: d?.requestDomain ?? [],
    wsRequestDomain: d?.wsRequestDomain ?? [],
    uploadDomain: d?.uploadDomain ?? [],
    downloadDomain: d?.downloadDomain ?? [],
    udpDomain: d?.udpDomain ?? [],
    tcpDomain: d?.tcpDomain ?? [],
  };
}
