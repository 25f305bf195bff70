// @vitest-environment happy-dom
// Finding a case on the home screen: the box asks the backend with the typed words, shows only the
// matching cases, says so when none match, pages the hits like the list, and "clear" brings the list back.
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../app';
import { fakeApi } from '../ipc/fake';
import type { CasePage } from '../ipc';
import { emptyIntake } from '../lib/wizard';
import { translate } from '../i18n';
import { PAGE } from '../screens/Cases';
import { $, $$, click, mount, root, type, unmount, until } from './dom';

const titles = () => $$('case-title').map((e) => e.textContent);

describe('case search', () => {
  beforeEach(mount);
  afterEach(unmount);

  it('shows only the cases with every word, says when none match, and clears back to the list', async () => {
    const api = fakeApi();
    await api.caseCreate({ ...emptyIntake(), order_id: '20240520001', product: 'Game card' });
    await api.caseCreate({ ...emptyIntake(), order_id: '20240601777', product: 'Game points' });
    await api.caseCreate({ ...emptyIntake(), order_id: '20240701888', product: 'Video membership' });
    const asked: (CasePage | undefined)[] = [];
    const list = api.caseList;
    api.caseList = (page) => {
      asked.push(page);
      return list(page);
    };
    render(<App api={api} />, root);
    await until(() => $$('case-item').length === 3);
    expect(asked[0]).toEqual({ offset: 0, limit: PAGE + 1 });

    await type('case-search', 'game');
    await until(() => $$('case-item').length === 2);
    expect(asked[asked.length - 1]).toEqual({ offset: 0, limit: PAGE + 1, query: 'game' });

    await type('case-search', 'GAME 0601');
    await until(() => $$('case-item').length === 1);
    expect(titles()[0]).toContain('Game points');

    await type('case-search', 'nothing-like-this');
    await until(() => $('case-search-none') !== null);
    expect($('case-search-none')!.textContent).toBe(translate('zh-CN', 'cases.searchNone', { query: 'nothing-like-this' }));
    // Not the first-start card: the user has cases, just none that match.
    expect($$('case-item').length).toBe(0);
    expect(document.body.textContent).not.toContain(translate('zh-CN', 'cases.emptyTitle'));

    await click('case-search-clear');
    await until(() => $$('case-item').length === 3);
    expect(($('case-search') as HTMLInputElement).value).toBe('');
    expect($('case-search-none')).toBeNull();
  });

  it('pages the hits like the list', async () => {
    const api = fakeApi();
    // The one case that does not match comes first, so the unfiltered first page shows it.
    await api.caseCreate({ ...emptyIntake(), product: 'Membership' });
    for (let i = 0; i < PAGE + 2; i++) await api.caseCreate({ ...emptyIntake(), product: `Card ${i}` });
    render(<App api={api} />, root);
    await until(() => $$('case-item').length === PAGE);
    const membership = () => titles().some((t) => t!.includes('Membership'));
    expect(membership()).toBe(true);
    await type('case-search', 'card');
    await until(() => !membership() && $$('case-item').length === PAGE && $('cases-more') !== null);
    await click('cases-more');
    await until(() => $$('case-item').length === PAGE + 2);
    expect(membership()).toBe(false);
    expect($('cases-more')).toBeNull();
  });

  it('a first start without cases shows no search box, only the way to begin', async () => {
    render(<App api={fakeApi()} />, root);
    await until(() => $('case-search') === null && document.body.textContent!.includes(translate('zh-CN', 'cases.emptyTitle')));
    expect($('case-search')).toBeNull();
  });
});
