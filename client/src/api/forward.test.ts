// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDeliveries, getRuleKey, getRules, replayDelivery, replayRule, rotateRuleKey } from './forward';

function stubFetch(data: unknown = null) {
  const fetchMock = vi.fn(async (..._args: unknown[]) => new Response(JSON.stringify({ code: 0, errorMsg: 'OK', data })));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const call = (m: ReturnType<typeof stubFetch>, i = 0) => {
  const [url, init] = m.mock.calls[i] as [string, RequestInit];
  return { url, method: init.method, body: init.body ? JSON.parse(String(init.body)) : undefined };
};

describe('forwarder API (FORWARD-API.md)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists one page of the rules of one kind', async () => {
    const m = stubFetch({ total: 0, rules: null });
    await getRules(2, 20, 20);
    expect(call(m)).toEqual({ url: '/wxcomponent/admin/callback-proxy-rule-list?type=2&offset=20&limit=20', method: 'GET', body: undefined });
  });

  it('pages deliveries by cursor: no beforeId on the first page, no status for 全部', async () => {
    const m = stubFetch({ records: [], nextBeforeId: 0 });
    await getDeliveries({ ruleId: 3, status: '', limit: 20 });
    await getDeliveries({ ruleId: 3, status: 'dead', beforeId: 41, limit: 20 });
    expect(call(m, 0).url).toBe('/wxcomponent/admin/callback-proxy-deliveries?ruleId=3&limit=20');
    expect(call(m, 1).url).toBe('/wxcomponent/admin/callback-proxy-deliveries?ruleId=3&status=dead&beforeId=41&limit=20');
  });

  it('replays one dead letter or all of a rule, and reveals or rotates the key', async () => {
    const m = stubFetch({ replayed: 1, key: 'k' });
    await replayDelivery(7);
    await replayRule(3);
    await getRuleKey(3, true);
    await getRuleKey(3);
    await rotateRuleKey(3);
    expect(call(m, 0)).toEqual({ url: '/wxcomponent/admin/callback-proxy-replay', method: 'POST', body: { id: 7 } });
    expect(call(m, 1)).toEqual({ url: '/wxcomponent/admin/callback-proxy-replay', method: 'POST', body: { ruleId: 3, all: true } });
    expect(call(m, 2).url).toBe('/wxcomponent/admin/callback-proxy-rule-key?id=3&reveal=true');
    expect(call(m, 3).url).toBe('/wxcomponent/admin/callback-proxy-rule-key?id=3');
    expect(call(m, 4)).toEqual({ url: '/wxcomponent/admin/callback-proxy-rule-key', method: 'POST', body: { id: 3 } });
  });
});
