import { describe, expect, it } from 'vitest';
import { dueReminders, reminderText } from '../components/Reminders';
import { makeT } from '../i18n';
import { formatBoth, formatLocal } from '../lib/time';
import { clampScale, LARGE_TEXT } from '../screens/Settings';
import type { ReminderView } from '../ipc';

describe('reminders banner', () => {
  const r = (id: number, due_at: string, done = false): ReminderView => ({ id, case_id: 'c1', due_at, kind: 'phone_opening', message: 'm', done });
  it('shows only undone reminders that are due', () => {
    const now = new Date('2024-05-21T09:00:00+08:00');
    const list = [r(1, '2024-05-21T09:00:00+08:00'), r(2, '2024-05-21T09:01:00+08:00'), r(3, '2024-05-20T18:00:00+08:00', true), r(4, 'bad')];
    expect(dueReminders(list, now).map((x) => x.id)).toEqual([1]);
  });
  it('says a known kind in the user\'s language, else the stored message', () => {
    const en = makeT('en');
    expect(reminderText(r(1, ''), en)).toBe(en('rem.phoneOpening'));
    expect(reminderText({ ...r(2, ''), kind: 'custom', message: 'call back' }, en)).toBe('call back');
  });
});

describe('text size', () => {
  it('clamps to 100%–160% in 10% steps', () => {
    expect(clampScale(0.8)).toBe(1);
    expect(clampScale(1.04)).toBe(1);
    expect(clampScale(1.26)).toBe(1.3);
    expect(clampScale(2)).toBe(1.6);
    expect(clampScale(NaN)).toBe(1);
    expect(LARGE_TEXT).toBe(1.4);
  });
});

describe('times to act on', () => {
  const zone = (bj: boolean, hm: string) => (bj ? ` [BJ ${hm}]` : ` [P ${hm}]`);
  const now = new Date('2026-12-03T00:00:00Z');
  it('add the platform time only when the user is elsewhere', () => {
    const at = '2026-12-04T09:00:00+08:00';
    // In Beijing: one time.
    expect(formatBoth(at, 'en', zone, now, 480)).toBe(formatLocal('2026-12-04T09:00', 'en', now));
    // In Los Angeles (UTC-8): their 17:00 the day before, with Beijing's 09:00 beside it.
    expect(formatBoth(at, 'en', zone, now, -480)).toBe('Dec 3, 17:00 [BJ 09:00]');
    // A platform in another zone is "platform time".
    expect(formatBoth('2026-12-04T09:00:00+09:00', 'zh-CN', zone, now, 480)).toBe('12月4日 08:00 [P 09:00]');
  });
});
