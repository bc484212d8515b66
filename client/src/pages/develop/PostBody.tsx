import { useState } from 'react';
import { Button, Drawer, Tag } from 'tdesign-react';
import CopyButton from '../../components/CopyButton';
import { formatBody } from './bodyFormat';

/** Labels of the flags of a push stored raw (see the records API). */
const flagLabels: Record<string, { label: string; hint: string }> = {
  unparsed: { label: '未解析', hint: '签名校验通过但内容无法解析，已按原样保存，未做任何处理' },
  base64: { label: 'Base64', hint: '内容不是合法的 UTF-8，以 Base64 保存原始字节' },
};

function Flags({ flags }: { flags?: string[] }) {
  return (
    <>
      {(flags ?? []).map((f) => (
        <span key={f} title={flagLabels[f]?.hint ?? f} data-testid={`post-body-flag-${f}`}>
          <Tag theme="warning" variant="light" size="small">
            {flagLabels[f]?.label ?? f}
          </Tag>
        </span>
      ))}
    </>
  );
}

/** A one-line preview of a pushed body with a "查看" drawer showing it formatted (XML/JSON
 * indented) with a copy button; a push stored raw carries tags saying so. */
export default function PostBody({ body, flags }: { body: string; flags?: string[] }) {
  const [open, setOpen] = useState(false);
  const formatted = open ? formatBody(body, flags) : '';
  return (
    <div className="post-body-cell">
      <Flags flags={flags} />
      <span className="post-body mono" title={body}>
        {body}
      </span>
      <Button variant="text" theme="primary" size="small" onClick={() => setOpen(true)}>
        查看
      </Button>
      <Drawer
        header="推送内容"
        visible={open}
        onClose={() => setOpen(false)}
        size="720px"
        destroyOnClose
        footer={<CopyButton text={formatted} testId="post-body-copy" />}
      >
        <div data-testid="post-body-detail">
          <div className="post-body-flags">
            <Flags flags={flags} />
          </div>
          <pre className="post-body-full mono">{formatted}</pre>
        </div>
      </Drawer>
    </div>
  );
}
