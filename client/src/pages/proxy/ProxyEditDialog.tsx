import { useState } from 'react';
import { Alert, Dialog, Form, Input, InputNumber, Radio } from 'tdesign-react';
import { localProxyUrl, type ProxyChange, type ProxyConfig } from '../../api';
import { useSubmit } from '../../hooks/useSubmit';

const { FormItem } = Form;

/** What the dialog edits. */
interface Draft {
  kind: 'port' | 'url';
  port?: number;
  url: string;
  path: string;
}

/** The dialog's draft of a stored configuration. */
export function draftOf(c?: ProxyConfig): Draft {
  const isUrl = !!c?.url && c.url !== localProxyUrl(c.port);
  return { kind: isUrl ? 'url' : 'port', port: c?.port || undefined, url: isUrl ? c!.url : '', path: c?.path ?? '' };
}

/** Client-side checks, the same rules the server applies (it also refuses this service's own ports). */
export function draftProblems(d: Draft): string {
  if (d.kind === 'port' && (!d.port || !Number.isInteger(d.port) || d.port < 1 || d.port > 65535)) return '端口须为 1-65535 的整数';
  if (d.kind === 'url' && !/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(d.url.trim())) return 'URL 须为 http(s)://主机[:端口][/路径]';
  if (d.path && !d.path.startsWith('/')) return '路径前缀须以 / 开头';
  if (/[?#]|\.\./.test(d.path)) return '路径前缀不能包含 ?、# 或 ..';
  return '';
}

/** The change a draft asks for, keeping the open state. */
export function changeOf(d: Draft, open: boolean): ProxyChange {
  return d.kind === 'url'
    ? { open, port: 0, path: d.path.trim(), url: d.url.trim() }
    : { open, port: d.port ?? 0, path: d.path.trim(), url: '' };
}

/** Edits the proxy target: a local port or a full URL, and a path prefix. */
export default function ProxyEditDialog(p: { visible: boolean; current?: ProxyConfig; onSave: (c: ProxyChange) => Promise<void>; onClose: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(p.current));
  const { busy, error, submit, clearError } = useSubmit();
  const [opened, setOpened] = useState(false);
  if (p.visible !== opened) {
    setOpened(p.visible);
    if (p.visible) {
      setDraft(draftOf(p.current));
      clearError();
    }
  }
  const problem = draftProblems(draft);
  const save = () =>
    void submit(async () => {
      await p.onSave(changeOf(draft, p.current?.open ?? false));
      p.onClose();
    });

  return (
    <Dialog
      header="编辑转发目标"
      visible={p.visible}
      onClose={p.onClose}
      onConfirm={save}
      confirmBtn={{ content: '保存', loading: busy, disabled: !!problem, tag: 'button' }}
      destroyOnClose
      width={560}
    >
      <div data-testid="proxy-dialog">
        {error && <Alert theme="error" message={error} style={{ marginBottom: 12 }} />}
        <Form labelWidth={100} colon>
          <FormItem label="目标类型">
            <Radio.Group value={draft.kind} onChange={(v) => setDraft({ ...draft, kind: v as Draft['kind'] })}>
              <Radio value="port">本机端口</Radio>
              <Radio value="url">完整 URL</Radio>
            </Radio.Group>
          </FormItem>
          {draft.kind === 'port' ? (
            <FormItem label="端口" help="业务服务在本机（同一容器）监听的端口，转发到 http://127.0.0.1:端口">
              <div data-testid="proxy-port">
                <InputNumber
                  theme="normal"
                  min={1}
                  max={65535}
                  value={draft.port}
                  placeholder="如 8082"
                  onChange={(v) => setDraft({ ...draft, port: v === undefined || v === null || v === '' ? undefined : Number(v) })}
                />
              </div>
            </FormItem>
          ) : (
            <FormItem label="URL" help="其他容器或主机上的业务服务，如 http://biz-service:3000">
              <Input value={draft.url} placeholder="http(s)://主机[:端口][/路径]" onChange={(v) => setDraft({ ...draft, url: String(v) })} data-testid="proxy-url" />
            </FormItem>
          )}
          <FormItem label="路径前缀" help="可选，加在被转发请求的路径之前，如 /api：/shop 转发为 /api/shop">
            <Input value={draft.path} placeholder="/（可留空）" onChange={(v) => setDraft({ ...draft, path: String(v) })} data-testid="proxy-path" />
          </FormItem>
        </Form>
        {problem && (
          <p className="form-problem" data-testid="proxy-problem">
            {problem}
          </p>
        )}
      </div>
    </Dialog>
  );
}
