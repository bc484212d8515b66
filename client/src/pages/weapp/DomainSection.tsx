import { useState } from 'react';
import { Alert, Button, Card, Form, TagInput } from 'tdesign-react';
import { errorText, getServerDomains, getWebviewDomains, setServerDomains, setWebviewDomains, type ServerDomains } from '../../api';
import { notifySuccess } from '../../components/notify';
import { useRequest } from '../../hooks/useRequest';
import { useSubmit } from '../../hooks/useSubmit';
import { DOMAIN_KINDS, domainError, normalizeDomains } from './domains';

const { FormItem } = Form;

/** The server domains form, started from what WeChat has; 保存 replaces the lists (action "set"). */
function ServerDomainsForm({ appid, initial }: { appid: string; initial: ServerDomains }) {
  const [d, setD] = useState(initial);
  const { busy, error, submit } = useSubmit();
  const errors = DOMAIN_KINDS.map((k) => domainError(d[k.key] ?? [], k.scheme));
  const save = () =>
    submit(async () => {
      setD(normalizeDomains(await setServerDomains(appid, { action: 'set', ...d })));
      notifySuccess('服务器域名已保存');
    });
  return (
    <Form labelWidth={170} colon={false}>
      {DOMAIN_KINDS.map((k, i) => (
        <FormItem key={k.key} label={k.label} status={errors[i] ? 'error' : undefined} tips={errors[i]}>
          <div style={{ width: '100%' }} data-testid={`domain-${k.key}`}>
            <TagInput value={d[k.key] ?? []} onChange={(v) => setD({ ...d, [k.key]: v.map(String) })} placeholder={`${k.scheme}…，回车添加`} clearable />
          </div>
        </FormItem>
      ))}
      <FormItem>
        <div style={{ width: '100%' }}>
          {error && <Alert theme="error" message={error} style={{ marginBottom: 12 }} />}
          <Button loading={busy} disabled={errors.some(Boolean)} onClick={() => void save()} data-testid="domain-save">保存服务器域名</Button>
        </div>
      </FormItem>
    </Form>
  );
}

/** The web-view (业务域名) list; 保存 replaces it. */
function WebviewForm({ appid, initial }: { appid: string; initial: string[] }) {
  const [list, setList] = useState(initial);
  const { busy, error, submit } = useSubmit();
  const err = domainError(list, 'https://');
  const save = () =>
    submit(async () => {
      setList((await setWebviewDomains(appid, 'set', list)).webviewDomain ?? []);
      notifySuccess('业务域名已保存');
    });
  return (
    <Form labelWidth={170} colon={false}>
      <FormItem label="业务域名（web-view）" status={err ? 'error' : undefined} tips={err || '须先在第三方平台的业务域名中配置，且校验文件已放在域名根目录'}>
        <div style={{ width: '100%' }} data-testid="webview-domains">
          <TagInput value={list} onChange={(v) => setList(v.map(String))} placeholder="https://…，回车添加" clearable />
        </div>
      </FormItem>
      <FormItem>
        <div style={{ width: '100%' }}>
          {error && <Alert theme="error" message={error} style={{ marginBottom: 12 }} />}
          <Button loading={busy} disabled={!!err} onClick={() => void save()} data-testid="webview-save">保存业务域名</Button>
        </div>
      </FormItem>
    </Form>
  );
}

/** 服务器域名 and 业务域名 of one mini program, read from WeChat. */
export default function DomainSection({ appid }: { appid: string }) {
  const server = useRequest(() => getServerDomains(appid), [appid]);
  const webview = useRequest(() => getWebviewDomains(appid), [appid]);
  return (
    <Card title="服务器域名" bordered style={{ marginBottom: 16 }}>
      <p className="muted" style={{ marginTop: 0 }}>以下为微信当前保存的域名；保存会以此处的列表整体替换。每月修改次数有限。</p>
      {server.error ? <Alert theme="error" message={errorText(server.error)} style={{ marginBottom: 12 }} /> : null}
      {server.data && <ServerDomainsForm appid={appid} initial={normalizeDomains(server.data)} />}
      {webview.error ? <Alert theme="error" message={errorText(webview.error)} style={{ marginBottom: 12 }} /> : null}
      {webview.data && <WebviewForm appid={appid} initial={webview.data.webviewDomain ?? []} />}
    </Card>
  );
}
