import { describe, expect, it } from 'vitest';
import type { ForwardRule } from '../../api/forward';
import { emptyForm, formOf, targetText, toInput, typeText, validate } from './ruleForm';

const rule = (over: Partial<ForwardRule>): ForwardRule => ({
  id: 3, name: '客服消息', infoType: '', msgType: 'text', event: '', open: 1,
  data: { port: 8082, path: '/wx/$APPID$/msg', url: '', mode: 'sync' }, createTime: 1, updateTime: 1, ...over,
});

describe('rule form', () => {
  it('asks for a name of at most 30 characters and the type of its tab', () => {
    expect(validate(emptyForm(), 1)).toEqual({ name: '请输入规则名称', infoType: '请输入 InfoType' });
    expect(validate(emptyForm(), 2)).toEqual({ name: '请输入规则名称', msgType: '请输入 MsgType' });
    const long = { ...emptyForm(), name: '转'.repeat(31), msgType: 'text' };
    expect(validate(long, 2)).toEqual({ name: '规则名称最多 30 个字' });
    expect(validate({ ...long, name: '转'.repeat(30) }, 2)).toEqual({});
  });

  it('takes a port 1–65535 with a path starting with /, or an http(s) URL', () => {
    const f = { ...emptyForm(), name: 'a', msgType: 'text' };
    expect(validate({ ...f, port: '0', path: 'wx' }, 2)).toEqual({ port: '端口须为 1–65535 的整数', path: '目标路径须以 / 开头' });
    expect(validate({ ...f, port: '65536' }, 2)).toEqual({ port: '端口须为 1–65535 的整数' });
    expect(validate({ ...f, port: '80.5' }, 2)).toEqual({ port: '端口须为 1–65535 的整数' });
    expect(validate({ ...f, port: '65535' }, 2)).toEqual({});
    expect(validate({ ...f, targetKind: 'url', url: 'ftp://x' }, 2)).toEqual({ url: '请输入完整的 http:// 或 https:// 地址' });
    expect(validate({ ...f, targetKind: 'url', url: 'https://biz.example.com/wx/$APPID$' }, 2)).toEqual({});
  });

  it('sends only the fields of its kind and the chosen target', () => {
    const f = { ...emptyForm(), name: ' 客服 ', infoType: 'x', msgType: ' text ', event: '', port: '9000', path: '/m' };
    expect(toInput(f, 2, 1)).toEqual({ name: '客服', infoType: '', msgType: 'text', event: '', open: 1, data: { port: 9000, path: '/m', url: '', mode: 'sync' } });
    expect(toInput({ ...f, targetKind: 'url', url: 'http://biz:8080/m', mode: 'async' }, 1, 0)).toEqual({
      name: '客服', infoType: 'x', msgType: '', event: '', open: 0, data: { port: 0, path: '', url: 'http://biz:8080/m', mode: 'async' },
    });
  });

  it('edits an existing rule as it is stored and describes it in one line', () => {
    expect(formOf(rule({}))).toMatchObject({ targetKind: 'port', port: '8082', path: '/wx/$APPID$/msg', mode: 'sync' });
    expect(formOf(rule({ data: { port: 0, path: '', url: 'https://b/x', mode: 'async' } }))).toMatchObject({ targetKind: 'url', url: 'https://b/x', mode: 'async' });
    expect(targetText(rule({}))).toBe('127.0.0.1:8082/wx/$APPID$/msg');
    expect(typeText(rule({ msgType: 'event', event: 'subscribe' }))).toBe('event / subscribe');
    expect(typeText(rule({ infoType: 'authorized', msgType: '' }))).toBe('authorized');
  });
});
