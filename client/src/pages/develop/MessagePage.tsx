import { Card, Tabs } from 'tdesign-react';
import { getBizRecords, getComponentRecords, type BizRecord, type ComponentRecord } from '../../api';
import { formatUnix } from '../../utils/time';
import CallbackConfigBox from './CallbackConfigBox';
import PostBody from './PostBody';
import RecordsStats from './RecordsStats';
import RecordsTab from './RecordsTab';

const { TabPanel } = Tabs;

const receiveCol = { colKey: 'receiveTime', title: '推送时间', width: 180, cell: ({ row }: { row: { receiveTime: number } }) => formatUnix(row.receiveTime) };
const createCol = { colKey: 'createTime', title: '消息创建时间', width: 180, cell: ({ row }: { row: { createTime: number } }) => formatUnix(row.createTime) };
const bodyCol = {
  colKey: 'postBody',
  title: '推送内容',
  cell: ({ row }: { row: { postBody: string; flags?: string[] } }) => <PostBody body={row.postBody} flags={row.flags} />,
};

/** 第三方消息查看: where WeChat should push, and what it pushed. */
export default function MessagePage() {
  return (
    <div className="page-stack" data-testid="message-page">
      <Card title="消息接收配置" bordered={false}>
        <CallbackConfigBox />
      </Card>
      <Card bordered={false}>
        <RecordsStats />
        <Tabs defaultValue="component">
          <TabPanel value="component" label="授权事件" destroyOnHide={false}>
            <RecordsTab<ComponentRecord>
              testId="records-component"
              fields={[{ key: 'infoType', placeholder: 'InfoType' }]}
              load={(q, f) => getComponentRecords({ ...q, infoType: f.infoType })}
              columns={[receiveCol, createCol, { colKey: 'infoType', title: 'InfoType', width: 200 }, bodyCol]}
            />
          </TabPanel>
          <TabPanel value="biz" label="普通消息与事件" destroyOnHide={false}>
            <RecordsTab<BizRecord>
              testId="records-biz"
              fields={[
                { key: 'msgType', placeholder: 'MsgType' },
                { key: 'event', placeholder: 'Event' },
                { key: 'appid', placeholder: 'AppID' },
              ]}
              load={(q, f) => getBizRecords({ ...q, appid: f.appid, msgType: f.msgType, event: f.event })}
              columns={[
                receiveCol,
                { colKey: 'event', title: 'Event', width: 160 },
                { colKey: 'msgType', title: 'MsgType', width: 120 },
                { colKey: 'appid', title: 'AppID', width: 180 },
                bodyCol,
              ]}
            />
          </TabPanel>
        </Tabs>
      </Card>
    </div>
  );
}
