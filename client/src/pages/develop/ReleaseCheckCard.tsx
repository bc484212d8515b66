import { useState } from 'react';
import { Alert, Card, Popconfirm, Switch, Tag } from 'tdesign-react';
import { errorText, getReleaseCheck, setReleaseCheck } from '../../api';
import { notifyError, notifySuccess } from '../../components/notify';
import { useRequest } from '../../hooks/useRequest';

/** 全网发布检测: switches the responder for WeChat's automated go-live check. */
export default function ReleaseCheckCard() {
  const state = useRequest(getReleaseCheck, []);
  const [busy, setBusy] = useState(false);
  const enabled = state.data?.enabled ?? false;

  const toggle = async () => {
    setBusy(true);
    try {
      await setReleaseCheck(!enabled);
      notifySuccess(enabled ? '全网发布检测已关闭' : '全网发布检测已开启，所有实例将在数秒内生效');
      state.reload();
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="release-check">
      <Card bordered={false} className="tool-card" title="全网发布检测">
        <div className="tool-text">
          在开放平台点击「全网发布」前开启。开启后，本服务只对微信的测试帐号（公众号 <span className="mono">wx570bc396a51b8ff8</span>、小程序{' '}
          <span className="mono">wxd101a85aa106f53e</span>）自动应答：文本 <code>TESTCOMPONENT_MSG_TYPE_TEXT</code> 回复{' '}
          <code>TESTCOMPONENT_MSG_TYPE_TEXT_callback</code>；<code>QUERY_AUTH_CODE:…</code> 先回空，再用该授权码换取令牌并发送客服消息{' '}
          <code>…_from_api</code>；事件回复 <code>事件名from_callback</code>。其他帐号不受影响。检测通过后可以关闭。
        </div>
        {state.error ? (
          <Alert theme="error" message={errorText(state.error)} />
        ) : (
          <div className="release-check-switch">
            <Popconfirm content={enabled ? '确定关闭全网发布检测应答？' : '确定开启全网发布检测应答？'} onConfirm={() => void toggle()}>
              <span>
                <Switch value={enabled} loading={busy || state.loading} data-testid="release-check-switch" />
              </span>
            </Popconfirm>
            <span data-testid="release-check-state">
              {enabled ? <Tag theme="success" variant="light">已开启</Tag> : <Tag variant="light">已关闭（默认）</Tag>}
            </span>
          </div>
        )}
      </Card>
    </div>
  );
}
