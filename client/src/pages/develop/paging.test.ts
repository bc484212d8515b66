import { describe, expect, it } from 'vitest';
import { currentCursor, firstPage, nextPage, pageNumber, prevPage, sizeText, totalText } from './paging';

describe('cursor paging', () => {
  it('goes forward with the server cursor and back through the cursors used', () => {
    let p = firstPage(15);
    expect(pageNumber(p)).toBe(1);
    expect(currentCursor(p)).toBe('');
    p = nextPage(p, '100_9');
    p = nextPage(p, '90_3');
    expect(pageNumber(p)).toBe(3);
    expect(currentCursor(p)).toBe('90_3');
    p = prevPage(p);
    expect(currentCursor(p)).toBe('100_9');
    p = prevPage(prevPage(p));
    expect(pageNumber(p)).toBe(1);
    expect(currentCursor(p)).toBe('');
  });

  it('stays on the last page when there is no next cursor', () => {
    const p = nextPage(firstPage(15), '5_1');
    expect(nextPage(p, '')).toBe(p);
    expect(nextPage(p, undefined)).toBe(p);
  });

  it('says 约 for an estimated total', () => {
    expect(totalText(12, true)).toBe('共 12 条');
    expect(totalText(12, undefined)).toBe('共 12 条');
    expect(totalText(1234567, false)).toBe('约 1,234,567 条');
  });

  it('writes sizes in binary units', () => {
    expect(sizeText(512)).toBe('512 B');
    expect(sizeText(1536)).toBe('1.5 KB');
    expect(sizeText(734003200)).toBe('700.0 MB');
  });
});
