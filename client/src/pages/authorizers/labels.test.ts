import { describe, expect, it } from 'vitest';
import { ACCOUNT_STATUS, funcLabel, label, parseFuncInfo, serviceLabel, verifyLabel } from './labels';

describe('permission sets', () => {
  it('parses the stored "|1|2|18" form', () => {
    expect(parseFuncInfo('|1|2|18')).toEqual([1, 2, 18]);
    expect(parseFuncInfo('')).toEqual([]);
    expect(parseFuncInfo(null)).toEqual([]);
    expect(parseFuncInfo('|x|7|')).toEqual([7]);
  });
  it('names known ids and shows unknown ones as numbers', () => {
    expect(funcLabel(18)).toBe('18 开发管理与数据分析(小程序)');
    expect(funcLabel(999)).toBe('999');
  });
});

describe('labels', () => {
  it('falls back to the number', () => {
    expect(label(ACCOUNT_STATUS, 14)).toBe('已注销');
    expect(label(ACCOUNT_STATUS, 3)).toBe('3');
    expect(label(ACCOUNT_STATUS, undefined)).toBe('-');
  });
  it('reads verify and service types by account type', () => {
    expect(verifyLabel(1, 3)).toBe('已资质认证，名称认证未通过');
    expect(verifyLabel(0, 0)).toBe('微信认证');
    expect(verifyLabel(0, -1)).toBe('未认证');
    expect(serviceLabel(1, 2)).toBe('服务号');
    expect(serviceLabel(0, 0)).toBe('普通小程序');
  });
});
