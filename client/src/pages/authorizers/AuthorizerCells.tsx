import { useState } from 'react';
import { Popup, Space, Tag } from 'tdesign-react';
import type { AuthorizerStatus } from '../../api';
import { ACCOUNT_STATUS, funcLabel, label, parseFuncInfo } from './labels';

/** 已授权 / 已取消授权 as a tag. */
export function StatusTag({ status }: { status: AuthorizerStatus }) {
  return status === 'authorized' ? (
    <Tag theme="success" variant="light">已授权</Tag>
  ) : (
    <Tag theme="default" variant="light">已取消授权</Tag>
  );
}

/** WeChat's account status (1 正常, 18 已告警, ...) as a tag; "-" when WeChat gave none. */
export function AuthorizerStatusTag({ value }: { value: number }) {
  const theme = value === 1 ? 'success' : value === 18 ? 'warning' : value === 0 ? 'default' : 'danger';
  return value === 0 ? (
    <span className="muted">-</span>
  ) : (
    <Tag theme={theme} variant="light">{label(ACCOUNT_STATUS, value)}</Tag>
  );
}

/** The account's head image, or its first character when there is none or it fails to load. */
export function AuthorizerAvatar({ src, name }: { src: string; name: string }) {
  const [failed, setFailed] = useState(false);
  if (src && !failed) {
    // WeChat's image hosts refuse requests that carry another site's referrer.
    return <img className="account-avatar" src={src} alt="" referrerPolicy="no-referrer" onError={() => setFailed(true)} />;
  }
  return (
    <span className="account-avatar account-avatar-text" aria-hidden>
      {[...(name || '?')][0]}
    </span>
  );
}

/** How many permission-set tags fit in the cell before "+N". */
const SHOWN_FUNCS = 3;

/** Permission sets as "id name" tags; the rest behind "+N". */
export function FuncInfoCell({ funcInfo, testId }: { funcInfo: string; testId?: string }) {
  const ids = parseFuncInfo(funcInfo);
  if (ids.length === 0) return <span className="muted">-</span>;
  const tags = (list: number[]) =>
    list.map((id) => (
      <Tag key={id} size="small" variant="light" title={funcLabel(id)}>
        {funcLabel(id)}
      </Tag>
    ));
  const rest = ids.length - SHOWN_FUNCS;
  return (
    <div className="func-tags" data-testid={testId} data-ids={ids.join(',')}>
      {tags(ids.slice(0, SHOWN_FUNCS))}
      {rest > 0 && (
        <Popup
          trigger="hover"
          placement="left"
          showArrow
          content={
            <Space direction="vertical" size={4} style={{ padding: 8, maxHeight: 320, overflow: 'auto' }}>
              {tags(ids)}
            </Space>
          }
        >
          <Tag size="small" theme="primary" variant="outline" style={{ cursor: 'pointer' }}>
            +{rest}
          </Tag>
        </Popup>
      )}
    </div>
  );
}
