import { useNavigate } from 'react-router-dom';
import { Button, Card, Col, Row, Tag } from 'tdesign-react';
import { ChatIcon, CodeIcon, SecuredIcon } from 'tdesign-icons-react';
import ReleaseCheckCard from './ReleaseCheckCard';
import './develop.css';

const TOOLS = [
  {
    title: '消息推送查询工具',
    text: '查看微信推送到本服务的授权事件与普通消息、事件，核对消息接收地址的配置。',
    icon: <ChatIcon size="28px" />,
    path: '/developTools/message',
  },
  {
    title: '在线生成 Token 工具',
    text: '查看 component_verify_ticket，获取 component_access_token 和授权帐号的 authorizer_access_token。',
    icon: <SecuredIcon size="28px" />,
    path: '/developTools/token',
  },
  {
    title: '在线接口调试工具',
    text: '在控制台直接调用微信开放平台接口。',
    icon: <CodeIcon size="28px" />,
  },
];

/** 开发调试: entry cards to the debugging tools. */
export default function DevelopToolsPage() {
  const navigate = useNavigate();
  return (
    <Row gutter={[16, 16]} data-testid="develop-tools">
      {TOOLS.map((tool) => (
        <Col xs={12} md={4} key={tool.title}>
          <Card bordered={false} className="tool-card">
            <div className="tool-icon">{tool.icon}</div>
            <div className="tool-title">
              {tool.title} {!tool.path && <Tag variant="light">敬请期待</Tag>}
            </div>
            <div className="tool-text">{tool.text}</div>
            <Button theme="primary" variant="outline" disabled={!tool.path} onClick={() => tool.path && navigate(tool.path)}>
              {tool.path ? '立即使用' : '敬请期待'}
            </Button>
          </Card>
        </Col>
      ))}
      <Col xs={12} md={8}>
        <ReleaseCheckCard />
      </Col>
    </Row>
  );
}
