import { Alert, Empty, Input, Loading, Tag } from 'tdesign-react';
import { errorText } from '../../api';
import { getTemplates, type CodeTemplate } from '../../api/batch';
import { useRequest } from '../../hooks/useRequest';
import { formatTimeValue } from '../../utils/time';
import Field from './Field';
import type { StepProps } from './wizard';

/** Step 1 选择模板: the platform's template library, then the version and description to commit. */
export default function StepTemplate({ form, onChange }: StepProps) {
  const list = useRequest(() => getTemplates(), []);
  const templates = list.data?.templateList ?? [];

  const pick = (t: CodeTemplate) => {
    const prev = form.template;
    // Fill version and description from the template unless the operator typed their own.
    const keepVersion = form.userVersion && form.userVersion !== prev?.userVersion;
    const keepDesc = form.userDesc && form.userDesc !== prev?.userDesc;
    onChange({
      template: t,
      userVersion: keepVersion ? form.userVersion : t.userVersion,
      userDesc: keepDesc ? form.userDesc : t.userDesc,
    });
  };

  return (
    <div data-testid="step-template">
      {list.error ? <Alert theme="error" message={`模板库读取失败：${errorText(list.error)}`} style={{ marginBottom: 12 }} /> : null}
      {list.loading && !list.data ? <Loading size="small" text="正在读取模板库…" /> : null}
      {list.data && !templates.length ? (
        <Empty title="模板库为空" description="请先在开发者工具上传代码到草稿箱，再在模板库中添加为模板。" />
      ) : null}
      {templates.length ? <h4 style={{ margin: '0 0 8px' }}>选择代码模板</h4> : null}
      <div className="batch-templates" role="list">
        {templates.map((t) => (
          <button
            key={t.templateId}
            type="button"
            role="listitem"
            className="batch-template"
            aria-pressed={form.template?.templateId === t.templateId}
            onClick={() => pick(t)}
            data-testid={`template-${t.templateId}`}
          >
            <div>
              <strong>{t.userVersion || '(无版本号)'}</strong> <span className="batch-muted">模板 ID {t.templateId}</span>{' '}
              {t.templateType === 1 ? <Tag size="small">标准模板</Tag> : null}
            </div>
            <div>{t.userDesc || '(无描述)'}</div>
            <div className="batch-muted">创建于 {formatTimeValue(t.createTime)}</div>
          </button>
        ))}
      </div>
      <div>
        <Field label="批次名称" help="便于在列表中辨认；不填则用「版本号 批量发布」">
          <Input value={form.name} onChange={(v) => onChange({ name: String(v) })} placeholder="例如：春季上新" maxlength={128} />
        </Field>
        <Field label="版本号" required>
          <Input value={form.userVersion} onChange={(v) => onChange({ userVersion: String(v) })} placeholder="例如：1.2.0" maxlength={64} />
        </Field>
        <Field label="版本描述">
          <Input value={form.userDesc} onChange={(v) => onChange({ userDesc: String(v) })} placeholder="提交代码时的版本描述" />
        </Field>
      </div>
    </div>
  );
}
