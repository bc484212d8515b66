import { describe, expect, it } from 'vitest';
import { domainError, normalizeDomains } from './domains';

describe('domainError', () => {
  it('requires the scheme WeChat asks for', () => {
    expect(domainError(['https://api.example.com'], 'https://')).toBe('');
    expect(domainError(['http://a.com', 'https://', 'https://b.com'], 'https://')).toBe('须以 https:// 开头：http://a.com、https://');
    expect(domainError(['wss://ws.example.com'], 'wss://')).toBe('');
  });
});

describe('normalizeDomains', () => {
  it('fills missing lists', () => {
    expect(normalizeDomains({ requestDomain: ['https://a.com'] })).toEqual({
      requestDomain: ['https://a.com'], wsRequestDomain: [], uploadDomain: [], downloadDomain: [], udpDomain: [], tcpDomain: [],
    });
  });
});
