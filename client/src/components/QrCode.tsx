import { useMemo } from 'react';
import { qrPath } from '../utils/qr';

/** A QR code of text drawn as SVG (crisp at any size, no canvas, no HTML injection). */
export default function QrCode({ text, size = 180, testId }: { text: string; size?: number; testId?: string }) {
  const { size: n, d } = useMemo(() => qrPath(text), [text]);
  const quiet = 4; // the quiet zone scanners need, in modules
  return (
    <svg
      width={size}
      height={size}
      viewBox={`${-quiet} ${-quiet} ${n + 2 * quiet} ${n + 2 * quiet}`}
      shapeRendering="crispEdges"
      role="img"
      aria-label="二维码"
      data-testid={testId}
      data-text={text}
    >
      <rect x={-quiet} y={-quiet} width={n + 2 * quiet} height={n + 2 * quiet} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
