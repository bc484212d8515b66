import { useMemo, useState } from 'react';
import { Alert, BaseTable, Button, Card, Input, Link, MessagePlugin, Popconfirm, Radio, Tag, type BaseTableCol } from 'tdesign-react';
import { getComponentInfo, saveComponentInfo, type AuthLinkType, type ComponentInfo } from '../../api';
import { copyText } from '../../components/CopyButton';
import EditValueDialog from '../../components/EditValueDialog';
import KeyValue from '../../components/KeyValue';
import { notifyError, notifySuccess } from '../../components/notify';
import QrCode from '../../components/QrCode';
import { useRequest } from '../../hooks/useRequest';
import {
  AUTH_TYPE_OPTIONS,
  buildAuthLink,
  checkBizAppid,
  checkRedirectUrl,
  checkState,
  DEFAULT_AUTH_TYPE,
  isLocalOrigin,
  MAX_STATE_LENGTH,
} from './links';
import './manage.css';

/** 授权回调页配置: where merchants land after authorizing. */
function RedirectSection({ info, reload }: { info?: ComponentInfo; reload: () => void }) {
  const [editing, setEditing] = useState(false);
  const redirectUrl = info?.redirectUrl ?? '';
  const save = async (url: string) => {
    await saveComponentInfo({ name: info?.name ?? '', desc: info?.desc ?? '', redirectUrl: url });
    reload();
  };
  const remove = async () => {
    try {
      await save('');
      notifySuccess('已删除回调页配置');
    } catch (err) {
      notifyError(err);
    }
  };

  return (
    <div data-testid="redirect-config">
      <Card title="授权回调页配置" bordered={false}>
        <KeyValue label="第三方平台 AppID">
          {info?.appid ? <span className="mono">{info.appid}</span> : <Tag theme="warning" variant="light">未配置</Tag>}
        </KeyValue>
        <KeyValue
          label="回调页地址"
          testId="redirect-url-row"
          actions={
            <>
              <Button variant="text" theme="primary" onClick={() => setEditing(true)} disabled={!info} data-testid="redirect-url-edit">
                {redirectUrl ? '编辑' : '配置'}
              </Button>
              {redirectUrl && (
                <Popconfirm content="删除后，商家完成授权将停留在本系统的「授权成功」页面。确定删除？" onConfirm={() => void remove()}>
                  <Button variant="text" theme="danger" data-testid="redirect-url-delete">
                    删除
                  </Button>
                </Popconfirm>
              )}
            </>
          }
        >
          {redirectUrl ? (
            <span className="mono" data-testid="redirect-url-value">
              {redirectUrl}
            </span>
          ) : (
            <span className="muted" data-testid="redirect-url-value">
              未配置：商家完成授权后停留在本系统的「授权成功」页面
            </span>
          )}
        </KeyValue>
        <p className="muted" style={{ marginBottom: 0 }}>
          配置后，商家完成授权会跳转到该地址，并附带 <code>auth_code</code>、<code>expires_in</code> 和 <code>state</code>{' '}
          参数，你的业务系统可以据此识别是哪位客户完成了授权。本系统会先用授权码登记该帐号，业务系统无需再自行换取。
        </p>
        <EditValueDialog
          header="授权回调页地址"
          visible={editing}
          initial={redirectUrl}
          placeholder="https://example.com/wechat/authorized"
          hint="请输入以 http:// 或 https:// 开头的完整地址。"
          validate={checkRedirectUrl}
          onSave={async (v) => {
            await save(v);
            notifySuccess('回调页地址已保存');
          }}
          onClose={() => setEditing(false)}
          testId="redirect-url-dialog"
        />
      </Card>
    </div>
  );
}

interface LinkRow {
  type: AuthLinkType;
  label: string;
  hint: string;
  url: string;
}

const copyLink = async (url: string) => {
  const ok = await copyText(url);
  void (ok ? MessagePlugin.success('链接已复制') : MessagePlugin.error('复制失败，请手动选择链接复制'));
};

/** The link options and the resulting PC / H5 links with a QR code of the H5 one. */
function LinkSection({ info }: { info?: ComponentInfo }) {
  const [authType, setAuthType] = useState<string>(DEFAULT_AUTH_TYPE);
  const [bizAppid, setBizAppid] = useState('');
  const [state, setState] = useState('');
  const origin = window.location.origin;
  const bizError = checkBizAppid(bizAppid);
  const stateError = checkState(state);
  const valid = !bizError && !stateError;

  const rows: LinkRow[] = useMemo(() => {
    const o = { authType, bizAppid, state };
    return [
      { type: 'pc', label: 'PC 授权链接', hint: '在电脑浏览器中打开，由管理员用微信扫码确认', url: buildAuthLink(origin, 'pc', o) },
      { type: 'h5', label: 'H5 授权链接', hint: '在手机微信中打开（可发送到微信或扫描右侧二维码）', url: buildAuthLink(origin, 'h5', o) },
    ];
  }, [origin, authType, bizAppid, state]);

  const columns: BaseTableCol<LinkRow>[] = [
    {
      colKey: 'label',
      title: '链接类型',
      width: 220,
      cell: ({ row }) => (
        <div>
          <div>{row.label}</div>
          <div className="muted" style={{ fontSize: 12 }}>{row.hint}</div>
        </div>
      ),
    },
    {
      colKey: 'url',
      title: '链接',
      cell: ({ row }) => (
        <span className="mono" data-testid={`authlink-${row.type}`}>
          {valid ? row.url : '-'}
        </span>
      ),
    },
    {
      colKey: 'op',
      title: '操作',
      width: 190,
      cell: ({ row }) => (
        <>
          <Button variant="text" theme="primary" disabled={!valid} onClick={() => void copyLink(row.url)} data-testid={`authlink-${row.type}-copy`}>
            复制链接
          </Button>
          <Link theme="primary" href={valid ? row.url : undefined} target="_blank" disabled={!valid} style={{ marginLeft: 8 }}>
            打开
          </Link>
        </>
      ),
    },
  ];

  const h5 = rows[1].url;
  return (
    <div data-testid="link-generator">
      <Card title="生成授权链接" bordered={false}>
        {info && !info.appid && (
          <Alert
            theme="warning"
            style={{ marginBottom: 12 }}
            message="尚未配置第三方平台 AppID（环境变量 WX_APPID），商家打开授权链接时会看到错误提示。"
          />
        )}
        {isLocalOrigin(origin) && (
          <Alert
            theme="warning"
            style={{ marginBottom: 12 }}
            data-testid="link-local-origin"
            message={`当前通过本机地址（${new URL(origin).host}）访问控制台，生成的链接只能在本机打开。请通过公网域名访问控制台后再复制链接发给商家。`}
          />
        )}
        <KeyValue label="可授权的帐号类型">
          <div data-testid="link-auth-type">
            <Radio.Group value={authType} onChange={(v) => setAuthType(String(v))}>
              {AUTH_TYPE_OPTIONS.map((o) => (
                <Radio.Button key={o.value} value={o.value}>
                  {o.label}
                </Radio.Button>
              ))}
            </Radio.Group>
          </div>
        </KeyValue>
        <KeyValue label="指定帐号 AppID（可选）">
        <div className="link-option">
          <Input
            style={{ width: 320 }}
            value={bizAppid}
            onChange={(v) => setBizAppid(String(v))}
            placeholder="例如 wx570bc396a51b8ff8"
            status={bizError ? 'error' : 'default'}
            tips={bizError}
            clearable
            data-testid="link-biz-appid"
          />
          <span className="muted">只允许这一个公众号或小程序授权</span>
        </div>
      </KeyValue>
      <KeyValue label="业务标识 state（可选）">
        <div className="link-option">
          <Input
            style={{ width: 320 }}
            value={state}
            onChange={(v) => setState(String(v))}
            placeholder="例如客户编号 customer-1024"
            maxcharacter={MAX_STATE_LENGTH}
            status={stateError ? 'error' : 'default'}
            tips={stateError}
            clearable
            data-testid="link-state"
          />
          <span className="muted">区分这条链接发给了哪位客户：授权完成后随授权码回传给回调页，并记录在授权帐号上</span>
        </div>
      </KeyValue>
      <div className="authlink-grid">
          <BaseTable rowKey="type" data={rows} columns={columns} bordered tableLayout="fixed" />
          <div className="authlink-qr">
            {valid ? <QrCode text={h5} size={168} testId="authlink-h5-qr" /> : <div className="authlink-qr-empty">请先修正链接参数</div>}
            <div className="muted">微信扫码打开 H5 授权链接</div>
          </div>
        </div>
      </Card>
    </div>
  );
}

/** 授权链接生成器. */
export default function AuthPageManagePage() {
  const info = useRequest(getComponentInfo, []);
  const host = window.location.host;
  return (
    <div className="page-stack" data-testid="auth-page-manage">
      <Card bordered={false}>
        <Alert
          theme="info"
          title="如何让商家授权"
          message={
            <ol className="authlink-steps">
              <li>选择商家可以授权的帐号类型，按需指定帐号 AppID 或填写业务标识 state。</li>
              <li>把 PC 授权链接发给商家在电脑浏览器中打开，由公众号或小程序管理员用微信扫码确认；或把 H5 授权链接（二维码）发到手机微信中打开。</li>
              <li>商家确认授权后，帐号会出现在「授权帐号管理」中。</li>
              <li>
                链接可以反复使用：每次打开都会向微信申请新的预授权码。链接所在域名（当前为 <code>{host}</code>）须已配置为第三方平台的「授权发起页域名」。
              </li>
            </ol>
          }
        />
        {info.error ? <Alert theme="error" style={{ marginTop: 12 }} message="读取授权页配置失败，请刷新重试" /> : null}
      </Card>
      <RedirectSection info={info.data} reload={info.reload} />
      <LinkSection info={info.data} />
    </div>
  );
}
