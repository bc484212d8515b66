import { useState } from 'react';
import { Popup, Space, Tag } from 'tdesign-react';
import { funcLabel, parseFuncInfo } from './labels';

/** The account's head image, or its first character when there is none or it fails to load. */
export function AccountAvatar({ src, name }: { src: string; name: string }) {
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
