import { Alert } from 'tdesign-react';
import { errorText, type AuditQuota } from '../../api';
import type { RequestState } from '../../hooks/useRequest';

/** The platform's audit quota this month; none left means 提交审核 is refused by WeChat (errcode 85085). */
export default function AuditQuotaNote({ quota }: { quota: RequestState<AuditQuota> }) {
  if (quota.error) return <Alert theme="warning" message={`审核额度获取失败：${errorText(quota.error)}。仍可提交，额度不足时微信会拒绝。`} />;
  const q = quota.data;
  if (!q) return <span className="muted">正在查询…</span>;
  if (q.rest === 0) {
    return (
      <Alert
        theme="error"
        data-testid="audit-quota"
        message={`本月审核额度已用完（共 ${q.limit} 次），暂时无法提交审核。额度每月初恢复，也可在微信开放平台申请增加。`}
      />
    );
  }
  return (
    <span data-testid="audit-quota">
      本月剩余审核次数 <b>{q.rest}</b> / {q.limit}，剩余加急次数 {q.speedupRest} / {q.speedupLimit}。每次提交审核消耗一次。
    </span>
  );
}
