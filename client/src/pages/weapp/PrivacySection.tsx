import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Tag } from 'tdesign-react';
import { errorText, getPrivacySetting, setPrivacySetting, type PrivacyInfo, type PrivacyOwnerSetting } from '../../api';
import { notifySuccess } from '../../components/notify';
import { useRequest } from '../../hooks/useRequest';
import { useSubmit } from '../../hooks/useSubmit';

const { FormItem } = Form;

const CONTACTS: { key: keyof PrivacyOwnerSetting; label: string }[] = [
  { key: 'contactEmail', label: '邮箱' },
  { key: 'contactPhone', label: '手机号' },
  { key: 'contactQq', label: 'QQ' },
  { key: 'contactWeixin', label: '微信号' },
];

/** The interfaces to explain: those the code uses, then any already explained; with their texts. */
function initialTexts(info: PrivacyInfo): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const k of info.privacyList ?? []) texts[k] = '';
  for (const s of info.settingList ?? []) texts[s.privacyKey] = s.privacyText;
  return texts;
}

/** Problems that make WeChat refuse the guide, in words. */
function privacyProblems(owner: PrivacyOwnerSetting, texts: Record<string, string>): string[] {
  const out: string[] = [];
  if (!owner.noticeMethod?.trim()) out.push('请填写告知方式');
  if (!CONTACTS.some((c) => owner[c.key]?.trim())) out.push('请至少填写一种联系方式');
  const empty = Object.entries(texts).filter(([, t]) => !t.trim()).map(([k]) => k);
  if (empty.length) out.push(`请说明用途：${empty.join('、')}`);
  return out;
}

function PrivacyForm({ appid, info }: { appid: string; info: PrivacyInfo }) {
  const [owner, setOwner] = useState<PrivacyOwnerSetting>({ noticeMethod: '', ...info.ownerSetting });
  const [texts, setTexts] = useState(() => initialTexts(info));
  const { busy, error, submit } = useSubmit();
  const problems = privacyProblems(owner, texts);
  const labels = Object.fromEntries((info.settingList ?? []).map((s) => [s.privacyKey, s.privacyLabel ?? '']));
  const descs = Object.fromEntries((info.privacyDesc?.privacyDescList ?? []).map((d) => [d.privacyKey, d.privacyDesc]));
  const save = () =>
    submit(async () => {
      const settingList = Object.entries(texts).map(([privacyKey, privacyText]) => ({ privacyKey, privacyText: privacyText.trim() }));
      await setPrivacySetting(appid, { privacyVer: 2, ownerSetting: owner, settingList });
      notifySuccess('隐私保护指引已保存');
    });
  return (
    <Form labelWidth={170} colon={false}>
      <FormItem label="告知方式" requiredMark>
        <Input value={owner.noticeMethod} onChange={(v) => setOwner({ ...owner, noticeMethod: String(v) })} placeholder="例如：弹窗提示" data-testid="privacy-notice" />
      </FormItem>
      {CONTACTS.map((c) => (
        <FormItem key={c.key} label={`联系${c.label}`}>
          <Input value={owner[c.key] ?? ''} onChange={(v) => setOwner({ ...owner, [c.key]: String(v) })} data-testid={`privacy-${c.key}`} />
        </FormItem>
      ))}
      {Object.keys(texts).map((k) => (
        <FormItem key={k} label={labels[k] || descs[k] || k}>
          <Input
            value={texts[k]}
            onChange={(v) => setTexts({ ...texts, [k]: String(v) })}
            placeholder={`说明收集「${descs[k] || labels[k] || k}」的用途`}
            data-testid={`privacy-text-${k}`}
          />
        </FormItem>
      ))}
      <FormItem>
        <div style={{ width: '100%' }}>
          {problems.length > 0 && <Alert theme="warning" message={problems.join('；')} style={{ marginBottom: 12 }} data-testid="privacy-problems" />}
          {error && <Alert theme="error" message={error} style={{ marginBottom: 12 }} />}
          <Button loading={busy} disabled={problems.length > 0} onClick={() => void save()} data-testid="privacy-save">保存隐私保护指引</Button>
        </div>
      </FormItem>
    </Form>
  );
}

/** 用户隐私保护指引 of the development version (privacyVer 2), which the next audit uses. */
export default function PrivacySection({ appid }: { appid: string }) {
  const p = useRequest(() => getPrivacySetting(appid, 2), [appid]);
  const used = p.data?.privacyList ?? [];
  return (
    <Card title="用户隐私保护指引" bordered>
      <p className="muted" style={{ marginTop: 0 }}>
        代码中用到的隐私接口都须说明用途，否则提交审核会被拒绝。此处编辑的是开发版本的指引，随下次发布生效。
      </p>
      {p.data && (
        <p data-testid="privacy-used">
          代码使用的隐私接口：{used.length ? used.map((k) => <Tag key={k} variant="light" style={{ marginRight: 4 }}>{k}</Tag>) : <span className="muted">无</span>}
        </p>
      )}
      {p.error ? <Alert theme="error" message={errorText(p.error)} /> : null}
      {p.data && <PrivacyForm appid={appid} info={p.data} />}
    </Card>
  );
}
