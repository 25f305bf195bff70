// @vitest-environment happy-dom
// End-to-end through the real components with the in-memory fake API: the test ids, the wizard, the draft,
// saving a case, logging a contact, settings. (The real engine is exercised by the shell's own tests.)
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../app';
import { fakeApi } from '../ipc/fake';
import type { Api } from '../ipc';
import { emptyIntake } from '../lib/wizard';
import { zhCN } from '../i18n/zh-CN';
import { en } from '../i18n/en';

const wait = (ms = 30) => new Promise((r) => setTimeout(r, ms));
let root: HTMLElement;
const $ = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const $$ = (id: string) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
const screen = () => root.querySelector('[data-screen]')?.getAttribute('data-screen');
// Under load (CI builds beside the tests) a screen may take longer than one `wait()` to render:
// wait for the element, up to 5 s, before failing.
const find = async (id: string) => {
  for (let waited = 0; !$(id) && waited < 5000; waited += 25) await wait(25);
  return $(id);
};
const click = async (id: string) => {
  const el = await find(id);
  if (!el) throw new Error(`no ${id} on ${screen()}`);
  el.click();
  await wait();
};
const type = async (id: string, value: string) => {
  const el = $(id) as HTMLInputElement;
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  await wait();
};
const choose = async (id: string, value: string) => {
  const el = $(id) as unknown as HTMLSelectElement;
  el.value = value;
  el.dispatchEvent(new Event('change', { bubbles: true }));
  await wait();
};

describe('app', () => {
  let api: Api;
  beforeEach(async () => {
    root = document.createElement('div');
    document.body.appendChild(root);
    api = fakeApi();
    render(<App api={api} />, root);
    await wait(50);
  });
  afterEach(() => {
    render(null, root);
    root.remove();
  });

  it('starts on the empty case list with the four nav entries', () => {
    expect(screen()).toBe('cases');
    for (const id of ['nav-cases', 'nav-new', 'nav-platforms', 'nav-settings']) expect($(id)).not.toBeNull();
    expect($('nav-cases')!.textContent).toBe(zhCN['nav.cases']);
    expect($('case-list')).toBeNull();
  });

  it('walks the wizard, saves a case and logs a contact', async () => {
    await click('nav-new');
    expect(screen()).toBe('wizard-1');
    await click('wizard-next');
    expect(screen()).toBe('wizard-2');
    await click('wizard-next'); // no story yet: stays
    expect(screen()).toBe('wizard-2');
    await type('story-input', 'order 20240520001 paid, nothing arrived after 30 minutes');
    await click('story-parse');
    const vocab = await api.vocabulary();
    const label = (code: string) => vocab.channels.find((c) => c.code === code)!.label;
    expect($('detected-type')!.textContent).toContain(vocab.problem_types[0].label);
    await click('confirm-type');
    await click('wizard-next');
    expect(screen()).toBe('wizard-3');
    expect(($('form-order_id') as HTMLInputElement).value).toBe('20240520001');
    await type('form-product', 'Game card');
    await wait(300); // analysis debounce
    expect($('live-description')!.textContent).toContain('Game card');
    expect($('form-amount')!.closest('.field')!.classList.contains('is-missing')).toBe(true);
    expect($('form-product')!.closest('.field')!.classList.contains('is-missing')).toBe(false);
    await click('wizard-next');
    expect(screen()).toBe('wizard-4');
    expect($('rec-primary')!.textContent).toContain(label('online_chat'));
    expect($('rec-reasons')!.querySelectorAll('li').length).toBeGreaterThan(0);
    await click('case-save');
    await wait();
    expect(screen()).toBe('case');
    expect(await api.draftLoad('wizard')).toBeNull();

    await click('contact-open');
    expect(($('contact-channel') as unknown as HTMLSelectElement).value).toBe('online_chat');
    await choose('contact-outcome', 'unresolved');
    await type('contact-reference', 'A-123');
    await click('contact-save');
    await wait();
    expect($('rec-primary')!.textContent).toContain(label('phone'));
    expect($('timeline')!.textContent).toContain('online_chat');
    expect(root.textContent).toContain(zhCN['case.contactSaved']);

    await click('nav-cases');
    await find('case-item'); // the list loads after the screen
    expect($$('case-item')).toHaveLength(1);
    expect($('case-title')!.textContent).toBe('Game card');
    await click('case-item');
    expect(screen()).toBe('case');
  });

  it('reads the story on "next" too, asks an unsure type there, and shows a sure one on the form', async () => {
    await click('nav-new');
    await click('wizard-next');
    await type('story-input', 'order 20240520001 paid, nothing arrived after 30 minutes');
    await click('wizard-next'); // read, unsure of the type: stays with the question
    expect(screen()).toBe('wizard-2');
    expect($('confirm-type')).not.toBeNull();
    await click('wizard-next'); // a second click goes on without choosing
    expect(screen()).toBe('wizard-3');
    expect(($('form-order_id') as HTMLInputElement).value).toBe('20240520001');

    // A sure reading fills the type, so the form shows it instead of "detect automatically".
    const readStory = api.readStory;
    api.readStory = async (intake) => ({ ...(await readStory(intake)), needs_confirmation: false, confidence: 0.95 });
    await click('wizard-back');
    await type('story-input', 'order 20240520002 paid, nothing arrived');
    await click('wizard-next');
    expect(screen()).toBe('wizard-3');
    const vocab = await api.vocabulary();
    expect(($('form-problem_type') as unknown as HTMLSelectElement).value).toBe(vocab.problem_types[0].code);
  });

  it('asks about verification where it matters and saves the answer on the platform', async () => {
    const form = await api.platformDefault();
    const entry = await api.platformSave({
      id: null, vip: false, verified: false,
      profile: { ...form, name: 'Shop', channels: [...new Set([...form.channels, 'vip_exclusive'])] },
    });
    let analyses = 0;
    const analyse = api.analyse;
    api.analyse = async (intake, caseId) => {
      analyses++;
      const a = await analyse(intake, caseId);
      const saved = (await api.platformList()).find((p) => p.id === entry.id)!;
      const warnings = saved.verified ? [] : [{ code: 'verification_required', message: 'verify first', at: null }];
      return { ...a, recommendation: { ...a.recommendation, warnings } };
    };
    await click('nav-new');
    (await find('platform-pick'))!.click();
    await wait();
    await click('wizard-next');
    await type('story-input', 'order 20240520001 paid 800, nothing arrived');
    await click('story-parse');
    await click('confirm-type');
    await click('wizard-next');
    await wait(300);
    await click('wizard-next');
    expect(screen()).toBe('wizard-4');
    expect((await find('standing-ask'))!.textContent).toContain('Shop');
    const before = analyses;
    await click('ask-verified-yes');
    await wait(400); // the analysis runs again (debounced)
    expect((await api.platformList()).find((p) => p.id === entry.id)!.verified).toBe(true);
    expect(analyses).toBeGreaterThan(before);
    expect($('standing-ask')).toBeNull();
  });

  it('puts the channel first and, when it is closed, what to do right now', async () => {
    const analyse = api.analyse;
    api.analyse = async (intake, caseId) => {
      const a = await analyse(intake, caseId);
      const ticket = a.recommendation.alternatives.find((x) => x.channel.code === 'ticket')!;
      return { ...a, recommendation: { ...a.recommendation, do_now: ticket, urgent: false } };
    };
    await click('nav-new');
    await click('wizard-next');
    await type('story-input', 'order 20240520001 paid, nothing arrived after 30 minutes');
    await click('story-parse');
    await click('confirm-type');
    await click('wizard-next');
    await wait(300);
    await click('wizard-next');
    expect(screen()).toBe('wizard-4');
    const primary = $('rec-primary')!;
    const now = $('rec-do-now')!;
    const vocab = await api.vocabulary();
    const ticket = vocab.channels.find((c) => c.code === 'ticket')!.label;
    expect(now.textContent).toContain(zhCN['rec.doNow'].replace('{channel}', ticket));
    expect(primary.textContent).toContain(zhCN['rec.normal']);
    // Said at the top of the channel's card too, before its long action block.
    expect($('rec-now-line')!.textContent).toContain(ticket);
    // Read top to bottom: the channel, then "right now", then the reasons.
    expect(primary.compareDocumentPosition(now) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(now.compareDocumentPosition($('rec-reasons')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('offers the contacts read from the story and logs only the confirmed ones with the case', async () => {
    const vocab = await api.vocabulary();
    const coded = <T extends { code: string }>(list: T[], code: string): T => list.find((c) => c.code === code)!;
    const readStory = api.readStory;
    api.readStory = async (intake) => ({
      ...(await readStory(intake)),
      suggested_contacts: [
        {
          channel: coded(vocab.channels, 'email'),
          outcome: coded(vocab.outcomes, 'no_response'),
          matched: 'mailed three days ago, no answer',
          at: '2024-05-17T15:00:00+08:00',
        },
        { channel: coded(vocab.channels, 'phone'), outcome: coded(vocab.outcomes, 'no_response'), matched: 'the line is always busy', at: '' },
      ],
    });
    const logged: { id: string; channel: string }[] = [];
    const contactLog = api.contactLog;
    api.contactLog = (id, c) => (logged.push({ id, channel: c.channel }), contactLog(id, c));

    await click('nav-new');
    await click('wizard-next');
    await type('story-input', 'order 20240520001 paid, nothing arrived; mailed three days ago, no answer; phone always busy');
    expect($('suggested-contacts')).toBeNull();
    await click('story-parse');
    const box = $('suggested-contacts')!;
    expect(box.textContent).toContain(zhCN['wiz.p2.contactsTitle']);
    const items = $$('suggested-contact');
    expect(items).toHaveLength(2);
    expect(items[0].textContent).toContain(coded(vocab.channels, 'email').label);
    expect(items[0].textContent).toContain(coded(vocab.outcomes, 'no_response').label);
    const quoted = (m: string) => zhCN['wiz.p2.contactMatched'].replace('{matched}', m);
    expect(items[0].textContent).toContain(quoted('mailed three days ago, no answer'));
    expect(items[1].textContent).toContain(quoted('the line is always busy'));
    expect(items[1].textContent).toContain(zhCN['wiz.p2.contactKeep']);
    // One click records the mail; the busy line is left unconfirmed.
    $$('suggested-contact-keep')[0].click();
    await wait();
    expect(($$('suggested-contact-keep')[0] as HTMLInputElement).checked).toBe(true);
    expect(($$('suggested-contact-keep')[1] as HTMLInputElement).checked).toBe(false);
    await click('confirm-type');
    await click('wizard-next');
    await click('wizard-next');
    expect(screen()).toBe('wizard-4');
    expect($('wizard-contacts-hint')!.textContent).toBe(zhCN['wiz.p4.contactsHint'].replace('{n}', '1'));
    expect(logged).toEqual([]); // nothing is recorded before the case is saved
    await click('case-save');
    await wait();
    expect(screen()).toBe('case');
    const [summary] = await api.caseList();
    expect(logged).toEqual([{ id: summary.id, channel: 'email' }]);
    const d = await api.caseGet(summary.id);
    expect(d.contacts).toHaveLength(1);
    expect(d.contacts[0].channel.code).toBe('email');
    expect(d.contacts[0].outcome.code).toBe('no_response');
    expect(d.contacts[0].at).toBe('2024-05-17T15:00:00+08:00');
    expect(d.contacts[0].note).toBe('mailed three days ago, no answer');
    expect(d.contacts[0].reference).toBe('');
  });

  it('shows a save error that names a form field on the last step, with a way back to it', async () => {
    api.caseCreate = async () => {
      throw { code: 'invalid_field', field: 'amount', message: 'amount: not a number' };
    };
    await click('nav-new');
    await click('wizard-next');
    await type('story-input', 'order 20240520001 paid, nothing arrived');
    await click('story-parse');
    await click('confirm-type');
    await click('wizard-next');
    await click('wizard-next');
    expect(screen()).toBe('wizard-4');
    await click('case-save');
    const note = root.querySelector('.error-note')!;
    expect(note.textContent).toContain(zhCN['err.invalid_field']);
    expect(note.textContent).toContain(zhCN['wiz.p4.fieldError'].replace('{field}', zhCN['form.amount']));
    await click('wizard-fix-field');
    expect(screen()).toBe('wizard-3');
    expect($('form-amount')!.closest('.field')!.classList.contains('has-error')).toBe(true);
    expect($('form-amount')!.getAttribute('aria-invalid')).toBe('true');
  });

  it('a reminder marked done in the banner shows as done on the case page', async () => {
    render(null, root);
    api = fakeApi();
    const d = await api.caseCreate({ ...emptyIntake(), product: 'Game card' });
    await api.reminderAdd(d.summary.id, '2024-05-21T09:00:00+08:00', 'phone_opening', 'stored message');
    render(<App api={api} />, root);
    await wait(50);
    await click('case-item');
    expect(screen()).toBe('case');
    const banner = root.querySelector('.banner-reminder')!;
    expect(banner.textContent).toContain(zhCN['rem.phoneOpening']);
    expect(root.querySelector('.reminders')!.textContent).toContain(zhCN['rem.phoneOpening']);
    const done = [...banner.querySelectorAll('button')].find((b) => b.textContent === zhCN['rem.done'])!;
    done.click();
    await wait(50);
    expect(root.querySelector('.banner-reminder')).toBeNull();
    expect(root.querySelector('.reminders .is-done')!.textContent).toContain(zhCN['case.reminderDone']);
  });

  it('starts waiting for a callback from the home screen without writing a case', async () => {
    await click('ac-open');
    await type('ac-minutes', '0');
    await click('ac-start');
    expect(screen()).toBe('cases'); // refused, nothing opened
    expect(await api.caseList()).toHaveLength(0);
    await type('ac-minutes', '10');
    await click('ac-start');
    await wait();
    expect(screen()).toBe('case');
    const [c] = await api.caseList();
    expect(c.status.code).toBe('waiting');
    expect($('case-title')!.textContent).toBe(c.title);
  });

  it('sends the phone call to the phone as a QR code with its text', async () => {
    const d = await api.caseCreate({ ...emptyIntake(), product: 'Game card' });
    await api.contactLog(d.summary.id, { channel: 'online_chat', at: '', outcome: 'unresolved', note: '', reference: '' });
    await click('nav-cases');
    await click('case-item');
    await click('to-phone');
    const panel = (await find('to-phone-panel'))!;
    expect(panel.querySelector('img')!.getAttribute('src')!.startsWith('data:image/svg+xml')).toBe(true);
    expect(panel.textContent).toContain((await api.caseToPhone(d.summary.id)).text.split('\n')[0]);
    await click('to-phone');
    expect($('to-phone-panel')).toBeNull();
  });

  it('adds a platform from its name and the one contact the user has', async () => {
    await click('nav-platforms');
    await type('pf-quick-name', 'Shop');
    await type('pf-quick-contact', 'ask the boss');
    await click('pf-quick-add');
    expect(await api.platformList()).toHaveLength(0);
    expect($('pf-quick')!.textContent).toContain('ask the boss');
    await type('pf-quick-contact', 'QQ 800012345');
    await click('pf-quick-add');
    const [p] = await api.platformList();
    expect([p.profile.name, p.profile.links.qq]).toEqual(['Shop', '800012345']);
    expect((await find('platform-item'))!.textContent).toContain('Shop');
  });

  it('asks "is it solved?" a day later and records the answer; warns of repeated failures at home', async () => {
    const d = await api.caseCreate({ ...emptyIntake(), product: 'Game card' });
    const caseGet = api.caseGet;
    api.caseGet = async (id) => {
      const c = await caseGet(id);
      const active = c.summary.status.code === 'open' || c.summary.status.code === 'waiting';
      return { ...c, nudge: active ? { kind: 'resolved_yet', text: 'solved?', case_id: id } : null };
    };
    api.homeNudges = async () => [{ kind: 'repeated_recharge_failure', text: 'three failures', case_id: d.summary.id }];
    await click('nav-new');
    await click('nav-cases');
    expect((await find('home-nudge'))!.textContent).toContain('three failures');
    ($('home-nudge')!.querySelector('button') as HTMLElement).click();
    await wait();
    expect(screen()).toBe('case');
    expect((await find('nudge-resolved'))!.textContent).toContain('solved?');
    await click('nudge-solved');
    expect((await api.caseGet(d.summary.id)).summary.status.code).toBe('resolved');
    expect($('nudge-resolved')).toBeNull();
  });

  it('shows the platform\'s WeChat QR code large with the chat', async () => {
    const qr = 'data:image/png;base64,iVBORw0KGgo=';
    const d = await api.caseCreate({ ...emptyIntake(), product: 'Game card' });
    const caseGet = api.caseGet;
    api.caseGet = async (id) => {
      const c = await caseGet(id);
      return { ...c, analysis: { ...c.analysis, recommendation: { ...c.analysis.recommendation, primary: { ...c.analysis.recommendation.primary, qr } } } };
    };
    await click('nav-cases');
    await click('case-item');
    const fig = (await find('contact-qr'))!;
    expect(fig.querySelector('img')!.getAttribute('src')).toBe(qr);
    expect(d.analysis.recommendation.primary.qr).toBeNull();
  });

  it('jumps between the sections of a case page', async () => {
    await api.caseCreate({ ...emptyIntake(), product: 'Game card' });
    await click('nav-cases');
    await click('case-item');
    expect($('case-sections')!.querySelectorAll('button').length).toBe(7);
    await click('case-nav-timeline-h');
    expect(document.activeElement?.id).toBe('timeline-h');
    await click('case-nav-rec-title');
    expect(document.activeElement?.id).toBe('rec-title');
  });

  it('opens the case editor without analysing the unchanged intake again', async () => {
    const d = await api.caseCreate({ ...emptyIntake(), product: 'Game card' });
    let calls = 0;
    const analyse = api.analyse;
    api.analyse = (i, id) => (calls++, analyse(i, id));
    await click('nav-cases'); // reloads the list
    await click('case-item');
    expect(screen()).toBe('case');
    const edit = [...root.querySelectorAll('button')].find((b) => b.textContent === zhCN['case.edit'])!;
    edit.click();
    await wait(300); // analysis debounce
    expect($('live-description')!.textContent).toBe(d.analysis.description_text);
    expect(calls).toBe(0);
    await type('form-amount', '100');
    await wait(300);
    expect(calls).toBe(1);
  });

  it('restores the wizard draft and can start over', async () => {
    await click('nav-new');
    await click('wizard-next');
    await type('story-input', 'my story');
    await wait(450); // draft debounce
    await click('nav-cases');
    await click('nav-new');
    await wait();
    expect(screen()).toBe('wizard-2');
    expect(($('story-input') as HTMLTextAreaElement).value).toBe('my story');
    expect(root.textContent).toContain(zhCN['wiz.restored']);
    const restart = [...root.querySelectorAll('button')].find((b) => b.textContent === zhCN['wiz.restart'])!;
    restart.click();
    await wait();
    expect(screen()).toBe('wizard-1');
    expect(await api.draftLoad('wizard')).toBeNull();
  });

  it('switches language and large text from the settings', async () => {
    await click('nav-settings');
    expect(screen()).toBe('settings');
    await choose('settings-lang', 'en');
    expect($('nav-cases')!.textContent).toBe(en['nav.cases']);
    expect(document.documentElement.getAttribute('lang')).toBe('en');
    await click('settings-large-text');
    expect(document.documentElement.style.fontSize).toBe('22.4px');
    expect((await api.settingsGet()).text_scale).toBe(1.4);
  });

  it('Alt+number moves between the screens', async () => {
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '3', altKey: true }));
    await wait();
    expect(screen()).toBe('platforms');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '2', altKey: true }));
    await wait();
    expect(screen()).toBe('wizard-1');
  });
});
