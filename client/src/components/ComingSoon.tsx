import { Card, Empty } from 'tdesign-react';
import { useLocation } from 'react-router-dom';
import { locate } from '../config/menu';

/** Empty state for pages whose backend is not available yet. */
export default function ComingSoon() {
  const where = locate(useLocation().pathname);
  const title = where?.child?.label ?? where?.page?.label ?? where?.group.label ?? '';
  return (
    <Card title={title} bordered={false}>
      <div data-testid="coming-soon" style={{ padding: '48px 0' }}>
        <Empty title="该功能将在后续版本提供" description="当前版本尚未开放此页面，敬请期待。" />
      </div>
    </Card>
  );
}
