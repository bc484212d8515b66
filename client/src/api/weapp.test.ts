// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { auditScreenshotUrl, getDevVersions, speedUpAudit, submitAudit, uploadMedia, type SubmitAuditBody } from './weapp';

function stubFetch(data: unknown = null) {
  const fetchMock = vi.fn(async (..._args: unknown[]) => new Response(JSON.stringify({ code: 0, errorMsg: 'OK', data })));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const call = (m: ReturnType<typeof stubFetch>) => {
  const [url, init] = m.mock.calls[0] as [string, RequestInit];
  return { url, init, headers: init.headers as Record<string, string> };
};

describe('code-management API', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('uploads media as multipart with the field "media", without a JSON content type', async () => {
    const m = stubFetch({ type: 'image', mediaId: 'm1', createdAt: 1 });
    const file = new File(['png'], 'shot.png', { type: 'image/png' });
    expect(await uploadMedia('wx1', 'image', file)).toEqual({ type: 'image', mediaId: 'm1', createdAt: 1 });
    const { url, init, headers } = call(m);
    expect(url).toBe('/wxcomponent/admin/upload-media?appid=wx1&type=image');
    expect(init.method).toBe('POST');
    expect(headers['Content-Type']).toBeUndefined();
    const form = init.body as FormData;
    expect((form.get('media') as File).name).toBe('shot.png');
  });

  it('sends submit-audit as camelCase JSON with the appid in the query', async () => {
    const m = stubFetch({ auditId: 42 });
    const body: SubmitAuditBody = {
      itemList: [],
      previewInfo: { videoIdList: [], picIdList: ['p1'] },
      versionDesc: 'v',
      feedbackInfo: '',
      feedbackStuff: 'a|b',
      ugcDeclare: { scene: [0], otherSceneDesc: '', method: [], hasAuditTeam: 0, auditDesc: '' },
    };
    expect(await submitAudit('wx1', body)).toEqual({ auditId: 42 });
    const { url, init, headers } = call(m);
    expect(url).toBe('/wxcomponent/admin/submit-audit?appid=wx1');
    expect(headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(init.body as string)).toEqual(body);
  });

  it('asks for a refresh only when told, and passes the auditId to speed-up', async () => {
    let m = stubFetch({});
    await getDevVersions('wx1');
    expect(call(m).url).toBe('/wxcomponent/admin/dev-versions?appid=wx1');
    m = stubFetch({});
    await getDevVersions('wx1', true);
    expect(call(m).url).toBe('/wxcomponent/admin/dev-versions?appid=wx1&refresh=1');
    m = stubFetch();
    await speedUpAudit('wx1', 7);
    expect(call(m).url).toBe('/wxcomponent/admin/speed-up-audit?appid=wx1&auditId=7');
    expect(auditScreenshotUrl('wx1', 'a b')).toBe('/wxcomponent/admin/audit-screenshot?appid=wx1&mediaId=a+b');
  });
});
