import { describe, expect, it } from 'vitest';
import { csvRecords, parseVars, templateProblem, templateVars, unknownVars } from './template';

describe('templateVars', () => {
  it('lists each placeholder once, spaces inside the braces allowed', () => {
    expect(templateVars('{"a":"{{appid}}","b":{{ shopId }},"c":"{{appid}}-{{nickname}}"}')).toEqual(['appid', 'shopId', 'nickname']);
  });
});

describe('templateProblem', () => {
  it('accepts an empty template and objects with placeholders inside or outside strings', () => {
    expect(templateProblem('')).toBe('');
    expect(templateProblem('{"extAppid":"{{appid}}","ext":{"shop":{{shopId}}}}')).toBe('');
  });

  it('names broken JSON and non-objects', () => {
    expect(templateProblem('{"a":')).toMatch(/^不是合法的 JSON/);
    expect(templateProblem('[1]')).toBe('ext_json 须为 JSON 对象（以 { 开头）');
  });
});

describe('parseVars', () => {
  it('reads a JSON object keyed by appid, numbers and booleans as text', () => {
    const r = parseVars('{"wx1":{"shopId":12,"vip":true},"wx2":{"shopId":"7","city":null}}');
    expect(r.error).toBe('');
    expect(r.vars).toEqual({ wx1: { shopId: '12', vip: 'true' }, wx2: { shopId: '7', city: '' } });
    expect(r.names).toEqual(['shopId', 'vip', 'city']);
  });

  it('refuses nested values', () => {
    expect(parseVars('{"wx1":{"a":{"b":1}}}').error).toBe('帐号 wx1 的变量 a 须为字符串、数字或布尔值');
    expect(parseVars('{"wx1":[1]}').error).toBe('帐号 wx1 的值须为 {变量名: 值} 对象');
  });

  it('reads CSV with a BOM, quotes and CRLF, the appid column anywhere', () => {
    const r = parseVars('\uFEFFshopId,appid,title\r\n12,wx1,"A, ""B"""\r\n13,wx2,C\r\n');
    expect(r.error).toBe('');
    expect(r.vars).toEqual({ wx1: { shopId: '12', title: 'A, "B"' }, wx2: { shopId: '13', title: 'C' } });
    expect(r.names).toEqual(['shopId', 'title']);
  });

  it('says what is wrong with a CSV', () => {
    expect(parseVars('shopId\n12').error).toBe('变量 CSV 的表头须有 appid 列');
    expect(parseVars('appid,a\nwx1,1\nwx1,2').error).toBe('变量 CSV 第 3 行：appid wx1 重复');
    expect(parseVars('appid,a\n,1').error).toBe('变量 CSV 第 2 行没有 appid');
    expect(() => csvRecords('a,"b')).toThrow('未闭合的引号');
  });

  it('finds template variables nobody supplies', () => {
    expect(unknownVars('{"a":"{{appid}}{{shopId}}{{city}}"}', parseVars('appid,shopId\nwx1,1'))).toEqual(['city']);
  });
});
