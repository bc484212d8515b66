// QR codes as SVG path data, from qrcode-generator's module matrix.
import qrcode from 'qrcode-generator';

/** Dark modules of a QR code as one SVG path (one unit per module), plus the module count. */
export function qrPath(text: string): { size: number; d: string } {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const size = qr.getModuleCount();
  let d = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!qr.isDark(y, x)) continue;
      // Merge a horizontal run of dark modules into one rectangle.
      let run = 1;
      while (x + run < size && qr.isDark(y, x + run)) run++;
      d += `M${x} ${y}h${run}v1h-${run}z`;
      x += run - 1;
    }
  }
  return { size, d };
}
