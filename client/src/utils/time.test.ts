import { describe, expect, it } from 'vitest';
import { ageInWords, dayEnd, dayStart, durationInWords, formatUnix } from './time';

describe('formatUnix', () => {
  it('treats the value as seconds', () => {
    const s = Math.floor(new Date(2024, 0, 2, 3, 4, 5).getTime() / 1000);
    expect(formatUnix(s)).toBe('2024-01-02 03:04:05');
  });
  it('shows a dash for empty values', () => {
    expect(formatUnix(0)).toBe('-');
    expect(formatUnix(undefined)).toBe('-');
  });
});

describe('day bounds', () => {
  it('covers the whole last day', () => {
    expect(dayEnd('2024-03-01') - dayStart('2024-03-01')).toBe(86399);
    expect(formatUnix(dayEnd('2024-03-01'))).toBe('2024-03-01 23:59:59');
  });
});

describe('durations', () => {
  it('reads naturally', () => {
    expect(durationInWords(5)).toBe('5 秒');
    expect(durationInWords(185)).toBe('3 分钟');
    expect(durationInWords(3900)).toBe('1 小时 5 分钟');
    expect(durationInWords(90000)).toBe('1 天 1 小时');
    expect(ageInWords(10)).toBe('刚刚');
    expect(ageInWords(600)).toBe('10 分钟前');
  });
});
