import { describe, expect, it } from 'vitest';
import {
  buildAuthLink,
  checkBizAppid,
  checkRedirectUrl,
  checkState,
  forwardUrl,
  isLocalOrigin,
  readPageParams,
  redirectParams,
} from './links';

describe('buildAuthLink', () => {
  it('builds hash-routed links and leaves out empty options', () => {
    expect(buildAuthLink('https://a.example.com', 'pc', { authType: '6' })).toBe('https://a.example.com/#/authorize?authType=6');
    expect(buildAuthLink('https://a.example.com/', 'h5', { authType: '2', bizAppid: ' wx1 ', state: '' })).toBe(
      'https://a.example.com/#/authorizeH5?authType=2&bizAppid=wx1',
    );
  });
  it('encodes the state so it survives the round trip', () => {
    const link = buildAuthLink('http://h', 'pc', { authType: '3', state: '客户 A&b=1' });
    const p = readPageParams('', link.slice(link.indexOf('#')));
    expect(p.get('state')).toBe('客户 A&b=1');
    expect(p.get('authType')).toBe('3');
  });
});

describe('checks', () => {
  it('accepts only plain appids', () => {
    expect(checkBizAppid('')).toBe('');
    expect(checkBizAppid('wx570bc396a51b8ff8')).toBe('');
    expect(checkBizAppid('wx 1')).not.toBe('');
    expect(checkBizAppid('x'.repeat(33))).not.toBe('');
  });
  it('limits the state to 128 printable characters', () => {
    expect(checkState('客'.repeat(128))).toBe('');
    expect(checkState('客'.repeat(129))).not.toBe('');
    expect(checkState('a\nb')).not.toBe('');
  });
  it('wants an absolute http(s) redirect URL', () => {
    expect(checkRedirectUrl('https://example.com/auth/done?x=1')).toBe('');
    expect(checkRedirectUrl('http://127.0.0.1:8080/#/done')).toBe('');
    for (const bad of ['example.com', 'ftp://example.com', 'javascript:alert(1)', 'http:/x', 'https://u:p@example.com', '/relative']) {
      expect(checkRedirectUrl(bad), bad).not.toBe('');
    }
  });
});

describe('readPageParams', () => {
  it('reads what WeChat appends after the hash route', () => {
    const p = redirectParams(readPageParams('', '#/redirectPage?state=c1&auth_code=queryauthcode@@@abc&expires_in=600'));
    expect(p).toEqual({ authCode: 'queryauthcode@@@abc', expiresIn: '600', state: 'c1' });
  });
  it('reads a real query before the hash and a doubled "?"', () => {
    expect(redirectParams(readPageParams('?auth_code=A&expires_in=3600', '#/redirectPage?state=s'))).toEqual({
      authCode: 'A',
      expiresIn: '3600',
      state: 's',
    });
    expect(redirectParams(readPageParams('', '#/redirectPage?state=s?auth_code=B&expires_in=1'))).toEqual({
      authCode: 'B',
      expiresIn: '1',
      state: 's',
    });
  });
  it('is empty when nothing was appended', () => {
    expect(redirectParams(readPageParams('', '#/redirectPage'))).toEqual({ authCode: '', expiresIn: '', state: '' });
  });
});

describe('forwardUrl', () => {
  const r = { authCode: 'code@@@1', expiresIn: '600', state: '客户A' };
  it('appends the code, expiry and state', () => {
    expect(forwardUrl('https://biz.example.com/done', r)).toBe(
      'https://biz.example.com/done?auth_code=code%40%40%401&expires_in=600&state=%E5%AE%A2%E6%88%B7A',
    );
    expect(forwardUrl('https://biz.example.com/done?from=wx', { ...r, state: '' })).toBe(
      'https://biz.example.com/done?from=wx&auth_code=code%40%40%401&expires_in=600',
    );
  });
});

describe('isLocalOrigin', () => {
  it('spots loopback addresses', () => {
    expect(isLocalOrigin('http://127.0.0.1:8080')).toBe(true);
    expect(isLocalOrigin('http://localhost:5173')).toBe(true);
    expect(isLocalOrigin('https://wx.example.com')).toBe(false);
  });
});
