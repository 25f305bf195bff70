import { beforeAll, describe, expect, it } from 'vitest';
import { countdown } from './countdown';
import { loadLang } from '../i18n';

const now = Date.parse('2024-05-20T14:30:00+08:00');


// English is a chunk of its own, loaded when chosen (the app does it before drawing).
beforeAll(() => loadLang('en'));
describe('countdown', () => {
  it('hours and minutes left', () => {
    const c = countdown('2024-05-20T19:42:00+08:00', now, 'zh-CN')!;
    expect(c.text).toBe('还剩 5 小时 12 分');
    expect(c.overdue).toBe(false);
    expect(c.minutes).toBe(312);
    expect(countdown('2024-05-20T19:42:00+08:00', now, 'en')!.text).toBe('5 h 12 min left');
  });
  it('minutes only under an hour, and under a minute', () => {
    expect(countdown('2024-05-20T15:05:00+08:00', now, 'zh-CN')!.text).toBe('还剩 35 分');
    expect(countdown('2024-05-20T14:30:30+08:00', now, 'zh-CN')!.text).toBe('还剩不到 1 分钟');
  });
  it('days and hours for long deadlines', () => {
    expect(countdown('2024-05-23T17:30:00+08:00', now, 'zh-CN')!.text).toBe('还剩 3 天 3 小时');
    expect(countdown('2024-05-23T17:30:00+08:00', now, 'en')!.text).toBe('3 d 3 h left');
  });
  it('overdue in hours, minutes and days', () => {
    const c = countdown('2024-05-20T11:20:00+08:00', now, 'zh-CN')!;
    expect(c.text).toBe('已超时 3 小时');
    expect(c.overdue).toBe(true);
    expect(c.minutes).toBe(-190);
    expect(countdown('2024-05-20T14:10:00+08:00', now, 'en')!.text).toBe('20 min overdue');
    expect(countdown('2024-05-18T10:00:00+08:00', now, 'zh-CN')!.text).toBe('已超时 2 天 4 小时');
  });
  it('works across time zones (RFC 3339 offsets)', () => {
    expect(countdown('2024-05-20T07:30:00Z', now, 'zh-CN')!.text).toBe('还剩 1 小时 0 分');
  });
  it('accepts a Date and rejects garbage', () => {
    expect(countdown('2024-05-20T15:30:00+08:00', new Date(now), 'en')!.text).toBe('1 h 0 min left');
    expect(countdown('not a date', now, 'zh-CN')).toBeNull();
    expect(countdown(null, now, 'zh-CN')).toBeNull();
  });
});
