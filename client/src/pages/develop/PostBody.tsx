import { useState } from 'react';
import { Button, Dialog, Tag } from 'tdesign-react';
import CopyButton from '../../components/CopyButton';

/** Pretty-prints JSON bodies; other text (XML) is shown as received. */
export function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** Labels of the flags of a push stored raw (see the records API). */
const flagLabels: Record<string, { label: string; hint: string }> = {
  unparsed: { label: '未解析', hint: '签名校验通过但内容无法解析，已按原样保存，未做任何处理' },
  base64: { label: 'Base64', hint: '内容不是合法的 UTF-8，以 Base64 保存原始字节' },
};

/** A one-line preview of a pushed body with a "查看" dialog for the full text; a push stored
 * raw carries tags saying so. */
export default function PostBody({ body, flags }: { body: string; flags?: string[] }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="post-body-cell">
      {(flags ?? []).map((f) => (
        <span key={f} title={flagLabels[f]?.hint ?? f} data-testid={`post-body-flag-${f}`}>
          <Tag theme="warning" variant="light" size="small">
            {flagLabels[f]?.label ?? f}
          </Tag>
        </span>
      ))}
      <span className="post-body mono" title={body}>
        {body}
      </span>
      <Button variant="text" theme="primary" size="small" onClick={() => setOpen(true)}>
        查看
      </Button>
      <Dialog header="推送内容" visible={open} onClose={() => setOpen(false)} width={720} footer={<CopyButton text={body} />} destroyOnClose>
        <pre className="post-body-full mono">{prettyBody(body)}</pre>
      </Dialog>
    </div>
  );
}
