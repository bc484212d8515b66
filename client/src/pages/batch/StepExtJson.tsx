import { useMemo, useRef } from 'react';
import { Alert, Button, Select, Textarea } from 'tdesign-react';
import { getAuthorizers } from '../../api';
import { useRequest } from '../../hooks/useRequest';
import Field from './Field';
import Problems from './Problems';
import { parseVars, templateProblem, unknownVars } from './template';
import { usePreview } from './usePreview';
import type { StepProps } from './wizard';

const EXAMPLE = '{\n  "extEnable": true,\n  "extAppid": "{{appid}}",\n  "ext": {\n    "shopName": "{{nickname}}",\n    "shopId": "{{shopId}}"\n  }\n}';

/** The built-in variables, explained. */
function VariableHelp() {
  return (
    <Alert
      theme="info"
      message={
        <div>
          模板中的 <code>{'{{变量名}}'}</code> 会按帐号替换：<code>{'{{appid}}'}</code> 小程序 AppID，<code>{'{{nickname}}'}</code> 小程序名称，
          <code>{'{{principalName}}'}</code> 主体名称；其余变量取自下方的帐号变量。写在字符串外的变量会替换为带引号的字符串。
        </div>
      }
    />
  );
}

/** Step 2 配置 ext.json: the template, the per-account variables, and a server-rendered preview. */
export default function StepExtJson({ form, onChange }: StepProps) {
  const fileInput = useRef<HTMLInputElement>(null);
  const parsed = useMemo(() => parseVars(form.variables), [form.variables]);
  const accounts = useRequest(() => getAuthorizers({ offset: 0, limit: 20, appType: 0, funcInfo: 18, status: 'authorized' }), []);
  const options = useMemo(() => {
    const seen = new Map<string, string>();
    for (const appid of Object.keys(parsed.vars)) seen.set(appid, appid);
    for (const a of accounts.data?.records ?? []) seen.set(a.appid, `${a.nickName || '(未命名)'}（${a.appid}）`);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [parsed.vars, accounts.data]);
  const previewAppid = form.previewAppid || options[0]?.value || '';
  const preview = usePreview({ ...form, previewAppid });
  const problem = templateProblem(form.extJson);
  const missing = unknownVars(form.extJson, parsed);

  const upload = async (file: File | undefined) => {
    if (file) onChange({ variables: await file.text() });
    if (fileInput.current) fileInput.current.value = '';
  };

  return (
    <div className="batch-two-cols" data-testid="step-extjson">
      <div>
        <VariableHelp />
        <div style={{ marginTop: 12 }}>
          <Field top label="ext.json 模板" error={problem} help="留空则不传 ext_json">
            <Textarea
              className="batch-code"
              value={form.extJson}
              onChange={(v) => onChange({ extJson: String(v) })}
              placeholder={EXAMPLE}
              autosize={{ minRows: 10, maxRows: 24 }}
              data-testid="extjson-input"
            />
          </Field>
          <Field
            top
            label="帐号变量（可选）"
            error={parsed.error}
            help={
              Object.keys(parsed.vars).length
                ? `已读取 ${Object.keys(parsed.vars).length} 个帐号的变量：${parsed.names.join('、') || '(无)'}`
                : 'JSON（以 appid 为键，如 {"wx…": {"shopId": "12"}}）或 CSV（表头 appid,变量1,…）'
            }
          >
            <Textarea
              className="batch-code"
              value={form.variables}
              onChange={(v) => onChange({ variables: String(v) })}
              placeholder={'appid,shopId\nwx0123456789abcdef,12'}
              autosize={{ minRows: 4, maxRows: 12 }}
              data-testid="vars-input"
            />
          </Field>
          <Button variant="outline" onClick={() => fileInput.current?.click()}>
            上传 JSON / CSV 文件
          </Button>
          <input ref={fileInput} type="file" accept=".json,.csv,.txt" hidden data-testid="vars-file" onChange={(e) => void upload(e.target.files?.[0])} />
        </div>
        {missing.length ? <Alert theme="warning" style={{ marginTop: 12 }} message={`没有帐号提供这些变量：${missing.join('、')}（未提供的帐号将无法发布）`} /> : null}
      </div>
      <div>
        <h4 style={{ margin: '0 0 8px' }}>预览</h4>
        <Select
          value={previewAppid}
          onChange={(v) => onChange({ previewAppid: String(v ?? '') })}
          options={options}
          filterable
          creatable
          placeholder="选择或输入一个帐号的 AppID"
          style={{ marginBottom: 12 }}
        />
        <PreviewView form={form} appid={previewAppid} preview={preview} />
      </div>
    </div>
  );
}

function PreviewView({ form, appid, preview }: { form: StepProps['form']; appid: string; preview: ReturnType<typeof usePreview> }) {
  if (!form.extJson.trim()) return <div className="batch-muted">填写 ext.json 模板后在此查看某个帐号替换后的结果。</div>;
  if (!appid) return <div className="batch-muted">选择一个帐号以预览。</div>;
  return (
    <div className="batch-code" data-testid="preview" aria-busy={preview.loading}>
      {preview.loading ? <div className="batch-muted">正在生成预览…</div> : null}
      <Problems title={`帐号 ${appid} 无法生成 ext_json`} problems={preview.problems} theme="warning" />
      {preview.extJson !== undefined && !preview.problems.length ? <pre data-testid="preview-json">{pretty(preview.extJson)}</pre> : null}
    </div>
  );
}

/** Indents the rendered JSON for reading; shows it as it came when it does not parse. */
function pretty(s: string): string {
  try {
    return JSON.stringify(JSON.parse(s), null, 2);
  } catch {
    return s;
  }
}
