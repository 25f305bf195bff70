// @vitest-environment happy-dom
// E-mail through the real components with the in-memory fake API: the mailbox form in settings
// (a preset fills it, Outlook is refused before a password is typed, "test connection" names the step
// that failed, saving keeps the password out of the page), and on a case: sending with the ticked
// evidence, the result, an unfinished earlier send that is sent again only when the user says so, and
// the platform's answers shown as text.
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../app';
import { fakeApi, type FakeApi } from '../ipc/fake';
import { emptyIntake } from '../lib/wizard';
import { zhCN } from '../i18n/zh-CN';
import { translate } from '../i18n';
import { $, $$, choose, click, input, mount, root, screen, type, unmount, until, wait } from './dom';

const t = (key: keyof typeof zhCN, params?: Record<string, string | number>) => translate('zh-CN', key, params);

async function start(api: FakeApi) {
  render(<App api={api} />, root);
  await until(() => screen() === 'cases');
}
async function openSettings(api: FakeApi) {
  await start(api);
  await click('nav-settings');
  await until(() => $('mail-accounts') !== null && $('mail-email') !== null);
}
/** A mailbox on a server of this computer, filled in by hand as the e2e does. */
async function fillByHand(name = 'Mine', email = 'buyer@example.org') {
  await type('mail-email', email);
  await type('mail-name', name);
  await type('mail-imap-host', '127.0.0.1');
  await type('mail-imap-port', '3993');
  await type('mail-smtp-host', '127.0.0.1');
  await type('mail-smtp-port', '3465');
  await choose('mail-security', 'tls');
}
const account = (name = 'Mine') => ({
  name, email: 'buyer@example.org', imap_host: '127.0.0.1', imap_port: 3993, smtp_host: '127.0.0.1', smtp_port: 3465, security: 'tls', password: 'pw',
});
/** Opens a new case's page; `files` are its evidence, imported before the page loads. */
async function openCase(api: FakeApi, files: string[] = []) {
  const d = await api.caseCreate({ ...emptyIntake(), order_id: '20240520001', product: 'Game card' });
  if (files.length) await api.evidenceImportPaths(d.summary.id, files, 'other', '');
  await start(api);
  await until(() => $('case-item') !== null);
  await click('case-item');
  await until(() => $('case-mail') !== null && $('evidence') !== null);
  return d.summary.id;
}

describe('mail', () => {
  let api: FakeApi;
  beforeEach(() => {
    mount();
    api = fakeApi();
  });
  afterEach(() => {
    unmount();
    vi.unstubAllGlobals();
  });

  it('fills a preset mailbox and says plainly what to enter as its password', async () => {
    await openSettings(api);
    const qq = (await api.mailPresetFor('me@qq.com'))!;
    await type('mail-email', 'me@qq.com');
    await until(() => input('mail-imap-host').value === qq.imap_host);
    expect(input('mail-imap-port').value).toBe(String(qq.imap_port));
    expect(input('mail-smtp-host').value).toBe(qq.smtp_host);
    expect(input('mail-smtp-port').value).toBe(String(qq.smtp_port));
    expect(($('mail-security') as unknown as HTMLSelectElement).value).toBe(qq.security);
    expect($('mail-password-help')!.textContent).toContain(qq.password_help);
    expect($('mail-preset')!.textContent).toBe(t('mail.presetFound', { name: qq.name }));
    expect(input('mail-password').type).toBe('password');
    // The servers are filled, so they stay folded, summarised in one line.
    expect($('mail-manual')!.getAttribute('aria-expanded')).toBe('false');
    expect($('mail-servers-summary')!.textContent).toContain(`${qq.imap_host}:${qq.imap_port}`);

    // An address without a preset opens the servers to be typed by hand, with the general password hint;
    // the other provider's servers are not left in it.
    await type('mail-email', 'me@example.org');
    await until(() => $('mail-manual')!.getAttribute('aria-expanded') === 'true');
    expect(input('mail-imap-host').value).toBe('');
    expect(input('mail-smtp-host').value).toBe('');
    expect($('mail-preset')).toBeNull();
    expect($('mail-password-help')!.textContent).toContain(zhCN['mail.passwordHint']);

    // Servers typed before the preset's answer arrives are the user's: they stay.
    const net = (await api.mailPresetFor('me@163.com'))!;
    await type('mail-email', 'me@163.com');
    await type('mail-imap-host', '127.0.0.1');
    await until(() => $('mail-preset')?.textContent === t('mail.presetFound', { name: net.name }));
    expect(input('mail-imap-host').value).toBe('127.0.0.1');
  });

  it('refuses an Outlook address at once with the reason, and cannot save it', async () => {
    await openSettings(api);
    await type('mail-email', 'someone@hotmail.com');
    await until(() => $('mail-oauth') !== null);
    expect($('mail-oauth')!.textContent).toBe(zhCN['mail.oauthOnly']);
    expect(($('mail-save') as HTMLButtonElement).disabled).toBe(true);
    expect(($('mail-test') as HTMLButtonElement).disabled).toBe(true);
    expect(input('mail-password').disabled).toBe(true);
    // Submitting anyway (Enter in a field) saves nothing.
    ($('mail-form') as HTMLFormElement).requestSubmit();
    await wait();
    expect(await api.mailAccountList()).toEqual([]);

    // Another address lifts it.
    await type('mail-email', 'someone@163.com');
    await until(() => $('mail-oauth') === null && $('mail-preset') !== null);
    expect(($('mail-save') as HTMLButtonElement).disabled).toBe(false);
  });

  it('names the step that failed when testing the connection', async () => {
    await openSettings(api);
    await fillByHand();
    await type('mail-password', 'wrong');
    api.mailFail = { code: 'mail_login', field: 'password', message: 'IMAP refused the login for buyer@example.org: authentication failed' };
    await click('mail-test');
    await until(() => $('mail-test-result') !== null);
    let r = $('mail-test-result')!;
    expect(r.getAttribute('data-ok')).toBe('false');
    expect(r.textContent).toContain(zhCN['err.mail_login']);
    const states = () => [...r.querySelectorAll('li')].map((li) => li.getAttribute('data-state'));
    expect(states()).toEqual(['ok', 'ok', 'failed', 'skipped']);
    expect(r.querySelector('li[data-state="failed"]')!.textContent).toBe(t('mail.stepFailed', { step: zhCN['mail.step.mail_login'] }));
    expect(r.textContent).toContain('authentication failed');

    api.mailFail = { code: 'mail_tls', field: null, message: 'TLS with IMAP at 127.0.0.1:3993 failed: invalid peer certificate' };
    await click('mail-test');
    await until(() => $('mail-test-result')?.getAttribute('data-step') === 'mail_tls');
    r = $('mail-test-result')!;
    expect(states()).toEqual(['ok', 'failed', 'skipped', 'skipped']);
    expect(r.textContent).toContain(zhCN['err.mail_tls']);

    // A failure that is no step (a field to fix) is the result too, and the field is marked.
    await type('mail-password', '');
    api.mailKeychain.clear();
    await click('mail-test');
    await until(() => $('mail-test-result') !== null && !$('mail-test-result')!.hasAttribute('data-step'));
    expect($('mail-test-result')!.textContent).toContain(zhCN['err.invalid_field']);
    expect($('mail-test-result')!.querySelector('li')).toBeNull();
    expect(input('mail-password').getAttribute('aria-invalid')).toBe('true');

    await type('mail-password', 'right');
    await click('mail-test');
    await until(() => $('mail-test-result')?.getAttribute('data-ok') === 'true');
    expect(input('mail-password').getAttribute('aria-invalid')).toBeNull();
    expect($('mail-test-result')!.textContent).toContain(t('mail.testOk', { n: 3 }));
    expect($('mail-test-result')!.textContent).toContain(t('mail.testSent', { folder: 'Sent' }));
  });

  it('saves a mailbox, lists it without its password, and removes it after an inline confirmation', async () => {
    // A window.confirm pop-up would be called (the test DOM has none of its own).
    const popup = vi.fn(() => true);
    vi.stubGlobal('confirm', popup);
    const secret = 'S3cret-authcode-77';
    await openSettings(api);
    await until(() => $('mail-empty') !== null);
    await fillByHand('Mine');
    await type('mail-password', secret);
    await click('mail-save');
    await until(() => $$('mail-account').length === 1);
    const row = $('mail-account')!;
    expect(row.textContent).toContain('buyer@example.org');
    expect(row.textContent).toContain('127.0.0.1:3993');
    expect(row.textContent).toContain(zhCN['mail.pwSaved']);
    expect(row.textContent).toContain(t('mail.sentCount', { n: 0 }));
    expect(root.textContent).toContain(t('mail.saved', { name: 'Mine' }));
    // The password went to the keychain and is nowhere in the page, not even in the emptied field.
    expect(api.mailKeychain.get('Mine')).toBe(secret);
    expect(input('mail-password').value).toBe('');
    expect(root.innerHTML).not.toContain(secret);

    // Changing it: the field stays empty and empty keeps the saved password.
    await click('mail-edit');
    expect(input('mail-email').value).toBe('buyer@example.org');
    expect(input('mail-name').readOnly).toBe(true);
    expect(input('mail-password').value).toBe('');
    await type('mail-imap-port', '4993');
    await click('mail-save');
    await until(() => $('mail-account')!.textContent!.includes('127.0.0.1:4993'));
    expect(api.mailKeychain.get('Mine')).toBe(secret);

    await click('mail-remove');
    expect($('mail-account')!.textContent).toContain(t('mail.removeConfirm', { name: 'Mine' }));
    await click('mail-remove-yes');
    await until(() => $$('mail-account').length === 0);
    expect(api.mailKeychain.has('Mine')).toBe(false);
    expect(popup).not.toHaveBeenCalled();
  });

  it('sends the case e-mail with the ticked evidence and shows what went', async () => {
    await api.mailAccountSave(account());
    const caseId = await openCase(api, ['/u/payment.png', '/u/chat-gps.jpg', '/u/notes.txt']);
    // The section is linked from the top of the page.
    expect($('case-nav-mail-sec-h')!.textContent).toBe(zhCN['case.nav.mail']);
    // The evidence section's list is what the panel offers.
    const evidence = (await api.evidenceList(caseId)).items;
    await until(() => $('mail-send-open') !== null);
    await click('mail-send-open');
    await until(() => $('mail-send') !== null && ($('mail-send-account') as unknown as HTMLSelectElement).value === 'Mine');
    await until(() => $$('mail-send-evidence').length === 3);
    const boxes = $$('mail-send-evidence') as HTMLInputElement[];
    expect(boxes.map((b) => b.checked)).toEqual([true, true, true]);
    expect($('mail-send-note')!.textContent).toBe(zhCN['mail.send.note']);
    const notes = boxes.find((b) => b.value === evidence.find((e) => e.original_name === 'notes.txt')!.id)!;
    notes.click();
    await wait();
    await type('mail-send-to', 'kefu@shop.example');
    await click('mail-send-go');
    await until(() => $('mail-send-result') !== null);

    const asked = api.mailSends[0];
    expect(asked.to).toBe('kefu@shop.example');
    expect(asked.account).toBe('Mine');
    expect(asked.resend).toBe(false);
    expect(new Set(asked.evidence_ids)).toEqual(new Set(evidence.filter((e) => e.original_name !== 'notes.txt').map((e) => e.id)));
    const result = $('mail-send-result')!;
    expect(result.textContent).toContain(t('mail.done.sent', { to: 'kefu@shop.example' }));
    expect($('mail-send-attached')!.textContent).toBe(t('mail.done.attached', { names: 'payment.png, chat-gps.jpg' }));
    expect($('mail-send-location')!.textContent).toBe(t('ev.locationRemoved', { names: 'chat-gps.jpg' }));
    expect($('mail-send-filed')!.textContent).toBe(t('mail.done.filed', { folder: 'Sent' }));
    expect($('mail-send-zipped')).toBeNull();
    // The sent e-mail is listed on the case, and the timeline (reloaded) has it.
    await until(() => $$('mail-sent').length === 1);
    expect($('mail-sent')!.getAttribute('data-state')).toBe('sent');
    expect($('mail-sent')!.textContent).toContain(zhCN['mail.state.sent']);
    expect($('mail-sent')!.textContent).toContain(t('mail.case.to', { to: 'kefu@shop.example' }));
    await until(() => $('timeline')!.textContent!.includes('kefu@shop.example'));
  });

  it('opens the panel from the recommendation, To filled from its mailto, and keeps the mailto draft', async () => {
    await api.mailAccountSave(account());
    // A platform whose recommended channel is e-mail (the stand-in recommends chat by default).
    const caseGet = api.caseGet;
    api.caseGet = async (id) => {
      const d = await caseGet(id);
      const rec = d.analysis.recommendation;
      rec.primary = { ...rec.primary, channel: { code: 'email', label: 'E-mail' }, text_kind: 'email', url: null, phone: null, mailto: 'mailto:kefu%40shop.example?subject=x' };
      return d;
    };
    await openCase(api);
    await until(() => $('rec-primary') !== null && root.querySelector('.rec-primary [data-testid="mail-send-open"]') !== null);
    // The first one on the page is the recommendation's, beside the draft button that stays.
    const first = $('mail-send-open')!;
    expect(first.closest('.rec-primary')).not.toBeNull();
    expect(first.textContent).toBe(zhCN['mail.send.open']);
    expect([...root.querySelectorAll('.rec-primary button')].some((b) => b.textContent === zhCN['act.openMail'])).toBe(true);
    await click('mail-send-open', first);
    await until(() => $('mail-send') !== null && input('mail-send-to') !== null);
    expect($('mail-send')!.closest('[data-testid="case-mail"]')).not.toBeNull();
    expect(input('mail-send-to').value).toBe('kefu@shop.example');
    expect($('mail-send')!.textContent).not.toContain(zhCN['mail.send.toHint']);
  });

  it('says when the evidence vault is locked and sends the text with the reason nothing was attached', async () => {
    await api.mailAccountSave(account());
    api.lock('keychain_unavailable');
    await openCase(api);
    await until(() => $('mail-send-open') !== null);
    await click('mail-send-open');
    await until(() => $('mail-send-locked') !== null);
    expect($('mail-send-locked')!.textContent).toBe(zhCN['mail.send.vaultLocked']);
    expect($$('mail-send-evidence')).toHaveLength(0);
    await type('mail-send-to', 'kefu@shop.example');
    await click('mail-send-go');
    await until(() => $('mail-send-result') !== null);
    expect(api.mailSends[0].evidence_ids).toBeNull();
    expect($('mail-send-attached')!.textContent).toBe(zhCN['mail.done.noAttachment']);
    const skipped = (await api.mailSend({ ...api.mailSends[0], resend: false })).skipped[0];
    expect($('mail-send-skipped')!.textContent).toContain(skipped.reason);
  });

  it('offers the way to settings when no mailbox is saved', async () => {
    await openCase(api, ['/u/payment.png']);
    await until(() => $('mail-send-open') !== null);
    await click('mail-send-open');
    await until(() => $('mail-send-no-account') !== null);
    expect($('mail-send-go')).toBeNull();
    await click('', $('mail-send-no-account')!.querySelector('button'));
    await until(() => screen() === 'settings' && $('mail-accounts') !== null);
  });

  it('sends an unfinished e-mail again only after the user checked the mailbox', async () => {
    await api.mailAccountSave(account());
    const cases = await api.caseCreate({ ...emptyIntake(), order_id: '20240520002', product: 'Card' });
    const caseId = cases.summary.id;
    api.mailUnfinished(caseId, 'Mine', 'kefu@shop.example');
    await start(api);
    await until(() => $('case-item') !== null);
    await click('case-item');
    await until(() => $$('mail-sent').length === 1);
    expect($('mail-sent')!.getAttribute('data-state')).toBe('pending');
    expect($('mail-sent')!.textContent).toContain(zhCN['mail.state.pending']);

    await click('mail-send-open');
    await until(() => ($('mail-send-account') as unknown as HTMLSelectElement | null)?.value === 'Mine');
    await type('mail-send-to', 'kefu@shop.example');
    await click('mail-send-go');
    await until(() => $('mail-send-unfinished') !== null);
    expect($('mail-send-unfinished')!.textContent).toContain(zhCN['mail.send.unfinished']);
    expect($('mail-send-result')).toBeNull();
    expect($('mail-send-go')).toBeNull(); // the only way on is the answer to the question
    expect(api.mailSends.map((s) => s.resend)).toEqual([false]);

    expect($('mail-send-resend')!.textContent).toBe(zhCN['mail.send.resend']);
    await click('mail-send-resend');
    await until(() => $('mail-send-result') !== null);
    expect(api.mailSends.map((s) => s.resend)).toEqual([false, true]);
    await until(() => $$('mail-sent').length === 1 && $('mail-sent')!.getAttribute('data-state') === 'sent');
  });

  it('shows the platform\'s answer as text, with its attachments, when the tracker finds it', async () => {
    const caseId = await openCase(api);
    expect($('mail-case-empty')).not.toBeNull();
    api.mailAnswer(caseId, {
      from: 'kefu@shop.example', subject: 'Re: 20240520001', text: '<b>x</b> refund done\n<img src=x onerror=alert(1)>',
      attachments: [
        { name: 'receipt.png', evidence_id: 'e99', problem: null },
        { name: 'terms.pdf', evidence_id: null, problem: null },
        { name: 'huge.mov', evidence_id: null, problem: 'over the 50 MB limit' },
      ],
    });
    await until(() => $$('mail-answer').length === 1);
    const answer = $('mail-answer')!;
    const text = $('mail-answer-text', answer)!;
    expect(text.textContent).toBe('<b>x</b> refund done\n<img src=x onerror=alert(1)>');
    expect(text.querySelector('b, img')).toBeNull();
    expect(answer.textContent).toContain(t('mail.case.from', { from: 'kefu@shop.example' }));
    expect(answer.textContent).toContain('Re: 20240520001');
    const items = [...$('mail-answer-attachments', answer)!.querySelectorAll('li')].map((li) => li.textContent);
    expect(items[0]).toContain('receipt.png');
    expect(items[0]).toContain(zhCN['mail.case.attStored']);
    expect(items[1]).toContain('terms.pdf');
    expect(items[1]).toContain(zhCN['mail.case.attWaiting']);
    expect(items[2]).toContain(t('mail.case.attProblem', { why: 'over the 50 MB limit' }));
    // The page reloads with the answer on its timeline.
    await until(() => $('timeline')!.textContent!.includes('refund done'));

    // And the notification list has it as a staff reply with the case's name.
    await click('nav-notifications');
    await until(() => $$('ntf-item').length === 1);
    const n = $('ntf-item')!;
    expect(n.textContent).toContain(zhCN['ntf.kind.staff_reply']);
    expect(n.textContent).toContain((await api.caseGet(caseId)).summary.title);
  });
});
