import { useState } from 'react';
import { Button, Card, Steps } from 'tdesign-react';
import { useNavigate } from 'react-router-dom';
import { createBatch, problemsOf } from '../../api/batch';
import { useSubmit } from '../../hooks/useSubmit';
import Problems from './Problems';
import StepAccounts from './StepAccounts';
import StepConfirm from './StepConfirm';
import StepExtJson from './StepExtJson';
import StepOptions from './StepOptions';
import StepTemplate from './StepTemplate';
import { DETAIL_PATH, LIST_PATH } from './paths';
import { INITIAL_FORM, STEPS, stepProblems, toRequest, type WizardForm } from './wizard';
import './batch.css';

const STEP_VIEWS = [StepTemplate, StepExtJson, StepAccounts, StepOptions, StepConfirm];

/** 新建批量发布: a five-step wizard ending in PUT /admin/batch-release, then the job's page. */
export default function BatchCreatePage() {
  const navigate = useNavigate();
  const [form, setForm] = useState<WizardForm>(INITIAL_FORM);
  const [step, setStep] = useState(0);
  // Problems of the current step, shown once the operator tries to go on.
  const [local, setLocal] = useState<string[]>([]);
  const [server, setServer] = useState<string[]>([]);
  const save = useSubmit();
  const onChange = (patch: Partial<WizardForm>) => setForm((f) => ({ ...f, ...patch }));
  const last = step === STEPS.length - 1;

  const go = (to: number) => {
    setLocal([]);
    setStep(to);
  };
  const next = () => {
    const p = stepProblems(form, step);
    if (p.length) return setLocal(p);
    go(step + 1);
  };
  const create = () =>
    save.submit(async () => {
      setServer([]);
      try {
        const { id } = await createBatch(toRequest(form));
        navigate(`${DETAIL_PATH}?id=${id}`);
      } catch (err) {
        setServer(problemsOf(err));
        throw err;
      }
    });

  const View = STEP_VIEWS[step];
  return (
    <div data-testid="batch-create">
      <Card bordered={false}>
        <div className="batch-steps">
          <Steps current={step} readOnly options={STEPS.map((title) => ({ title }))} />
        </div>
        <div className="batch-step-body">
          <View form={form} onChange={onChange} />
        </div>
        <Problems title="请先处理以下问题" problems={local} />
        {last && <Problems title="服务器未接受此批量发布" problems={server.length ? server : save.error ? [save.error] : []} />}
        <div className="batch-footer">
          {step > 0 ? <Button variant="outline" onClick={() => go(step - 1)} disabled={save.busy}>上一步</Button> : null}
          {last ? (
            <Button theme="primary" loading={save.busy} onClick={() => void create()}>
              创建并开始
            </Button>
          ) : (
            <Button theme="primary" onClick={next}>
              下一步
            </Button>
          )}
          <Button variant="text" onClick={() => navigate(LIST_PATH)} disabled={save.busy}>
            取消
          </Button>
        </div>
      </Card>
    </div>
  );
}
