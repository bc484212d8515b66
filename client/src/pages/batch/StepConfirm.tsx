import KeyValue from '../../components/KeyValue';
import { parseVars } from './template';
import { STEP_LABEL } from './labels';
import Problems from './Problems';
import { accountsMissingVars, toSpec, type StepProps } from './wizard';

/** The account part of the summary: how many, and the first few by name. */
function accountsText(form: StepProps['form']): string {
  if (form.selectMode === 'all') {
    return form.nameFilter ? `全部名称包含「${form.nameFilter}」的代码管理小程序` : '全部有代码管理权限（权限集 18）的小程序';
  }
  const shown = form.appids.slice(0, 5).map((a) => form.nicknames[a] || a);
  return `${form.appids.length} 个：${shown.join('、')}${form.appids.length > 5 ? ' 等' : ''}`;
}

/** The steps every account runs, in words. */
function stepsText(spec: ReturnType<typeof toSpec>): string {
  const steps = [
    spec.domains && 'domain',
    spec.webviewDomains && 'webview',
    spec.privacy && 'privacy',
    'commit',
    'submit',
    'audit',
    spec.autoRelease && 'release',
  ].filter((s): s is string => Boolean(s));
  return steps.map((s) => STEP_LABEL[s]).join(' → ') + (spec.autoRelease ? '' : '（审核通过后等待手动发布）');
}

/** Step 5 确认: what will be sent, in words. */
export default function StepConfirm({ form }: StepProps) {
  const spec = toSpec(form);
  const vars = parseVars(form.variables);
  const items = spec.audit.itemList ?? [];
  return (
    <div data-testid="step-confirm">
      <Problems title="这些帐号缺少模板用到的变量，创建时将被拒绝：" problems={accountsMissingVars(form)} theme="warning" />
      <KeyValue label="批次名称">{spec.name}</KeyValue>
      <KeyValue label="代码模板">
        模板 ID {spec.templateId}（{form.template?.userVersion || '-'}）
      </KeyValue>
      <KeyValue label="版本号 / 描述">
        {spec.userVersion} / {spec.userDesc || '-'}
      </KeyValue>
      <KeyValue label="帐号">{accountsText(form)}</KeyValue>
      <KeyValue label="帐号变量">{Object.keys(vars.vars).length ? `${Object.keys(vars.vars).length} 个帐号：${vars.names.join('、')}` : '无'}</KeyValue>
      <KeyValue label="执行步骤">{stepsText(spec)}</KeyValue>
      {spec.domains ? <KeyValue label="服务器域名">{Object.values(spec.domains).flat().join('、') || '-'}</KeyValue> : null}
      {spec.webviewDomains ? <KeyValue label="业务域名">{spec.webviewDomains.join('、')}</KeyValue> : null}
      <KeyValue label="审核页面">{items.length ? items.map((i) => [i.address, i.title].filter(Boolean).join(' ') || [i.firstClass, i.secondClass].join('>')).join('；') : '不填'}</KeyValue>
      <KeyValue label="并发 / 灰度">
        同时处理 {spec.concurrency} 个帐号；{spec.canarySize > 0 ? `先发布 ${spec.canarySize} 个帐号作为灰度，全部通过后再继续` : '不分批'}
      </KeyValue>
      <KeyValue label="ext.json">
        <div className="batch-code">
          <pre>{spec.extJson || '(不传)'}</pre>
        </div>
      </KeyValue>
    </div>
  );
}
