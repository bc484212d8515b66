import { describe, expect, it } from 'vitest';
import { extJsonError, formatJson, screenshotIds, userVersionError } from './versionLogic';

describe('extJsonError', () => {
  it('accepts empty text and JSON objects', () => {
    expect(extJsonError('')).toBe('');
    expect(extJsonError('  ')).toBe('');
    expect(extJsonError('{"extAppid":"wx1","ext":{"name":"店"}}')).toBe('');
  });
  it('explains broken JSON and non-objects', () => {
    expect(extJsonError('{"a":')).toMatch(/^不是合法的 JSON：/);
    expect(extJsonError('[1]')).toBe('ext.json 须为一个 JSON 对象（{ … }）');
    expect(extJsonError('"x"')).toBe('ext.json 须为一个 JSON 对象（{ … }）');
    expect(extJsonError('null')).toBe('ext.json 须为一个 JSON 对象（{ … }）');
  });
});

describe('formatJson', () => {
  it('indents valid JSON and leaves the rest alone', () => {
    expect(formatJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(formatJson('{oops')).toBe('{oops');
  });
});

describe('screenshotIds', () => {
  it('prefers the stored list and falls back to WeChat’s joined string', () => {
    expect(screenshotIds({ screenshots: ['m1'], screenShot: 'x|y' })).toEqual(['m1']);
    expect(screenshotIds({ screenshots: null, screenShot: 'x| y|' })).toEqual(['x', 'y']);
    expect(screenshotIds({ screenshots: [], screenShot: '' })).toEqual([]);
  });
});

describe('userVersionError', () => {
  it('requires a short version', () => {
    expect(userVersionError(' ')).toBe('请输入代码版本号');
    expect(userVersionError('1.0.0')).toBe('');
    expect(userVersionError('x'.repeat(65))).toBe('版本号不能超过 64 个字符');
  });
});
