import { Card, Tabs } from 'tdesign-react';
import RuleTable from './RuleTable';
import './forward.css';

const { TabPanel } = Tabs;

/** 消息转发器: rules that forward WeChat's pushes to business services, with delivery logs and signing keys. */
export default function ForwardPage() {
  return (
    <div data-testid="forward-page">
      <Card bordered={false}>
        <Tabs defaultValue="component">
          <TabPanel value="component" label="授权事件" destroyOnHide={false}>
            <RuleTable kind={1} />
          </TabPanel>
          <TabPanel value="biz" label="普通消息与事件" destroyOnHide={false}>
            <RuleTable kind={2} />
          </TabPanel>
        </Tabs>
      </Card>
    </div>
  );
}
