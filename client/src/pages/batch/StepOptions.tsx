import type { ReactNode } from 'react';
import { Input, InputNumber, Switch, Textarea } from 'tdesign-react';
import AuditItems from './AuditItems';
import Field from './Field';
import { MAX_CONCURRENCY, type StepProps, type WizardForm } from './wizard';

const DOMAIN_FIELDS: [keyof WizardForm['domains'], string][] = [
  ['requestdomain', 'request 合法域名'],
  ['wsrequestdomain', 'socket 合法域名'],
  ['uploaddomain', 'uploadFile 合法域名'],
  ['downloaddomain', 'downloadFile 合法域名'],
];

/** A titled section switched on and off; its body shows only when on. */
function Optional({ title, hint, on, onToggle, children }: { title: string; hint: string; on: boolean; onToggle: (v: boolean) => void; children: ReactNode }) {
  return (
    <div className="batch-section">
      <div className="batch-row">
        <Switch value={on} onChange={(v) => onToggle(Boolean(v))} aria-label={title} />
        <strong>{title}</strong>
        <span className="batch-muted">{hint}</span>
      </div>
      {on ? children : null}
    </div>
  );
}

const listArea = (value: string, set: (v: string) => void, placeholder: string) => (
  <Textarea className="batch-code" value={value} onChange={(v) => set(String(v))} placeholder={placeholder} autosize={{ minRows: 2, maxRows: 8 }} />
);

/** Optional settings applied before the commit: server domains, web-view domains, privacy guide. */
function Settings({ form, onChange }: StepProps) {
  return (
    <>
      <Optional title="设置服务器域名" hint="每行一个；会替换帐号现有的域名列表" on={form.setDomains} onToggle={(v) => onChange({ setDomains: v })}>
        <div>
          {DOMAIN_FIELDS.map(([k, label]) => (
            <Field key={k} label={label}>
              {listArea(form.domains[k], (v) => onChange({ domains: { ...form.domains, [k]: v } }), 'https://api.example.com')}
            </Field>
          ))}
        </div>
      </Optional>
      <Optional title="设置业务域名" hint="web-view 可打开的域名，每行一个；会替换现有列表" on={form.setWebview} onToggle={(v) => onChange({ setWebview: v })}>
        {listArea(form.webviewDomains, (v) => onChange({ webviewDomains: v }), 'https://h5.example.com')}
      </Optional>
      <Optional title="设置隐私保护指引" hint="提交审核前，代码用到的隐私接口须在指引中说明" on={form.setPrivacy} onToggle={(v) => onChange({ setPrivacy: v })}>
        <div>
          <Field label="告知方式" required>
            <Input value={form.noticeMethod} onChange={(v) => onChange({ noticeMethod: String(v) })} placeholder="例如：弹窗提示" />
          </Field>
          <Field label="联系电话">
            <Input value={form.contactPhone} onChange={(v) => onChange({ contactPhone: String(v) })} />
          </Field>
          <Field label="联系邮箱">
            <Input value={form.contactEmail} onChange={(v) => onChange({ contactEmail: String(v) })} />
          </Field>
          <Field label="存储期限">
            <Input value={form.storeExpireTimestamp} onChange={(v) => onChange({ storeExpireTimestamp: String(v) })} placeholder="留空为到用户删除为止" />
          </Field>
          <Field label="收集的信息" help="每行一项：接口名：用途，如 UserInfo：用于展示头像">
            {listArea(form.privacyItems, (v) => onChange({ privacyItems: v }), 'UserInfo：用于展示头像\nLocation：用于推荐附近门店')}
          </Field>
        </div>
      </Optional>
    </>
  );
}

/** Step 4 步骤与分批: optional settings, the audit fields, release and pacing. */
export default function StepOptions({ form, onChange }: StepProps) {
  const sample = form.appids[0] || form.previewAppid;
  return (
    <div data-testid="step-options">
      <Settings form={form} onChange={onChange} />
      <div className="batch-section">
        <h4>提审信息</h4>
        <AuditItems appid={sample} items={form.items} onChange={(items) => onChange({ items })} />
        <div style={{ marginTop: 12 }}>
          <Field label="版本说明">
            <Textarea value={form.versionDesc} onChange={(v) => onChange({ versionDesc: String(v) })} placeholder="给审核人员看的版本说明" autosize={{ minRows: 2 }} />
          </Field>
          <Field label="反馈内容">
            <Textarea value={form.feedbackInfo} onChange={(v) => onChange({ feedbackInfo: String(v) })} maxlength={200} placeholder="≤200 字" autosize={{ minRows: 2 }} />
          </Field>
        </div>
      </div>
      <div className="batch-section">
        <h4>发布与分批</h4>
        <div>
          <Field label="审核通过后自动发布" help={form.autoRelease ? '审核通过即发布上线' : '审核通过后在批量发布详情中点击「发布已通过」'}>
            <Switch value={form.autoRelease} onChange={(v) => onChange({ autoRelease: Boolean(v) })} aria-label="审核通过后自动发布" />
          </Field>
          <Field label="并发数" help={`同时处理的帐号数，1–${MAX_CONCURRENCY}`}>
            <InputNumber value={form.concurrency} min={1} max={MAX_CONCURRENCY} decimalPlaces={0} onChange={(v) => onChange({ concurrency: Number(v) })} data-testid="concurrency" />
          </Field>
          <Field label="灰度帐号数" help="先发布 N 个帐号作为灰度，全部通过后再继续；0 表示不分批">
            <InputNumber value={form.canarySize} min={0} decimalPlaces={0} onChange={(v) => onChange({ canarySize: Number(v) })} data-testid="canary" />
          </Field>
        </div>
      </div>
    </div>
  );
}
