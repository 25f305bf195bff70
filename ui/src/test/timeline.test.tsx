// @vitest-environment happy-dom
// A case of years has thousands of history entries: the case page draws the newest first and adds
// earlier ones on demand, so it opens quickly; nothing is lost, the count of the rest is shown.
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../app';
import { fakeApi } from '../ipc/fake';
import { emptyIntake } from '../lib/wizard';
import { translate } from '../i18n';
import { TIMELINE_PAGE } from '../components/Timeline';
import { $, $$, click, mount, root, unmount, until } from './dom';

const items = () => root.querySelectorAll('[data-testid="timeline"] li');

describe('case history', () => {
  beforeEach(mount);
  afterEach(unmount);

  it('draws the newest entries and shows earlier ones on demand', async () => {
    const api = fakeApi();
    const d = await api.caseCreate({ ...emptyIntake(), product: 'Game card' });
    const contacts = TIMELINE_PAGE + 30;
    for (let i = 0; i < contacts; i++) {
      await api.contactLog(d.summary.id, { channel: 'online_chat', at: '', outcome: 'no_response', note: `try ${i}`, reference: '' });
    }
    const total = (await api.caseGet(d.summary.id)).timeline.length;
    expect(total).toBeGreaterThan(TIMELINE_PAGE);
    render(<App api={api} />, root);
    await until(() => $('case-item') !== null);
    await click('case-item');
    await until(() => items().length > 0);
    expect(items().length).toBe(TIMELINE_PAGE);
    // The newest is drawn; the oldest (the case's creation) is behind the button with its count.
    const last = (await api.caseGet(d.summary.id)).timeline[total - 1];
    expect(items()[TIMELINE_PAGE - 1].textContent).toContain(last.text);
    expect($('timeline-earlier')!.textContent).toBe(translate('zh-CN', 'case.timelineEarlier', { n: total - TIMELINE_PAGE }));
    await click('timeline-earlier');
    await until(() => items().length === total);
    expect($$('timeline-earlier').length).toBe(0);
  });

  it('a short history is drawn whole, without the button', async () => {
    const api = fakeApi();
    await api.caseCreate({ ...emptyIntake(), product: 'Game card' });
    render(<App api={api} />, root);
    await until(() => $('case-item') !== null);
    await click('case-item');
    await until(() => items().length > 0);
    expect($('timeline-earlier')).toBeNull();
  });
});
