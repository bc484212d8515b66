import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Radio, Textarea } from 'tdesign-react';
import { Link as RouterLink } from 'react-router-dom';
import { errorText, getAuditQuota, getCategories, getPageList, submitAudit } from '../../api';
import { useRequest } from '../../hooks/useRequest';
import { useSubmit } from '../../hooks/useSubmit';
import AuditItemsEditor from './AuditItemsEditor';
import AuditQuotaNote from './AuditQuotaNote';
import { buildSubmitBody, formProblems, initialForm, nextScenes, type AuditForm } from './auditForm';
import { UGC_METHODS, UGC_SCENES } from './labels';
import MediaUploader from './MediaUploader';
import { useAppid, WEAPP_PATHS, weappLink } from './useAppid';
import { NoAppid } from './VersionPage';
import './weapp.css';

const { FormItem } = Form;

/** 提交审核 of one 代开发小程序 (?appid=). */
export default function SubmitAuditPage() {
  const appid = useAppid();
  return appid ? <SubmitAuditForm key={appid} appid={appid} /> : <NoAppid testId="weapp-submit-audit" />;
}

/** The UGC declaration part of the form. */
function UgcFields({ f, set }: { f: AuditForm; set: (patch: Partial<AuditForm>) => void }) {
  const ugc = !f.scene.includes(0);
  return (
    <>
      <FormItem label="用户生成内容">
        <div data-testid="audit-ugc-scene">
          <Checkbox.Group value={f.scene} onChange={(v) => set({ scene: nextScenes(f.scene, v as number[]) })} options={UGC_SCENES} />
        </div>
      </FormItem>
      {ugc && f.scene.includes(5) && (
        <FormItem label="场景说明">
          <Textarea value={f.otherSceneDesc} onChange={(v) => set({ otherSceneDesc: String(v) })} placeholder="说明「其他」场景" maxlength={256} />
        </FormItem>
      )}
      {ugc && (
        <>
          <FormItem label="内容安全机制">
            <div data-testid="audit-ugc-method">
              <Checkbox.Group value={f.method} onChange={(v) => set({ method: v as number[] })} options={UGC_METHODS} />
            </div>
          </FormItem>
          <FormItem label="审核团队">
            <Radio.Group value={f.hasAuditTeam} onChange={(v) => set({ hasAuditTeam: Number(v) })}>
              <Radio value={0}>无</Radio>
              <Radio value={1}>有</Radio>
            </Radio.Group>
          </FormItem>
          <FormItem label="审核机制描述">
            <Textarea value={f.auditDesc} onChange={(v) => set({ auditDesc: String(v) })} placeholder="说明如何审核用户发布的内容" maxlength={256} />
          </FormItem>
        </>
      )}
    </>
  );
}

/** The form: what the reviewer needs to know, the quota, and the submission. */
function SubmitAuditForm({ appid }: { appid: string }) {
  const [f, setF] = useState<AuditForm>(initialForm);
  const [auditId, setAuditId] = useState<number>();
  const set = (patch: Partial<AuditForm>) => setF((old) => ({ ...old, ...patch }));
  const cats = useRequest(() => getCategories(appid), [appid]);
  const pages = useRequest(() => getPageList(appid), [appid]);
  const quota = useRequest(() => getAuditQuota(appid), [appid]);
  const { busy, error, submit } = useSubmit();
  const categories = cats.data?.categoryList ?? [];
  const problems = formProblems(f);
  const noQuota = quota.data?.rest === 0;

  const send = () =>
    submit(async () => {
      setAuditId((await submitAudit(appid, buildSubmitBody(f, categories))).auditId);
    });

  if (auditId !== undefined) {
    return (
      <div data-testid="weapp-submit-audit">
        <Card bordered={false}>
          <Alert theme="success" title="已提交审核" message={<span data-testid="audit-submitted">审核单 ID：<span className="mono">{auditId}</span>。审核结果会通过微信推送更新，也可在版本管理中刷新查看。</span>} />
          <div style={{ marginTop: 16 }}>
            <RouterLink className="weapp-link" to={weappLink(WEAPP_PATHS.versions, appid)}>返回版本管理</RouterLink>
          </div>
        </Card>
      </div>
    );
  }

  return (
    <div data-testid="weapp-submit-audit">
      <Card bordered={false}>
        <Alert
          theme="info"
          style={{ marginBottom: 16 }}
          message="提交后体验版本将进入微信审核。以下信息帮助审核人员了解小程序，均可留空；类目须为小程序已设置的类目。"
        />
        {[cats.error ? `类目获取失败：${errorText(cats.error)}` : '', pages.error ? `页面列表获取失败：${errorText(pages.error)}` : '']
          .filter(Boolean)
          .map((t) => <Alert key={t} theme="warning" message={t} style={{ marginBottom: 12 }} />)}
        <Form labelWidth={120} colon={false}>
          <FormItem label="页面与类目">
            <AuditItemsEditor items={f.items} onChange={(items) => set({ items })} categories={categories} pages={pages.data?.pageList ?? []} />
          </FormItem>
          <FormItem label="预览视频">
            <MediaUploader appid={appid} type="video" files={f.videos} onChange={(videos) => set({ videos })} max={1} maxMB={10} accept="video/mp4" testId="audit-videos" />
          </FormItem>
          <FormItem label="预览图片">
            <MediaUploader appid={appid} type="image" files={f.pictures} onChange={(pictures) => set({ pictures })} max={10} maxMB={5} accept="image/*" testId="audit-pictures" />
          </FormItem>
          <UgcFields f={f} set={set} />
          <FormItem label="版本描述">
            <Textarea value={f.versionDesc} onChange={(v) => set({ versionDesc: String(v) })} placeholder="本次提交的功能说明" maxlength={500} data-testid="audit-version-desc" />
          </FormItem>
          <FormItem label="反馈内容">
            <Textarea value={f.feedbackInfo} onChange={(v) => set({ feedbackInfo: String(v) })} placeholder="需要对审核人员说明的内容，如测试帐号" maxlength={200} />
          </FormItem>
          <FormItem label="反馈截图">
            <MediaUploader appid={appid} type="image" files={f.feedbackFiles} onChange={(feedbackFiles) => set({ feedbackFiles })} max={5} maxMB={5} accept="image/*" testId="audit-feedback" />
          </FormItem>
          <FormItem label="审核额度">
            <AuditQuotaNote quota={quota} />
          </FormItem>
          <FormItem>
            <div style={{ width: '100%' }}>
              {problems.length > 0 && <Alert theme="warning" message={problems.join('；')} style={{ marginBottom: 12 }} data-testid="audit-problems" />}
              {error && <Alert theme="error" message={error} style={{ marginBottom: 12 }} data-testid="audit-error" />}
              <Button theme="primary" loading={busy} disabled={noQuota || problems.length > 0} onClick={() => void send()} data-testid="audit-submit">
                提交审核
              </Button>
              <RouterLink className="weapp-link" to={weappLink(WEAPP_PATHS.versions, appid)}>取消</RouterLink>
            </div>
          </FormItem>
        </Form>
      </Card>
    </div>
  );
}
