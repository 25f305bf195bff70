// @vitest-environment happy-dom
// Self-help before contact through the real components with the in-memory fake API: the Help screen's
// search and counter, the wizard's panel with "that solved it", and the case page's.
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../app';
import { fakeApi } from '../ipc/fake';
import type { Api } from '../ipc';
import { emptyIntake } from '../lib/wizard';
import { zhCN } from '../i18n/zh-CN';
import { translate } from '../i18n';
import { $, $$, click, mount, root, screen, type, unmount, until, wait } from './dom';

const count = (n: number) => translate('zh-CN', 'help.resolvedCount', { n });

describe('self-help', () => {
  let api: Api;
  beforeEach(async () => {
    mount();
    api = fakeApi();
    render(<App api={api} />, root);
    await wait(50);
  });
  afterEach(unmount);

  it('the Help screen lists every entry, searches, and says how often self-help was enough', async () => {
    expect($('nav-help')!.textContent).toBe(zhCN['nav.help']);
    await click('nav-help');
    expect(screen()).toBe('help');
    await until(() => $('help-resolved-count') !== null); // the first search answers after the screen mounts
    expect($('help-resolved-count')!.textContent).toBe(count(0));
    expect($$('help-entry').length).toBe(3);
    await type('help-search', 'refund');
    await until(() => $$('help-entry').length === 1); // after the search's debounce
    const hits = $$('help-entry');
    expect(hits.map((e) => e.dataset.type)).toEqual(['refund_request']);
    // The best hit opens with its steps and its rules' sources.
    expect(hits[0].querySelector('details')!.open).toBe(true);
    expect(hits[0].querySelectorAll('[data-testid="selfhelp-steps"] li').length).toBeGreaterThan(0);
    expect(hits[0].querySelector('cite')!.textContent).toContain(translate('zh-CN', 'selfhelp.source', { source: '' }).trim());
    await type('help-search', 'xyzzy');
    await until(() => $('help-none') !== null);
    expect($$('help-entry').length).toBe(0);
    expect($('help-none')!.textContent).toBe(zhCN['help.none']);
  });

  it('the wizard shows the detected type\'s steps and "that solved it" saves the case as resolved', async () => {
    await click('nav-new');
    await click('wizard-next');
    expect($('selfhelp-panel')).toBeNull(); // no type known yet
    await type('story-input', 'order 20240520001 paid, nothing arrived after 30 minutes');
    await click('story-parse');
    await until(() => $('selfhelp-panel') !== null);
    const panel = $('selfhelp-panel')!;
    expect(panel.textContent).toContain(zhCN['selfhelp.tryFirst']);
    expect(panel.querySelectorAll('[data-testid="selfhelp-steps"] li').length).toBeGreaterThan(0);
    await click('selfhelp-resolved');
    await until(() => screen() === 'case' && $('selfhelp-done') !== null);
    const [saved] = await api.caseList();
    expect(saved.status.code).toBe('resolved');
    expect(saved.contacts).toBe(0);
    expect($('timeline')!.textContent).not.toBe('');
    expect($('selfhelp-done')).not.toBeNull();
    await click('nav-help');
    await until(() => $('help-resolved-count') !== null);
    expect($('help-resolved-count')!.textContent).toBe(count(1));
  });

  it('a saved case without contacts offers the steps; resolving adds a timeline note and counts once', async () => {
    const d = await api.caseCreate({ ...emptyIntake(), story: 'card key says already used', problem_type: 'card_key_stolen' });
    await click('nav-cases');
    await until(() => $('case-item') !== null);
    await click('case-item');
    await until(() => screen() === 'case' && $('selfhelp-panel') !== null);
    await click('selfhelp-resolved');
    await until(() => $('selfhelp-done') !== null);
    const after = await api.caseGet(d.summary.id);
    expect(after.summary.status.code).toBe('resolved');
    expect(after.timeline[after.timeline.length - 1].kind).toBe('selfhelp');
    expect($('selfhelp-resolved')).toBeNull();
    expect($('selfhelp-done')).not.toBeNull();
    expect((await api.selfhelpSearch('')).resolved_count).toBe(1);
  });

  it('speaks English when the settings say so', async () => {
    await api.settingsSave({ ...(await api.settingsGet()), lang: 'en' });
    render(null, root);
    render(<App api={api} />, root);
    await wait(50);
    await click('nav-help');
    await until(() => $('help-resolved-count') !== null);
    expect($('help-resolved-count')!.textContent).toBe(translate('en', 'help.resolvedCount', { n: 0 }));
    expect(root.querySelector('h1')!.textContent).toBe(translate('en', 'help.title'));
  });
});
