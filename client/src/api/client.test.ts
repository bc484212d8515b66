import { describe, expect, it } from 'vitest';
import { ApiError, buildUrl, errorText, GENERIC_ERROR, isAuthFailure, isRetryable, isSessionLoss, publicErrorText } from './client';

describe('buildUrl', () => {
  it('prefixes the API base and leaves out empty parameters', () => {
    expect(buildUrl('/admin/wx-biz-records', { appid: 'wx1', event: '', msgType: undefined, offset: 0, limit: 15 })).toBe(
      '/wxcomponent/admin/wx-biz-records?appid=wx1&offset=0&limit=15',
    );
    expect(buildUrl('/admin/me')).toBe('/wxcomponent/admin/me');
  });
  it('encodes values', () => {
    expect(buildUrl('/x', { q: 'a b&c' })).toBe('/wxcomponent/x?q=a+b%26c');
  });
});

describe('errorText', () => {
  it('hides internal details of system errors', () => {
    expect(errorText(new ApiError(1002, '系统错误', 500, 'dial tcp: refused'))).toBe(GENERIC_ERROR);
  });
  it('shows the plain words a non-500 system error carries', () => {
    expect(errorText(new ApiError(1002, '系统错误', 502, '无法访问微信接口，请检查网络后稍后再试'))).toBe(
      '无法访问微信接口，请检查网络后稍后再试',
    );
    expect(errorText(new ApiError(1002, '系统错误', 429, '请求过于频繁，请稍后再试'))).toBe('请求过于频繁，请稍后再试');
    expect(errorText(new ApiError(1002, '系统错误', 502))).toBe(GENERIC_ERROR);
  });
  it('shows whole-sentence details of 1005, 1007 and 1008 alone', () => {
    expect(errorText(new ApiError(1005, '用户更新错误', 400, '密码错误'))).toBe('密码错误');
    expect(errorText(new ApiError(1005, '用户更新错误', 400))).toBe('用户更新错误');
    expect(errorText(new ApiError(1007, 'Ticket为空', 503, '尚未收到 component_verify_ticket'))).toBe('尚未收到 component_verify_ticket');
    expect(errorText(new ApiError(1008, '状态异常', 409, '已有同步任务正在进行'))).toBe('已有同步任务正在进行');
    expect(errorText(new ApiError(1007, 'Ticket为空', 503))).toBe('Ticket为空');
  });
  it('tells how long to wait after too many failures', () => {
    expect(errorText(new ApiError(1011, '登录失败次数超过限制', 429, { retryAfter: 42 }))).toBe('登录失败次数过多，请 42 秒后再试');
    expect(errorText(new ApiError(1011, '登录失败次数超过限制', 429, { retryAfter: 1, busy: true }))).toBe('登录请求过多，服务器繁忙，请 1 秒后再试');
  });
  it('adds the validation detail', () => {
    expect(errorText(new ApiError(1001, '参数格式有误', 400, '密码须同时包含字母和数字'))).toBe('参数格式有误：密码须同时包含字母和数字');
  });
  it('uses errorMsg otherwise', () => {
    expect(errorText(new ApiError(1006, '登录失败', 401))).toBe('登录失败');
    expect(errorText(new ApiError(1006, '登录失败', 401, '帐号或密码错误'))).toBe('登录失败：帐号或密码错误');
    expect(errorText(new Error('x'))).toBe(GENERIC_ERROR);
  });
});

describe('isAuthFailure', () => {
  it('recognises session errors but not wrong credentials', () => {
    expect(isAuthFailure(new ApiError(1003, '登录超时', 401))).toBe(true);
    expect(isAuthFailure(new ApiError(1003, '登录超时', 200))).toBe(true);
    expect(isAuthFailure(new ApiError(1004, 'Token错误', 401))).toBe(true);
    expect(isAuthFailure(new ApiError(1000, '访问未授权', 200))).toBe(true);
    expect(isAuthFailure(new ApiError(-1, '', 401))).toBe(true);
    expect(isAuthFailure(new ApiError(1006, '登录失败', 401))).toBe(false);
    expect(isAuthFailure(new ApiError(1005, '用户更新错误', 400, '密码错误'))).toBe(false);
  });
  it('explains expired and revoked sessions, not a first visit', () => {
    expect(isSessionLoss(1003, false)).toBe(true);
    expect(isSessionLoss(1004, false)).toBe(true);
    expect(isSessionLoss(1000, true)).toBe(true);
    expect(isSessionLoss(1000, false)).toBe(false);
  });
});

describe('publicErrorText', () => {
  it('shows the server sentence alone', () => {
    expect(publicErrorText(new ApiError(1001, '参数格式有误', 400, '授权码已使用或已过期，请重新授权'))).toBe('授权码已使用或已过期，请重新授权');
    expect(publicErrorText(new ApiError(1002, '系统错误', 500, 'stack'))).toBe(GENERIC_ERROR);
    expect(publicErrorText(new ApiError(-1, '网络错误，请检查网络后重试', 0))).toBe('网络错误，请检查网络后重试');
  });
  it('does not offer a retry for rejected parameters', () => {
    expect(isRetryable(new ApiError(1001, '参数格式有误', 400))).toBe(false);
    expect(isRetryable(new ApiError(1002, '系统错误', 429))).toBe(true);
  });
});
