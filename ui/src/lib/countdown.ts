// Remaining time to a deadline, in words: "还剩 5 小时 12 分" / "已超时 3 小时" (and English).
import { translate, type Lang } from '../i18n';
import { parseTime } from './time';

export interface Countdown {
  text: string;
  overdue: boolean;
  /** Whole minutes left (negative when overdue). */
  minutes: number;
}

const MIN = 60_000;

/** `deadline` is RFC 3339; `now` is a Date or epoch milliseconds. `null` when the deadline is unusable. */
export function countdown(deadline: string | null | undefined, now: Date | number, lang: Lang): Countdown | null {
  const d = parseTime(deadline);
  if (!d) return null;
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const diff = d.getTime() - nowMs;
  const tr = (key: Parameters<typeof translate>[1], p: Record<string, number>) => translate(lang, key, p);
  if (diff >= 0) {
    const total = Math.floor(diff / MIN);
    const days = Math.floor(total / 1440);
    const hours = Math.floor((total % 1440) / 60);
    const mins = total % 60;
    let text: string;
    if (total < 1) text = tr('cd.left.lt1', {});
    else if (days > 0) text = tr('cd.left.dh', { d: days, h: hours });
    else if (hours > 0) text = tr('cd.left.hm', { h: hours, m: mins });
    else text = tr('cd.left.m', { m: mins });
    return { text, overdue: false, minutes: total };
  }
  const total = Math.floor(-diff / MIN);
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  let text: string;
  if (days > 0) text = tr('cd.over.dh', { d: days, h: hours });
  else if (hours > 0) text = tr('cd.over.h', { h: hours });
  else text = tr('cd.over.m', { m: Math.max(total, 1) });
  return { text, overdue: true, minutes: -total };
}
