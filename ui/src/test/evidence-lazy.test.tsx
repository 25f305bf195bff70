// @vitest-environment happy-dom
// A case with more pictures than the gallery sends inline: the first thumbnails come with the list,
// each later one is asked for only when its place nears the screen (an IntersectionObserver the
// test drives, as happy-dom's never fires), and one that cannot be read shows "no picture".
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../app';
import { fakeApi, INLINE_THUMBNAILS, type FakeApi } from '../ipc/fake';
import { emptyIntake } from '../lib/wizard';
import { translate } from '../i18n';
import { $, $$, click, mount, root, unmount, until } from './dom';

/** Records what is observed; `show(el)` tells its observer the element came into view. */
class Observer {
  static all: Observer[] = [];
  targets: Element[] = [];
  constructor(private readonly callback: (entries: { isIntersecting: boolean; target: Element }[]) => void) {
    Observer.all.push(this);
  }
  observe(el: Element) {
    this.targets.push(el);
  }
  disconnect() {
    this.targets = [];
  }
  unobserve() {}
  takeRecords() {
    return [];
  }
  static show(el: Element) {
    for (const o of Observer.all.filter((o) => o.targets.includes(el))) o.callback([{ isIntersecting: true, target: el }]);
  }
}

describe('a large gallery', () => {
  let api: FakeApi;
  const real = globalThis.IntersectionObserver;
  beforeEach(() => {
    mount();
    api = fakeApi();
    Observer.all = [];
    (globalThis as { IntersectionObserver: unknown }).IntersectionObserver = Observer;
  });
  afterEach(() => {
    unmount();
    (globalThis as { IntersectionObserver: unknown }).IntersectionObserver = real;
  });

  it('asks for a later thumbnail only when its place comes into view', async () => {
    const d = await api.caseCreate({ ...emptyIntake(), order_id: '20240520001', product: 'Game card' });
    const extra = 3;
    const paths = Array.from({ length: INLINE_THUMBNAILS + extra }, (_, i) => `/home/u/shot-${i}.png`);
    await api.evidenceImportPaths(d.summary.id, paths, 'chat', '');
    render(<App api={api} />, root);
    await until(() => $('case-item') !== null);
    await click('case-item');
    await until(() => $$('evidence-item').length === INLINE_THUMBNAILS + extra);

    expect($$('evidence-thumb')).toHaveLength(INLINE_THUMBNAILS);
    const waiting = $$('evidence-thumb-later');
    expect(waiting).toHaveLength(extra);
    expect(waiting[0].textContent).toBe(translate('zh-CN', 'common.loading'));
    expect(api.thumbnailsAsked).toEqual([]); // nothing asked for before it is seen

    Observer.show(waiting[0]);
    await until(() => $$('evidence-thumb').length === INLINE_THUMBNAILS + 1);
    expect(api.thumbnailsAsked).toHaveLength(1);
    expect($$('evidence-thumb-later')).toHaveLength(extra - 1);

    // One that cannot be read any more (removed meanwhile) shows "no picture", not a spinner.
    const [next] = $$('evidence-thumb-later');
    const gone = api.thumbnailsAsked.length;
    const remaining = (await api.evidenceList(d.summary.id)).items.filter((i) => i.thumbnail_later);
    await api.evidenceRemove(remaining[1].id);
    Observer.show(next);
    await until(() => $$('evidence-thumb-later').length === extra - 2);
    expect(api.thumbnailsAsked.length).toBe(gone);
    expect(root.textContent).toContain(translate('zh-CN', 'ev.noPicture'));
  });
});
