import { Alert, Card, Skeleton } from 'tdesign-react';
import { errorText, getSystemInfo } from '../../api';
import KeyValue from '../../components/KeyValue';
import { DB_LABEL, labelOf, MODE_LABEL } from '../../components/labels';
import { useRequest } from '../../hooks/useRequest';
import { formatTimeValue } from '../../utils/time';

/** "V 1.2.3" for release versions; other builds ("dev") as they are. */
function displayVersion(v?: string): string {
  if (!v) return '-';
  return /^v?\d/i.test(v) ? `V ${v.replace(/^v/i, '')}` : v;
}

/** Version and build details reported by the running service. */
export default function SystemVersionPage() {
  const { data, error, loading } = useRequest(getSystemInfo, []);
  return (
    <div data-testid="system-version">
    <Card title="系统版本" bordered={false}>
      {loading && !data ? (
        <Skeleton animation="gradient" />
      ) : error ? (
        <Alert theme="error" message={errorText(error)} />
      ) : (
        <div>
          <KeyValue label="当前版本" testId="system-version-version">
            <span style={{ fontSize: 18, fontWeight: 600 }}>{displayVersion(data?.version)}</span>
          </KeyValue>
          <KeyValue label="提交" testId="system-version-commit">
            <span className="mono">{data?.commit || '-'}</span>
          </KeyValue>
          <KeyValue label="构建时间" testId="system-version-build-time">
            {formatTimeValue(data?.buildTime)}
          </KeyValue>
          <KeyValue label="Go 版本">{data?.goVersion || '-'}</KeyValue>
          <KeyValue label="数据库">{labelOf(DB_LABEL, data?.db)}</KeyValue>
          <KeyValue label="消息接收模式">{labelOf(MODE_LABEL, data?.callbackMode)}</KeyValue>
          <KeyValue label="服务启动时间">{formatTimeValue(data?.startedAt)}</KeyValue>
        </div>
      )}
    </Card>
    </div>
  );
}
