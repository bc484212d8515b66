import { Button, MessagePlugin } from 'tdesign-react';
import { CopyIcon } from 'tdesign-icons-react';

/** Copies text to the clipboard; falls back to execCommand where the Clipboard API is unavailable (plain http). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall back below
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  return ok;
}

/** A "复制" button for one value. */
export default function CopyButton({ text, testId }: { text: string; testId?: string }) {
  const onClick = async () => {
    const ok = await copyText(text);
    void (ok ? MessagePlugin.success('已复制') : MessagePlugin.error('复制失败，请手动选择复制'));
  };
  return (
    <Button variant="text" theme="primary" icon={<CopyIcon />} disabled={!text} onClick={onClick} data-testid={testId}>
      复制
    </Button>
  );
}
