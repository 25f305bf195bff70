import { beforeAll, describe, expect, it } from 'vitest';
import { loadLang, translate } from '../i18n';
import {
  badgeText, callbackPhase, canResume, deadlineInfo, helpdeskErrors, originOf, liveCountdown, newestFirst, orderPhase, problemInfo,
  promiseMinutes, unreadCount, withinMinutes,
} from './tracking';

const now = Date.parse('2024-05-20T14:30:00+08:00');


// English is a chunk of its own, loaded when chosen (the app does it before drawing).
beforeAll(() => loadLang('en'));
describe('live countdown (to the second)', () => {
  it('counts minutes and seconds under an hour', () => {
    const c = liveCountdown('2024-05-20T14:39:55+08:00', now, 'zh-CN')!;
    expect(c.text).toBe('还剩 9 分 55 秒');
    expect(c.overdue).toBe(false);
    expect(c.seconds).toBe(595);
    expect(liveCountdown('2024-05-20T14:39:55+08:00', now + 1000, 'zh-CN')!.text).toBe('还剩 9 分 54 秒');
    expect(liveCountdown('2024-05-20T14:30:05+08:00', now, 'en')!.text).toBe('0 min 05 s left');
  });
  it('goes negative and says overdue', () => {
    const c = liveCountdown('2024-05-20T14:27:53+08:00', now, 'zh-CN')!;
    expect(c).toEqual({ text: '已超时 2 分 07 秒', overdue: true, seconds: -127 });
    expect(liveCountdown('2024-05-20T14:27:53+08:00', now, 'en')!.text).toBe('2 min 07 s overdue');
  });
  it('falls back to hours and days for long waits', () => {
    expect(liveCountdown('2024-05-20T16:40:00+08:00', now, 'zh-CN')!.text).toBe('还剩 2 小时 10 分');
    expect(liveCountdown('2024-05-18T10:00:00+08:00', now, 'zh-CN')!.text).toBe('已超时 2 天 4 小时');
    expect(liveCountdown('garbage', now, 'zh-CN')).toBeNull();
  });
});

describe('callback phase', () => {
  const due = '2024-05-20T14:30:00+08:00';
  const over = '2024-05-20T14:40:00+08:00'; // as the backend sends it: due + the tracker's grace
  it('waiting, due until the backend\'s overdue_at of the promise, then overdue; done once logged', () => {
    expect(callbackPhase(due, over, now - 1000, null)).toBe('waiting');
    expect(callbackPhase(due, over, now, null)).toBe('due');
    expect(callbackPhase(due, over, now + 9 * 60_000 + 59_000, null)).toBe('due');
    expect(callbackPhase(due, over, now + 10 * 60_000, null)).toBe('overdue');
    expect(callbackPhase(due, over, now + 10 * 60_000, { code: 'called' })).toBe('done');
    // The grace is the backend's: a later overdue_at moves the phase with it.
    expect(callbackPhase(due, '2024-05-20T14:45:00+08:00', now + 12 * 60_000, null)).toBe('due');
  });
});

describe('callback promise', () => {
  it('fixed choices, the platform\'s (null), and a checked custom value', () => {
    expect(promiseMinutes('10m', '', 'min', 7 * 24 * 60)).toBe(10);
    expect(promiseMinutes('2h', 'x', 'min', 7 * 24 * 60)).toBe(120);
    expect(promiseMinutes('platform', '', 'min', 7 * 24 * 60)).toBeNull();
    expect(promiseMinutes('custom', '30', 'min', 7 * 24 * 60)).toBe(30);
    expect(promiseMinutes('custom', '1.5', 'h', 7 * 24 * 60)).toBe(90);
    expect(promiseMinutes('custom', '0', 'min', 7 * 24 * 60)).toBe('invalid');
    expect(promiseMinutes('custom', '169', 'h', 7 * 24 * 60)).toBe('invalid');
    expect(promiseMinutes('custom', '-5', 'min', 7 * 24 * 60)).toBe('invalid');
    expect(promiseMinutes('custom', '', 'min', 7 * 24 * 60)).toBe('invalid');
  });
});

describe('tickets', () => {
  it('sync problems name their fix', () => {
    expect(problemInfo('auth')).toEqual({ key: 'trk.problem.auth', fix: 'token' });
    expect(translate('zh-CN', problemInfo('auth')!.key)).toBe('登录信息失效，请重新填写');
    expect(problemInfo('not_found')!.fix).toBe('number');
    expect(problemInfo('invalid')!.fix).toBe('settings');
    expect(problemInfo('failing')!.fix).toBe('wait');
    expect(problemInfo('something_new')).toEqual({ key: 'trk.problem.failing', fix: 'wait' });
    expect(problemInfo(null)).toBeNull();
  });
});

describe('order watch', () => {
  const expected = '2024-05-20T14:30:00+08:00';
  it('is late once the expected time has passed without a confirmation', () => {
    expect(orderPhase('waiting', expected, now - 1)).toBe('waiting');
    expect(orderPhase('waiting', expected, now)).toBe('late');
    expect(orderPhase('late', expected, now - 60_000)).toBe('late');
    expect(orderPhase('delivered', expected, now + 60_000)).toBe('ended');
    expect(orderPhase('case_opened', expected, now + 60_000)).toBe('ended');
  });
  it('checks the minutes typed', () => {
    expect(withinMinutes(' 30 ')).toBe(30);
    expect(withinMinutes('0')).toBeNull();
    expect(withinMinutes('1.5')).toBeNull();
    expect(withinMinutes(String(30 * 24 * 60 + 1))).toBeNull();
  });
});

describe('notifications', () => {
  it('newest first, ties by id; counts unread; badge caps at 99+', () => {
    const list = [
      { id: 1, at: '2024-05-20T10:00:00+08:00', read: true },
      { id: 3, at: '2024-05-20T12:00:00+08:00', read: false },
      { id: 2, at: '2024-05-20T12:00:00+08:00', read: false },
      { id: 4, at: '2024-05-19T23:00:00Z', read: false }, // 07:00 +08:00 on the 20th
    ];
    expect(newestFirst(list).map((n) => n.id)).toEqual([3, 2, 1, 4]);
    expect(list.map((n) => n.id)).toEqual([1, 3, 2, 4]); // not mutated
    expect(unreadCount(list)).toBe(3);
    expect(badgeText(0)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(120)).toBe('99+');
  });
});

describe('deadlines', () => {
  const due = '2024-05-23T14:30:00+08:00';
  const warn = '2024-05-22T14:30:00+08:00';
  it('a ticket SLA: nothing to say, about to pass, then the 12315 hint', () => {
    expect(deadlineInfo('ticket_sla', due, warn, now)).toMatchObject({ hint: null, overdue: false, soon: false });
    expect(deadlineInfo('ticket_sla', due, warn, Date.parse(warn))).toMatchObject({ hint: 'trk.dl.sla_soon', soon: true });
    expect(deadlineInfo('ticket_sla', due, warn, Date.parse(due))).toMatchObject({ hint: 'trk.dl.sla_passed', overdue: true });
  });
  it('the recharge window has its own words', () => {
    expect(deadlineInfo('recharge_window', due, warn, Date.parse(due) + 1).hint).toBe('trk.dl.recharge_passed');
    expect(deadlineInfo('recharge_window', due, warn, now).label).toBe('trk.dl.recharge_window');
  });
});

describe('helpdesk form', () => {
  const base = { name: 'RT', kind: 'rt', url: 'https://rt.example.com', queue: 'General', email: '', token: 's3cret' };
  it('accepts a complete RT helpdesk', () => {
    expect(helpdeskErrors(base)).toEqual({});
  });
  it('names each missing or wrong field', () => {
    expect(helpdeskErrors({ ...base, name: ' ', url: 'ftp://x', queue: '', token: '' })).toEqual({
      name: 'hd.err.name', url: 'hd.err.url', queue: 'hd.err.queue', token: 'hd.err.token',
    });
    // Zendesk: without an e-mail the token is an OAuth token, with one an API token — both accepted.
    expect(helpdeskErrors({ ...base, kind: 'zendesk', queue: '' })).toEqual({});
    expect(helpdeskErrors({ ...base, kind: 'zendesk', queue: '', email: 'me@example.com' })).toEqual({});
    expect(helpdeskErrors({ ...base, email: 'not-an-address' }).email).toBe('hd.err.email');
  });
  it('offers to check again only a ticket that stopped, never a hand-tracked one', () => {
    for (const p of ['auth', 'not_found', 'invalid']) expect(canResume(p, false)).toBe(true);
    expect(canResume('auth', true)).toBe(false);
    expect(canResume('failing', false)).toBe(false);
    expect(canResume(null, false)).toBe(false);
  });
  it('a manual helpdesk needs neither address nor token', () => {
    expect(helpdeskErrors({ name: 'shop', kind: 'manual', url: '', queue: '', email: '', token: '' })).toEqual({});
  });
  it('a token already in the keychain need not be typed again', () => {
    expect(helpdeskErrors({ ...base, token: '' }, true)).toEqual({});
  });
  it('a saved token is bound to its origin: another host, port or scheme asks for it again', () => {
    const saved = 'https://rt.example.com';
    expect(helpdeskErrors({ ...base, token: '', url: 'https://rt.example.com:443/rt' }, true, saved)).toEqual({});
    for (const url of ['https://evil.example.com', 'https://rt.example.com:8443', 'http://rt.example.com']) {
      expect(helpdeskErrors({ ...base, token: '', url }, true, saved)).toEqual({ token: 'hd.err.tokenOrigin' });
    }
    expect(helpdeskErrors({ ...base, token: 'new', url: 'https://evil.example.com' }, true, saved)).toEqual({});
    expect(originOf('https://rt.example.com:443/x')).toBe('https://rt.example.com');
    expect(originOf('ftp://x')).toBeNull();
  });
});
