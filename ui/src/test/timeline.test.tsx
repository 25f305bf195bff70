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

  it('asks the backend for the entries before the newest page', async () => {
    const fake = fakeApi();
    await fake.caseCreate({ ...emptyIntake(), product: 'Game card' });
    const total = 1234;
    const entry = (n: number) => ({ at: '2026-03-01T10:00:00+08:00', kind: 'note', text: `entry ${n}` });
    const asked: [number, number][] = [];
    // The backend's contract: the newest page with the count; earlier entries by (skip, limit).
    const api = {
      ...fake,
      caseGet: async (id: string) => ({
        ...(await fake.caseGet(id)),
        timeline: Array.from({ length: TIMELINE_PAGE }, (_, i) => entry(total - TIMELINE_PAGE + i)),
        timeline_total: total,
      }),
      caseTimeline: async (_id: string, skip: number, limit: number) => {
        asked.push([skip, limit]);
        const from = Math.max(0, total - skip - limit);
        return Array.from({ length: total - skip - from }, (_, i) => entry(from + i));
      },
    };
    render(<App api={api} />, root);
    await until(() => $('case-item') !== null);
    await click('case-item');
    await until(() => items().length > 0);
    expect(items().length).toBe(TIMELINE_PAGE);
    expect(asked).toEqual([]);
    expect($('timeline-earlier')!.textContent).toBe(translate('zh-CN', 'case.timelineEarlier', { n: total - TIMELINE_PAGE }));
    await click('timeline-earlier');
    await until(() => items().length === TIMELINE_PAGE * 6);
    expect(asked).toEqual([[TIMELINE_PAGE, TIMELINE_PAGE * 5]]);
    // Oldest first, without gaps: the first drawn is the one just before the 600 newest.
    expect(items()[0].textContent).toContain(`entry ${total - TIMELINE_PAGE * 6}`);
    expect(items()[TIMELINE_PAGE * 6 - 1].textContent).toContain(`entry ${total - 1}`);
    await click('timeline-earlier');
    await until(() => items().length === TIMELINE_PAGE * 11);
    await click('timeline-earlier');
    await until(() => items().length === total);
    expect(asked).toEqual([100, 600, 1100].map((skip) => [skip, TIMELINE_PAGE * 5]));
    expect(items()[0].textContent).toContain('entry 0');
    expect($('timeline-earlier')).toBeNull();
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
