import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Col, Row, Skeleton, Tag } from 'tdesign-react';
import { errorText, getSystemInfo } from '../../api';
import { DB_LABEL, labelOf, MODE_LABEL } from '../../components/labels';
import { useRequest } from '../../hooks/useRequest';
import './home.css';

const STEPS = [
  {
    title: '获取商家授权',
    text: '生成授权链接发给商家，商家扫码完成授权后即可代其管理公众号或小程序。',
    action: '去生成授权链接',
    path: '/authPageManage',
  },
  {
    title: '管理授权帐号',
    text: '查看已授权的公众号、小程序及其权限与状态，同步授权帐号，获取调用凭证。',
    action: '去管理授权帐号',
    path: '/authorizedAccountManage',
  },
  {
    title: '二次开发与系统对接',
    text: '查看 ticket 与令牌，以及微信推送的授权事件和消息，便于对接自己的业务服务。',
    action: '去开发调试',
    path: '/developTools',
  },
];

/** Features with a menu entry but no backend yet; the home page must not present them as available. */
const UPCOMING = [
  { title: '代理配置', text: '把未匹配的请求反向代理到自己的业务服务。' },
  { title: '消息转发器', text: '把微信推送的消息与事件转发给自己的业务服务。' },
];

/** Dashboard: what is running, and the three steps to get started. */
export default function HomePage() {
  const navigate = useNavigate();
  const info = useRequest(getSystemInfo, []);
  const d = info.data;

  return (
    <div className="page-stack">
      <Alert
        theme="info"
        message="服务商微管家帮助微信开放平台第三方平台服务商接收授权事件、管理授权帐号和调用凭证。首次使用请先在「Secret与密码管理」中确认 AppSecret 与消息校验配置。"
      />
      <Card title="运行概况" bordered={false}>
        {info.loading && !d ? (
          <Skeleton animation="gradient" />
        ) : info.error ? (
          <Alert theme="error" message={errorText(info.error)} />
        ) : (
          <Row gutter={[16, 16]}>
            <Col xs={6} md={3}>
              <div className="stat-label">系统版本</div>
              <div className="stat-value" data-testid="home-version">{d?.version || '-'}</div>
            </Col>
            <Col xs={6} md={3}>
              <div className="stat-label">数据库</div>
              <div className="stat-value">{labelOf(DB_LABEL, d?.db)}</div>
            </Col>
            <Col xs={6} md={3}>
              <div className="stat-label">消息接收模式</div>
              <div className="stat-value">
                <Tag theme={d?.callbackMode === 'standard' ? 'primary' : 'success'} variant="light">
                  {labelOf(MODE_LABEL, d?.callbackMode)}
                </Tag>
              </div>
            </Col>
            <Col xs={6} md={3}>
              <div className="stat-label">第三方平台 AppID</div>
              <div className="stat-value mono">{d?.appid || '未配置'}</div>
            </Col>
          </Row>
        )}
      </Card>
      <Card title="快速开始" bordered={false}>
        <Row gutter={[16, 16]}>
          {STEPS.map((step, i) => (
            <Col xs={12} md={4} key={step.path}>
              <div className="step-card">
                <div className="step-index">{i + 1}</div>
                <div className="step-title">{step.title}</div>
                <div className="step-text">{step.text}</div>
                <Button variant="outline" theme="primary" onClick={() => navigate(step.path)}>
                  {step.action}
                </Button>
              </div>
            </Col>
          ))}
        </Row>
      </Card>
      <div data-testid="home-upcoming">
        <Card title="即将推出" bordered={false}>
          <p className="muted" style={{ marginTop: 0 }}>以下功能已在菜单中预留，将在后续版本提供。</p>
          <Row gutter={[16, 16]}>
            {UPCOMING.map((item) => (
              <Col xs={12} md={6} key={item.title}>
                <div className="step-card upcoming-card">
                  <div className="step-title">
                    {item.title} <Tag size="small" theme="warning" variant="light">即将推出</Tag>
                  </div>
                  <div className="step-text">{item.text}</div>
                </div>
              </Col>
            ))}
          </Row>
        </Card>
      </div>
    </div>
  );
}
