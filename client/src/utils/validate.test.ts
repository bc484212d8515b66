import { describe, expect, it } from 'vitest';
import { checkCallbackToken, checkEncodingAESKey, checkPassword, checkUsername } from './validate';

describe('checkPassword', () => {
  it('accepts 8–64 characters with letters and digits', () => {
    expect(checkPassword('abcd1234')).toBe('');
    expect(checkPassword('a1'.repeat(32))).toBe('');
  });
  it('rejects short, long, one-class and unchanged passwords', () => {
    expect(checkPassword('abc123')).not.toBe('');
    expect(checkPassword('a1'.repeat(33))).not.toBe('');
    expect(checkPassword('abcdefgh')).not.toBe('');
    expect(checkPassword('12345678')).not.toBe('');
    expect(checkPassword('abcd1234', 'abcd1234')).not.toBe('');
  });
});

describe('callback secrets', () => {
  it('requires 43 alphanumerics for the EncodingAESKey', () => {
    expect(checkEncodingAESKey('a'.repeat(43))).toBe('');
    expect(checkEncodingAESKey('a'.repeat(42))).not.toBe('');
    expect(checkEncodingAESKey('a'.repeat(42) + '+')).not.toBe('');
  });
  it('requires 3–32 alphanumerics for the token', () => {
    expect(checkCallbackToken('abc')).toBe('');
    expect(checkCallbackToken('ab')).not.toBe('');
    expect(checkCallbackToken('a-b-c')).not.toBe('');
  });
});

describe('checkUsername', () => {
  it('accepts 1–32 letters, digits and _ - . @', () => {
    expect(checkUsername('a')).toBe('');
    expect(checkUsername('ops_admin-1.x@corp')).toBe('');
    expect(checkUsername('a'.repeat(32))).toBe('');
    expect(checkUsername('管理员')).toBe('');
  });
  it('rejects empty, long and other characters', () => {
    expect(checkUsername('')).not.toBe('');
    expect(checkUsername('a'.repeat(33))).toBe('帐号需为 1–32 个字符');
    expect(checkUsername('a b')).not.toBe('');
    expect(checkUsername('admin!')).not.toBe('');
    expect(checkUsername('a/b')).not.toBe('');
  });
  it('counts bytes like the server', () => {
    expect(checkUsername('管'.repeat(10) + 'ab')).toBe('');
    expect(checkUsername('管'.repeat(11))).toMatch(/中文/);
  });
});
