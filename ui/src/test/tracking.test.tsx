// @vitest-environment happy-dom
// Tracking through the real components with the in-memory fake API: submitting a ticket through a
// helpdesk and seeing its sync problem with the fix, recording a ticket by hand and setting its status,
// callbacks with a live countdown, overdue and the outcome, an order watch that is late opening a
// pre-filled case, the notification list (read/unread, click opens the case, all read, server text as
// text), the hint left when the window first goes to the tray, and the settings (which kinds reach
// the desktop; adding a helpdesk, whose token field is emptied).
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../app';
import { fakeApi, type FakeApi } from '../ipc/fake';
import { emptyIntake } from '../lib/wizard';
import { dateToLocalInput } from '../lib/time';
import { zhCN } from '../i18n/zh-CN';
import { en } from '../i18n/en';
import { translate } from '../i18n';
import { $, $$, choose, click, mount, root, screen, type, unmount, until, wait } from './dom';

/** A countdown text of `key` as a pattern: its parameters replaced by the given regex parts. */
const cd = (key: 'trk.cd.left.ms' | 'trk.cd.over.ms' | 'cd.left.dh' | 'cd.over.h' | 'cd.over.dh', parts: Record<string, string>, whole = true) => {
  const re = zhCN[key].replace(/\{(\w+)\}/g, (_m, k: string) => parts[k] ?? '\\d+');
  return new RegExp(`^${re}${whole ? '$' : ''}`);
};
const escape = async (el: HTMLElement) => {
  el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
  await wait();
};

async function start(api: FakeApi) {
  render(<App api={api} />, root);
  await until(() => screen() === 'cases');
}
async function openCase(api: FakeApi, product = 'Game card') {
  const d = await api.caseCreate({ ...emptyIntake(), order_id: '20240520001', product });
  await start(api);
  await until(() => $('case-item') !== null);
  await click('case-item');
  await until(() => $('follow-up') !== null && $('fu-create') !== null);
  return d.summary.id;
}

describe('tracking', () => {
  let api: FakeApi;
  beforeEach(() => {
    mount();
    api = fakeApi();
  });
  afterEach(() => {
    unmount();
  });

  it('submits a ticket with its evidence, then shows a sync problem with the way to fix it', async () => {
    // Without a helpdesk the form says where to add one.
    await openCase(api);
    await click('fu-create');
    expect($('fu-no-helpdesk')!.textContent).toContain(zhCN['trk.create.noHelpdesk']);
    await escape($('fu-create-form')!);
    expect($('fu-create-form')).toBeNull();

    await api.helpdeskAdd({ name: 'ShopRT', kind: 'rt', url: 'https://rt.example.com', queue: 'General', email: null, token: 'tok' });
    const caseId = (await api.caseList())[0].id;
    await api.evidenceImportPaths(caseId, ['/home/u/payment.png'], 'transfer', '');
    api.emitChanged(); // the panel reloads its helpdesks
    await wait();
    await click('fu-create');
    const form = $('fu-create-form')!;
    await until(() => $('fu-attach', form) !== null);
    const detail = await api.caseGet(caseId);
    expect($('fu-subject', form)!.textContent).toBe(detail.analysis.recommendation.subject);
    expect($('fu-attach', form)!.textContent).toContain('payment.png');
    // The helpdesks load beside the attachments: wait for the list, not only the files.
    await until(() => ($('fu-desk', form) as unknown as HTMLSelectElement | null)?.value === 'ShopRT');
    await click('fu-create-submit');
    await until(() => $$('fu-ticket').length === 1);
    const ticket = $('fu-ticket')!;
    const remote = (await api.trackingPanel(caseId)).tickets[0].remote_id;
    expect(ticket.textContent).toContain(translate('zh-CN', 'trk.ticket.line', { id: remote }));
    // The label is the backend's, shown as sent (never the raw status word).
    const sent = (await api.trackingPanel(caseId)).tickets[0].status!;
    expect($('fu-ticket-status', ticket)!.textContent).toBe(sent.label);
    expect(sent.label).not.toBe(sent.code);
    expect($('fu-created')!.textContent).toContain(translate('zh-CN', 'trk.create.done', { id: remote }));
    expect($('fu-created')!.textContent).toContain(translate('zh-CN', 'trk.created.attached', { names: 'payment.png' }));
    expect($('fu-skipped')).toBeNull();
    expect($('timeline')!.textContent).toContain(remote);
    // Its 3-business-day deadline is counted down.
    expect($('fu-deadline')!.getAttribute('data-kind')).toBe('ticket_sla');
    expect($('fu-dl-countdown')!.textContent).toMatch(cd('cd.left.dh', {}));

    // The tracker finds the login no longer works: said plainly, with the fix.
    api.ticketProblem(Number(ticket.getAttribute('data-id')), 'auth');
    api.emitChanged();
    await until(() => $('fu-problem') !== null);
    expect($('fu-problem')!.textContent).toContain(zhCN['trk.problem.auth']);
    expect($('fu-resume')!.textContent).toBe(zhCN['trk.fix.resume']);
    await click('fu-fix');
    expect(screen()).toBe('settings');
    await until(() => $('hd-form') !== null);
    expect(($('hd-name') as HTMLInputElement).value).toBe('ShopRT');
    expect(($('hd-token') as HTMLInputElement).value).toBe('');
    await until(() => document.activeElement === $('hd-token')); // ready to type the token again
  });

  it('checks a stopped ticket again (trk.fix.resume)', async () => {
    const caseId = await openCase(api);
    await api.helpdeskAdd({ name: 'ShopRT', kind: 'rt', url: 'https://rt.example.com', queue: 'General', email: null, token: 'tok' });
    const created = await api.ticketCreate(caseId, 'ShopRT');
    api.ticketProblem(created.ticket.id, 'not_found');
    api.emitChanged();
    await until(() => $('fu-resume') !== null);
    expect($('fu-problem')!.textContent).toContain(zhCN['trk.problem.not_found']);
    await click('fu-resume');
    await until(() => $('fu-problem') === null);
    expect($('fu-resume')).toBeNull();
    expect(root.textContent).toContain(zhCN['trk.ticket.resumed']);
    expect((await api.trackingPanel(caseId)).tickets[0].problem_code).toBeNull();
  });

  it('records a ticket submitted on the platform and sets its status by hand', async () => {
    const caseId = await openCase(api);
    await click('fu-manual');
    await click('fu-manual-save'); // no number yet
    expect($('fu-manual-form')!.textContent).toContain(zhCN['trk.manual.err']);
    expect($$('fu-ticket')).toHaveLength(0);
    await type('fu-number', 'T-778');
    await choose('fu-mstatus', 'open');
    await click('fu-manual-save');
    await until(() => $$('fu-ticket').length === 1);
    expect($('fu-manual-form')).toBeNull();
    const ticket = $('fu-ticket')!;
    expect(ticket.textContent).toContain('#T-778');
    expect(ticket.textContent).toContain(zhCN['trk.ticket.manual']);
    expect(ticket.textContent).not.toMatch(/manual/i); // no code word on a user's screen
    expect($('fu-ticket-status')!.textContent).toBe((await api.trackingPanel(caseId)).tickets[0].status!.label);
    expect($$('fu-deadline').map((d) => d.getAttribute('data-kind'))).toEqual(['ticket_sla']);

    await choose('fu-ticket-set', 'resolved');
    await click('fu-ticket-save');
    const resolved = (await api.trackingPanel(caseId)).manual_statuses.find((st) => st.code === 'resolved')!.label;
    await until(() => $('fu-ticket-status')!.textContent === resolved);
    expect((await api.trackingPanel(caseId)).tickets[0].finished).toBe(true);
    expect(root.textContent).toContain(zhCN['trk.ticket.statusSaved']);
    // A resolved ticket has no deadline left; the timeline has the change.
    expect($$('fu-deadline')).toHaveLength(0);
    expect($('timeline')!.textContent).toContain('T-778');
  });

  it('counts a promised callback down every second, turns red when overdue, and logs the outcome', async () => {
    await openCase(api);
    expect(root.textContent).toContain(zhCN['trk.callbacksEmpty']);
    await click('fu-callback');
    // A custom promise is checked before it is sent.
    await click('fu-promise-custom');
    await type('fu-promise-value', '0');
    await click('fu-callback-save');
    expect($('fu-callback-form')!.textContent).toContain(zhCN['trk.cb.customErr']);
    await click('fu-promise-10m');
    await click('fu-callback-save');
    await until(() => $$('fu-cb').length === 1);
    const first = $('fu-cb-countdown')!.textContent!;
    expect(first).toMatch(cd('trk.cd.left.ms', { m: '(?:9|10)', s: '\\d\\d' }));
    expect($('fu-cb')!.getAttribute('data-phase')).toBe('waiting');
    await until(() => $('fu-cb-countdown')!.textContent !== first); // live: it ticks
    expect($('fu-cb-countdown')!.textContent).toMatch(cd('trk.cd.left.ms', { m: '9', s: '[45]\\d' }));

    // One requested 30 minutes ago with a 10-minute promise is overdue: red, with what to do next.
    api.shift = -30 * 60_000;
    await click('fu-callback');
    await click('fu-promise-10m');
    await click('fu-callback-save');
    api.shift = 0;
    await until(() => $$('fu-cb').length === 2);
    const overdue = $$('fu-cb').find((li) => li.getAttribute('data-phase') === 'overdue')!;
    expect(overdue).toBeDefined();
    expect($('fu-cb-countdown', overdue)!.textContent).toMatch(cd('trk.cd.over.ms', { m: '(?:19|20)', s: '\\d\\d' }));
    expect(overdue.querySelector('.cb-countdown')!.classList.contains('is-overdue')).toBe(true);
    expect($('fu-cb-overdue', overdue)!.textContent).toBe(zhCN['trk.cb.overdueWhat']);

    await click('fu-outcome', $('fu-outcome', overdue));
    await click('fu-outcome-missed');
    await type('fu-outcome-note', 'no call');
    await click('fu-outcome-save');
    await until(() => $$('fu-cb').some((li) => li.getAttribute('data-phase') === 'done'));
    const done = $$('fu-cb').find((li) => li.getAttribute('data-phase') === 'done')!;
    expect(done.textContent).toContain(translate('zh-CN', 'trk.cb.done', { outcome: zhCN['trk.cb.o.missed'] }));
    expect($('fu-cb-countdown', done)).toBeNull();
    expect($('timeline')!.textContent).toContain('no call');
    // The other one still counts down.
    expect($$('fu-cb').filter((li) => li.getAttribute('data-phase') === 'waiting')).toHaveLength(1);
  });

  it('an order watch past its time offers a case pre-filled with the order', async () => {
    await start(api);
    expect($('ow-empty')).not.toBeNull();
    await click('ow-add');
    await type('ow-order', '88990011');
    await type('ow-within', 'abc');
    await click('ow-save');
    expect($('ow-form')!.textContent).toContain(zhCN['ow.err.within']);
    await type('ow-product', 'Q-coins 100');
    await type('ow-paid', dateToLocalInput(new Date(Date.now() - 2 * 3600_000)));
    await type('ow-within', '30');
    await click('ow-save');
    await until(() => $$('ow-item').length === 1);
    const late = $('ow-item')!;
    expect(late.getAttribute('data-phase')).toBe('late');
    expect(late.textContent).toContain(zhCN['ow.lateWhat']);
    expect($('ow-countdown', late)!.textContent).toMatch(cd('cd.over.h', { h: '1' }));

    // One still in time can be confirmed as delivered.
    await click('ow-add');
    await type('ow-order', '55554444');
    await type('ow-within', '60');
    await click('ow-save');
    await until(() => $$('ow-item').length === 2);
    const waiting = $$('ow-item').find((li) => li.getAttribute('data-phase') === 'waiting')!;
    expect($('ow-open-case', waiting)).toBeNull();
    await click('ow-confirm', $('ow-confirm', waiting));
    await until(() => $$('ow-item').length === 1);
    expect(root.textContent).toContain(zhCN['ow.confirmed']);

    await click('ow-open-case');
    await until(() => screen() === 'case');
    expect($('case-title')!.textContent).toBe('Q-coins 100');
    const id = (await api.caseList())[0].id;
    expect((await api.caseGet(id)).intake.order_id).toBe('88990011');
    expect(await api.orderWatchList()).toHaveLength(0);
  });

  it('keeps every notification: unread badge, newest first, click opens the case, all read', async () => {
    const d = await api.caseCreate({ ...emptyIntake(), product: 'Game card' });
    api.notify({ kind: 'staff_reply', case_id: d.summary.id, title: 'Game card', body: 'Staff: <b>resent</b>', at: '2024-05-20T10:00:00+08:00' });
    api.notify({ kind: 'order_late', case_id: null, title: 'Order 1', body: 'late', at: '2024-05-20T12:00:00+08:00' });
    api.notify({ kind: 'status_change', case_id: d.summary.id, title: 'Game card', body: 'resolved', at: '2024-05-20T11:00:00+08:00' });
    await start(api);
    await until(() => $('nav-unread') !== null);
    expect($('nav-unread')!.textContent).toBe('3');
    expect($('home-unread')!.textContent).toContain(translate('zh-CN', 'ntf.home', { n: 3 }));

    await click('nav-notifications');
    await until(() => $$('ntf-item').length === 3);
    expect($$('ntf-body').map((b) => b.textContent)).toEqual(['late', 'resolved', 'Staff: <b>resent</b>']);
    expect($('ntf-list')!.querySelector('b')).toBeNull(); // server text is text, never HTML
    expect($$('ntf-item').map((i) => i.getAttribute('data-read'))).toEqual(['false', 'false', 'false']);
    expect($('ntf-list')!.textContent).toContain(zhCN['ntf.kind.staff_reply']);

    await click('ntf-open', $('ntf-open', $$('ntf-item')[2]));
    await until(() => screen() === 'case' && $('case-title') !== null);
    expect($('case-title')!.textContent).toBe('Game card');
    expect($('nav-unread')!.textContent).toBe('2');

    await click('nav-notifications');
    await until(() => $$('ntf-item').length === 3);
    expect($$('ntf-item').map((i) => i.getAttribute('data-read'))).toEqual(['false', 'false', 'true']);
    await click('ntf-read-all');
    expect($$('ntf-item').map((i) => i.getAttribute('data-read'))).toEqual(['true', 'true', 'true']);
    expect($('nav-unread')).toBeNull();
    expect(($('ntf-read-all') as HTMLButtonElement).disabled).toBe(true);

    // A new one arrives while the list is open, and a desktop notification's click opens its case.
    api.notify({ kind: 'callback_due', case_id: d.summary.id, title: 'Game card', body: 'due now' });
    await until(() => $$('ntf-item').length === 4);
    expect($('nav-unread')!.textContent).toBe('1');
    api.clickNotification({ case_id: d.summary.id, notification_id: 0, order_watch_id: null });
    await until(() => screen() === 'case');
  });

  it('the first close to the tray leaves a hint, shown as text, that the user can close', async () => {
    await start(api);
    expect($('tray-hint')).toBeNull();
    api.hideToTray('<b>still in the tray</b>');
    await until(() => $('tray-hint') !== null);
    expect($('tray-hint')!.querySelector('span')!.textContent).toBe('<b>still in the tray</b>');
    expect($('tray-hint')!.querySelector('b')).toBeNull();
    ($('tray-hint')!.querySelector('button') as HTMLButtonElement).click();
    await until(() => $('tray-hint') === null);
  });

  it('settings: which kinds reach the desktop, and adding a helpdesk keeps its token out of the form', async () => {
    await start(api);
    await click('nav-settings');
    await until(() => $('notify-staff_reply') !== null);
    const box = $('notify-staff_reply') as HTMLInputElement;
    expect(box.checked).toBe(true);
    expect(box.closest('label')!.textContent).toContain(zhCN['ntf.kind.staff_reply']);
    box.click();
    await wait();
    const prefs = await api.notifyPrefsGet();
    expect(prefs.kinds.find((k) => k.code === 'staff_reply')!.enabled).toBe(false);
    expect(prefs.kinds.filter((k) => k.enabled)).toHaveLength(7);

    expect($('hd-empty')).not.toBeNull();
    await click('hd-add');
    expect(($('hd-token') as HTMLInputElement).type).toBe('password');
    expect($('hd-token-note')!.textContent).toBe(zhCN['hd.tokenNote']);
    // Zendesk: the e-mail is optional, and the form says what it changes.
    expect($('hd-zendesk-note')).toBeNull();
    await choose('hd-kind', 'zendesk');
    expect($('hd-zendesk-note')!.textContent).toBe(zhCN['hd.zendeskNote']);
    await choose('hd-kind', 'rt');
    await type('hd-name', 'ShopRT');
    await type('hd-url', 'https://rt.example.com');
    await type('hd-queue', 'General');
    await click('hd-save'); // no token yet
    expect($('hd-form')!.textContent).toContain(zhCN['hd.err.token']);
    expect(api.keychain.size).toBe(0);
    await type('hd-token', 'very-secret-token');
    await click('hd-save');
    await until(() => $$('hd-item').length === 1);
    expect(api.keychain.get('ShopRT')).toBe('very-secret-token');
    expect(($('hd-token') as HTMLInputElement).value).toBe('');
    expect(($('hd-name') as HTMLInputElement).value).toBe('');
    expect(root.textContent).not.toContain('very-secret-token');
    expect($('hd-item')!.textContent).toContain(zhCN['hd.tokenStored']);
    expect(root.textContent).toContain(translate('zh-CN', 'hd.saved', { name: 'ShopRT' }));

    await escape($('hd-form')!);
    expect($('hd-form')).toBeNull();
    await click('hd-remove');
    await click('hd-remove-yes');
    await until(() => $$('hd-item').length === 0);
    expect(api.keychain.has('ShopRT')).toBe(false);
  });
  it('a refused ticket says why in plain words and leads to the helpdesk settings', async () => {
    await api.helpdeskAdd({ name: 'ShopRT', kind: 'rt', url: 'https://rt.example.com', queue: 'General', email: null, token: 'old' });
    await openCase(api);
    api.failCreate = 'helpdesk';
    await click('fu-create');
    await click('fu-create-submit');
    await until(() => $('fu-create-form')!.querySelector('.error-note') !== null);
    const note = $('fu-create-form')!.querySelector('.error-note')!;
    expect(note.textContent).toContain(zhCN['err.helpdesk']);
    expect($$('fu-ticket')).toHaveLength(0);
    const fix = [...note.querySelectorAll('button')].find((b) => b.textContent === zhCN['trk.fix.token'])!;
    await click('fix', fix);
    expect(screen()).toBe('settings');
    await until(() => ($('hd-name') as HTMLInputElement | null)?.value === 'ShopRT');
  });

  it('works in English and from the keyboard (Alt+5 opens the notifications)', async () => {
    await api.settingsSave({ ...(await api.settingsGet()), lang: 'en' });
    await openCase(api);
    expect($('follow-up')!.querySelector('h2')!.textContent).toBe(en['trk.title']);
    await click('fu-callback');
    await click('fu-promise-2h');
    await click('fu-callback-save');
    await until(() => $$('fu-cb').length === 1);
    expect($('fu-cb-countdown')!.textContent).toMatch(/^(1 h 59|2 h 0) min left$/);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '5', altKey: true }));
    await until(() => screen() === 'notifications');
    // The list loads after the screen shows ("Loading…" first).
    await until(() => root.textContent!.includes(en['ntf.empty']));
  });
  it('a ticket past its business-day deadline suggests 12315, in red', async () => {
    await openCase(api);
    let opened = '';
    api.openUrl = async (url) => void (opened = url);
    // Submitted two weeks ago: past a 3-business-day SLA by days whatever today's weekday or
    // holiday (four days ago was only hours past it when today is a Wednesday).
    api.shift = -14 * 86400_000;
    await click('fu-manual');
    await type('fu-number', 'T-1');
    await click('fu-manual-save');
    api.shift = 0;
    await until(() => $$('fu-deadline').length === 1);
    const dl = $('fu-deadline')!;
    expect(dl.getAttribute('data-overdue')).toBe('true');
    expect(dl.classList.contains('is-overdue')).toBe(true);
    expect($('fu-dl-countdown', dl)!.textContent).toMatch(cd('cd.over.dh', {}, false));
    expect($('fu-dl-hint', dl)!.textContent).toContain(zhCN['trk.dl.sla_passed']);
    expect(zhCN['trk.dl.sla_passed']).toContain('12315');
    await click('open-12315', [...dl.querySelectorAll('button')].find((b) => b.textContent === zhCN['trk.dl.open12315'])!);
    expect(opened).toBe('https://www.12315.cn/');
  });
});
