import { useState } from 'react';
import { Button, Dialog } from 'tdesign-react';
import CopyButton from '../../components/CopyButton';

/** Pretty-prints JSON bodies; other text (XML) is shown as received. */
export function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** A one-line preview of a pushed body with a "查看" dialog for the full text. */
export default function PostBody({ body }: { body: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="post-body-cell">
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
