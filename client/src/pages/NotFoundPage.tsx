import { Button, Card, Empty } from 'tdesign-react';
import { useNavigate } from 'react-router-dom';
import { HOME_PATH } from '../config/menu';

/** Shown for console paths that do not exist. */
export default function NotFoundPage() {
  const navigate = useNavigate();
  return (
    <Card bordered={false}>
      <div style={{ padding: '48px 0' }}>
        <Empty
          title="页面不存在"
          action={
            <Button theme="primary" onClick={() => navigate(HOME_PATH)}>
              返回首页
            </Button>
          }
        />
      </div>
    </Card>
  );
}
