// Time helpers between RFC 3339 (the engine), the `<input type="datetime-local">` value
// (`YYYY-MM-DDTHH:MM`, local wall time) and display text. Local = the machine's time zone.
import type { Lang } from '../i18n';

const pad = (n: number) => String(n).padStart(2, '0');

/** Parses RFC 3339 (or the form's `YYYY-MM-DDTHH:MM`, read as local time). `null` when unusable. */
export function parseTime(s: string | null | undefined): Date | null {
  if (!s) return null;
  const v = s.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(v);
  if (m) {
    const d = new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], m[6] ? +m[6] : 0);
    return isNaN(d.getTime()) ? null : d;
  }
  const ms = Date.parse(v);
  return isNaN(ms) ? null : new Date(ms);
}

/** A Date as a datetime-local value, local wall time: `2024-05-20T14:30`. */
export function dateToLocalInput(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value → RFC 3339 with the machine's offset, e.g. `2024-05-20T14:30:00+08:00`. */
export function fromLocalInput(value: string): string {
  const d = parseTime(value);
  if (!d) return '';
  return toRfc3339(d);
}

/** A Date → RFC 3339 with the local offset (seconds precision). */
export function toRfc3339(d: Date): string {
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const a = Math.abs(off);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`
  );
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Local display: `5月20日 14:30` (`2023年5月20日 14:30` in another year than `now`);
 * English `May 20, 14:30` / `May 20 2023, 14:30`. Unusable input is returned as is.
 */
export function formatLocal(s: string | null | undefined, lang: Lang, now: Date = new Date()): string {
  const d = parseTime(s);
  if (!d) return s ?? '';
  const sameYear = d.getFullYear() === now.getFullYear();
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (lang === 'en') {
    return `${EN_MONTHS[d.getMonth()]} ${d.getDate()}${sameYear ? '' : ' ' + d.getFullYear()}, ${hm}`;
  }
  return `${sameYear ? '' : d.getFullYear() + '年'}${d.getMonth() + 1}月${d.getDate()}日 ${hm}`;
}

/**
 * The value for a datetime-local input from a stored time: `YYYY-MM-DDTHH:MM` as is, or the wall-clock
 * part of an RFC 3339 string (the engine reads form times in the platform's zone, so keep its clock time).
 */
export function asInputValue(s: string | null | undefined): string {
  if (!s) return '';
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(s.trim());
  return m ? `${m[1]}T${m[2]}` : '';
}

/**
 * A time the user must act on (a line opening, a deadline): local display, and when the engine's
 * time carries another offset than this machine's (a user abroad), the platform's wall time beside
 * it, worded by `zone` (`（北京时间 09:00）`). `localOffsetMin` (minutes east of UTC) is for tests.
 */
export function formatBoth(
  s: string | null | undefined,
  lang: Lang,
  zone: (beijing: boolean, hm: string) => string,
  now: Date = new Date(),
  localOffsetMin?: number,
): string {
  const d = parseTime(s);
  const m = s ? /([+-])(\d{2}):(\d{2})$/.exec(s.trim()) : null;
  if (!d || !m) return formatLocal(s, lang, now);
  const platformMin = (m[1] === '-' ? -1 : 1) * (+m[2] * 60 + +m[3]);
  const local = localOffsetMin ?? -d.getTimezoneOffset();
  // The local wall time (shifted when a test gives another offset than the machine's).
  const shown = localOffsetMin === undefined ? d : new Date(d.getTime() + (local + d.getTimezoneOffset()) * 60_000);
  if (platformMin === local) return formatLocal(dateToLocalInput(shown), lang, now);
  const there = new Date(d.getTime() + platformMin * 60_000);
  const hm = `${pad(there.getUTCHours())}:${pad(there.getUTCMinutes())}`;
  return `${formatLocal(dateToLocalInput(shown), lang, now)}${zone(platformMin === 480, hm)}`;
}
