// Time helpers. The API sends unix seconds; the browser works in milliseconds,
// so every conversion happens here, explicitly.

const pad = (n: number) => String(n).padStart(2, '0');

/** Formats unix seconds as "YYYY-MM-DD HH:mm:ss" in local time; "-" for empty values. */
export function formatUnix(seconds: number | null | undefined): string {
  if (!seconds || !Number.isFinite(seconds)) return '-';
  const d = new Date(seconds * 1000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Formats a time value that may be unix seconds or an ISO/other string. */
export function formatTimeValue(v: number | string | null | undefined): string {
  if (typeof v === 'number') return formatUnix(v);
  if (!v) return '-';
  if (/^\d+$/.test(v)) return formatUnix(Number(v));
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? v : formatUnix(Math.floor(d.getTime() / 1000));
}

/** Describes a duration in seconds as Chinese words, e.g. "3 分钟" or "1 小时 5 分钟". */
export function durationInWords(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} 秒`;
  const days = Math.floor(s / 86400);
  const hours = Math.floor((s % 86400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) return hours > 0 ? `${days} 天 ${hours} 小时` : `${days} 天`;
  if (hours > 0) return minutes > 0 ? `${hours} 小时 ${minutes} 分钟` : `${hours} 小时`;
  return `${minutes} 分钟`;
}

/** "刚刚" for less than a minute, otherwise "<duration>前". */
export function ageInWords(seconds: number): string {
  return seconds < 60 ? '刚刚' : `${durationInWords(seconds)}前`;
}

/** Unix seconds of local midnight at the start of a "YYYY-MM-DD" day. */
export function dayStart(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Math.floor(new Date(y, m - 1, d, 0, 0, 0).getTime() / 1000);
}

/** Unix seconds of the last second (23:59:59 local) of a "YYYY-MM-DD" day. */
export function dayEnd(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Math.floor(new Date(y, m - 1, d, 23, 59, 59).getTime() / 1000);
}
