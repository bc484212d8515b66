import { describe, expect, it } from 'vitest';
import { qrPath } from './qr';

describe('qrPath', () => {
  it('draws a QR code whose size grows with the text', () => {
    const short = qrPath('https://a.example.com/#/authorizeH5?authType=6');
    const long = qrPath(`https://a.example.com/#/authorizeH5?authType=6&state=${'x'.repeat(120)}`);
    expect((short.size - 17) % 4).toBe(0); // versions are 21, 25, 29, … modules wide
    expect(long.size).toBeGreaterThan(short.size);
    // The top-left finder pattern starts with a 7-module dark run.
    expect(short.d.startsWith('M0 0h7v1h-7z')).toBe(true);
  });
});
