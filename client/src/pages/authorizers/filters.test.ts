import { describe, expect, it } from 'vitest';
import { INITIAL_FILTERS, isFiltered, toQuery } from './filters';

describe('toQuery', () => {
  it('turns the page into offset and limit and keeps the filters', () => {
    const q = toQuery({ appid: 'wx1', name: '店', appType: '1', status: 'revoked' }, { current: 3, pageSize: 15 });
    expect(q).toEqual({ offset: 30, limit: 15, appid: 'wx1', name: '店', appType: 1, status: 'revoked' });
  });

  it('asks for every type when none is chosen', () => {
    expect(toQuery(INITIAL_FILTERS, { current: 1, pageSize: 15 }).appType).toBe('');
  });
});

describe('isFiltered', () => {
  it('is false for the initial filters and true once anything differs', () => {
    expect(isFiltered(INITIAL_FILTERS)).toBe(false);
    expect(isFiltered({ ...INITIAL_FILTERS, name: 'x' })).toBe(true);
    expect(isFiltered({ ...INITIAL_FILTERS, status: '' })).toBe(true);
  });
});
