import { useState } from 'react';
import { Alert, Dialog, Form, Input, Radio } from 'tdesign-react';
import { createRule, updateRule, type ForwardMode, type ForwardRule, type RuleKind } from '../../api/forward';
import { notifySuccess } from '../../components/notify';
import { useSubmit } from '../../hooks/useSubmit';
import { MODE_HELP, MODE_LABEL } from './labels';
import { emptyForm, formOf, NAME_MAX, toInput, validate, type RuleForm, type TargetKind } from './ruleForm';

const { FormItem } = Form;

/** Props of RuleDialog. */
export interface RuleDialogProps {
  kind: RuleKind;
  /** The rule to edit; undefined adds one. */
  rule?: ForwardRule;
  visible: boolean;
  onClose: () => void;
  /** After a successful save (the table reloads). */
  onSaved: () => void;
}

/** 添加规则 / 编辑规则: name, the push type it matches, the target and the delivery mode. */
export default function RuleDialog({ kind, rule, visible, onClose, onSaved }: RuleDialogProps) {
  const [f, setF] = useState<RuleForm>(emptyForm);
  // Problems show once the operator tried to save, so an empty new form is not all red.
  const [tried, setTried] = useState(false);
  const { busy, error, submit, clearError } = useSubmit();

  // Each opening starts from the rule (or empty) without the last error, adjusted while rendering.
  const opening = visible ? `open:${rule?.id ?? 'new'}` : '';
  const [opened, setOpened] = useState('');
  if (opening !== opened) {
    setOpened(opening);
    if (visible) {
      setF(rule ? formOf(rule) : emptyForm());
      setTried(false);
      clearError();
    }
  }

  const errors = validate(f, kind);
  const shown = (k: keyof RuleForm) => (tried ? errors[k] : undefined);
  const set = (patch: Partial<RuleForm>) => setF((old) => ({ ...old, ...patch }));
  const status = (k: keyof RuleForm) => (shown(k) ? ('error' as const) : undefined);

  const save = async () => {
    setTried(true);
    if (Object.keys(errors).length > 0) return;
    const body = toInput(f, kind, rule ? rule.open : 1);
    const ok = await submit(() => (rule ? updateRule({ ...body, id: rule.id }) : createRule(body)));
    if (ok) {
      notifySuccess(rule ? '规则已保存' : '规则已添加');
      onClose();
      onSaved();
    }
  };

  return (
    <Dialog
      header={rule ? '编辑规则' : '添加规则'}
      visible={visible}
      onClose={onClose}
      onConfirm={() => void save()}
      confirmBtn={{ content: '保存', loading: busy, tag: 'button' }}
      width={640}
      destroyOnClose
    >
      <div data-testid="rule-dialog">
        {error && <Alert theme="error" message={error} style={{ marginBottom: 12 }} data-testid="rule-error" />}
        <Form labelWidth={100} colon={false}>
          <FormItem label="规则名称" requiredMark status={status('name')} tips={shown('name')}>
            <div className="forward-field">
              <Input value={f.name} onChange={(v) => set({ name: String(v) })} placeholder={`最多 ${NAME_MAX} 个字`} data-testid="rule-name" />
            </div>
          </FormItem>
          {kind === 1 ? (
            <FormItem label="InfoType" requiredMark status={status('infoType')} tips={shown('infoType') ?? '完全匹配授权事件的 InfoType，例如 authorized、unauthorized'}>
              <div className="forward-field">
                <Input value={f.infoType} onChange={(v) => set({ infoType: String(v) })} placeholder="例如 authorized" data-testid="rule-infotype" />
              </div>
            </FormItem>
          ) : (
            <>
              <FormItem label="MsgType" requiredMark status={status('msgType')} tips={shown('msgType') ?? '完全匹配消息的 MsgType，例如 text、event'}>
                <div className="forward-field">
                  <Input value={f.msgType} onChange={(v) => set({ msgType: String(v) })} placeholder="例如 text" data-testid="rule-msgtype" />
                </div>
              </FormItem>
              <FormItem label="Event" tips="MsgType 为 event 时填写事件名，例如 subscribe；留空只匹配不带 Event 的推送">
                <div className="forward-field">
                  <Input value={f.event} onChange={(v) => set({ event: String(v) })} placeholder="可选" data-testid="rule-event" />
                </div>
              </FormItem>
            </>
          )}
          <FormItem label="转发目标">
            <div className="forward-field">
              <Radio.Group value={f.targetKind} onChange={(v) => set({ targetKind: v as TargetKind })} variant="default-filled" data-testid="rule-target-kind">
                <Radio.Button value="port">本机端口</Radio.Button>
                <Radio.Button value="url">完整 URL</Radio.Button>
              </Radio.Group>
            </div>
          </FormItem>
          {f.targetKind === 'port' ? (
            <>
              <FormItem label="端口" requiredMark status={status('port')} tips={shown('port') ?? '业务服务在本机（同一容器）监听的端口，1–65535'}>
                <div className="forward-field">
                  <Input
                    value={f.port}
                    onChange={(v) => set({ port: String(v) })}
                    placeholder="例如 8082"
                    data-testid="rule-port"
                  />
                </div>
              </FormItem>
              <FormItem label="目标路径" requiredMark status={status('path')} tips={shown('path') ?? '以 / 开头；$APPID$ 会替换为推送所属帐号的 AppID，例如 /wx/$APPID$/msg'}>
                <div className="forward-field">
                  <Input value={f.path} onChange={(v) => set({ path: String(v) })} placeholder="/wx/$APPID$/msg" data-testid="rule-path" />
                </div>
              </FormItem>
            </>
          ) : (
            <FormItem label="目标 URL" requiredMark status={status('url')} tips={shown('url') ?? '其他容器或主机上的业务服务，例如 https://biz.example.com/wx/$APPID$/msg'}>
              <div className="forward-field">
                <Input value={f.url} onChange={(v) => set({ url: String(v) })} placeholder="https://" data-testid="rule-url" />
              </div>
            </FormItem>
          )}
          <FormItem label="投递模式">
            <div>
              <div className="forward-field">
                <Radio.Group value={f.mode} onChange={(v) => set({ mode: v as ForwardMode })} data-testid="rule-mode">
                  <Radio value="sync">{MODE_LABEL.sync}</Radio>
                  <Radio value="async">{MODE_LABEL.async}</Radio>
                </Radio.Group>
              </div>
              <p className="muted forward-help" data-testid="rule-mode-help">{MODE_HELP[f.mode]}</p>
            </div>
          </FormItem>
        </Form>
      </div>
    </Dialog>
  );
}
