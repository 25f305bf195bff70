// @vitest-environment happy-dom
// The home screen lists cases a page at a time: the first page, then "show more" for the next.
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../app';
import { fakeApi } from '../ipc/fake';
import type { CasePage } from '../ipc';
import { emptyIntake } from '../lib/wizard';
import { PAGE } from '../screens/Cases';

const wait = (ms = 30) => new Promise((r) => setTimeout(r, ms));
let root: HTMLElement;
const items = () => root.querySelectorAll('[data-testid="case-item"]').length;
const more = () => root.querySelector<HTMLElement>('[data-testid="cases-more"]');
const until = async (ok: () => boolean) => {
  for (let waited = 0; !ok() && waited < 5000; waited += 25) await wait(25);
};

describe('case list pages', () => {
  afterEach(() => {
    render(null, root);
    root.remove();
  });

  it('shows one page, asks only for that page, and loads the rest on demand', async () => {
    const api = fakeApi();
    for (let i = 0; i < PAGE + 3; i++) await api.caseCreate({ ...emptyIntake(), product: `Card ${i}` });
    const asked: (CasePage | undefined)[] = [];
    const list = api.caseList;
    api.caseList = (page) => {
      asked.push(page);
      return list(page);
    };
    root = document.createElement('div');
    document.body.appendChild(root);
    render(<App api={api} />, root);
    await until(() => items() > 0);
    expect(items()).toBe(PAGE);
    expect(asked).toEqual([{ offset: 0, limit: PAGE + 1 }]);
    expect(more()).not.toBeNull();

    more()!.click();
    await until(() => items() > PAGE);
    expect(items()).toBe(PAGE + 3);
    expect(asked[1]).toEqual({ offset: PAGE, limit: PAGE + 1 });
    expect(more()).toBeNull();
  });

  it('has no "show more" when every case fits on the first page', async () => {
    const api = fakeApi();
    await api.caseCreate({ ...emptyIntake(), product: 'Card' });
    root = document.createElement('div');
    document.body.appendChild(root);
    render(<App api={api} />, root);
    await until(() => items() > 0);
    expect(items()).toBe(1);
    expect(more()).toBeNull();
  });
});
