import { useState } from 'react';
import { Alert, Button, Dialog, Form, Input, Select, Textarea } from 'tdesign-react';
import { commitCode, errorText, getTemplates, type Template } from '../../api';
import { notifySuccess } from '../../components/notify';
import { useRequest } from '../../hooks/useRequest';
import { useSubmit } from '../../hooks/useSubmit';
import { formatUnix } from '../../utils/time';
import { extJsonError, formatJson, userVersionError } from './versionLogic';

const { FormItem } = Form;

/** Props of CommitCodeDialog. */
export interface CommitCodeDialogProps {
  appid: string;
  visible: boolean;
  onClose: () => void;
  /** After a successful commit (the page reloads the versions). */
  onCommitted: () => void;
}

const templateLabel = (t: Template) =>
  `${t.templateId} · ${t.userVersion || '-'} · ${t.userDesc || '无描述'}${t.templateType === 1 ? '（标准模板）' : ''}（${formatUnix(t.createTime)}）`;

interface Fields {
  templateId: string;
  extJson: string;
  userVersion: string;
  userDesc: string;
}

const EMPTY: Fields = { templateId: '', extJson: '', userVersion: '', userDesc: '' };

/** 提交代码: uploads a template from the library as the mini program's experience version. */
export default function CommitCodeDialog({ appid, visible, onClose, onCommitted }: CommitCodeDialogProps) {
  const [f, setF] = useState<Fields>(EMPTY);
  const { busy, error, submit, clearError } = useSubmit();
  const templates = useRequest(() => (visible ? getTemplates() : Promise.resolve(undefined)), [visible]);

  // Each opening starts empty, without the last error (adjusted while rendering, as EditValueDialog).
  const [wasVisible, setWasVisible] = useState(false);
  if (visible !== wasVisible) {
    setWasVisible(visible);
    if (visible) {
      setF(EMPTY);
      clearError();
    }
  }

  const set = (patch: Partial<Fields>) => setF((old) => ({ ...old, ...patch }));
  const jsonErr = extJsonError(f.extJson);
  const versionErr = f.userVersion ? userVersionError(f.userVersion) : '';
  const ready = !!f.templateId && !jsonErr && !userVersionError(f.userVersion) && !!f.userDesc.trim();

  const save = async () => {
    if (!ready) return;
    const ok = await submit(() =>
      commitCode(appid, { templateId: f.templateId, extJson: f.extJson.trim(), userVersion: f.userVersion.trim(), userDesc: f.userDesc.trim() }),
    );
    if (ok) {
      notifySuccess('代码已提交，体验版本已更新');
      onClose();
      onCommitted();
    }
  };

  const list = templates.data?.templateList ?? [];
  return (
    <Dialog
      header="提交代码"
      visible={visible}
      onClose={onClose}
      onConfirm={() => void save()}
      confirmBtn={{ content: '提交', loading: busy, disabled: !ready, tag: 'button' }}
      width={720}
      destroyOnClose
      data-testid="commit-code-dialog"
    >
      <p className="muted" style={{ marginTop: 0 }}>
        提交后，该代码会成为小程序的体验版本；若已有体验版本将被替换。
      </p>
      {error && <Alert theme="error" message={error} style={{ marginBottom: 12 }} />}
      {templates.error ? <Alert theme="error" message={`模板列表获取失败：${errorText(templates.error)}`} style={{ marginBottom: 12 }} /> : null}
      <Form labelWidth={100} colon={false}>
        <FormItem label="代码模板" requiredMark>
          <div data-testid="commit-template" style={{ width: '100%' }}>
            <Select
              value={f.templateId}
              onChange={(v) => set({ templateId: String(v ?? '') })}
              loading={templates.loading}
              filterable
              placeholder={list.length || templates.loading ? '选择模板库中的模板' : '模板库为空，请先在「模板库」中添加'}
              options={list.map((t) => ({ label: templateLabel(t), value: String(t.templateId) }))}
            />
          </div>
        </FormItem>
        <FormItem label="ext.json" status={jsonErr ? 'error' : undefined} tips={jsonErr || '第三方自定义配置，可留空；须为 JSON 对象，例如 {"extAppid": "…", "ext": {…}}'}>
          <div style={{ width: '100%' }}>
            <Textarea
              className="weapp-json"
              value={f.extJson}
              onChange={(v) => set({ extJson: String(v) })}
              autosize={{ minRows: 5, maxRows: 14 }}
              placeholder='{"extAppid": "wx…", "ext": {}}'
              data-testid="commit-extjson"
            />
            <Button variant="text" size="small" disabled={!f.extJson.trim() || !!jsonErr} onClick={() => set({ extJson: formatJson(f.extJson) })}>
              格式化
            </Button>
          </div>
        </FormItem>
        <FormItem label="代码版本号" requiredMark status={versionErr ? 'error' : undefined} tips={versionErr}>
          <Input value={f.userVersion} onChange={(v) => set({ userVersion: String(v) })} placeholder="例如 1.0.0" data-testid="commit-version" />
        </FormItem>
        <FormItem label="版本描述" requiredMark>
          <Input value={f.userDesc} onChange={(v) => set({ userDesc: String(v) })} placeholder="本次提交的内容" data-testid="commit-desc" />
        </FormItem>
      </Form>
    </Dialog>
  );
}
