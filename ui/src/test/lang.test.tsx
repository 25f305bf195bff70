// @vitest-environment happy-dom
// The third language: choosing Traditional Chinese in the settings, and the first start following the system's language.
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../app';
import { fakeApi } from '../ipc/fake';
import type { Api } from '../ipc';
import { zhCN } from '../i18n/zh-CN';
import { zhHant } from '../i18n/zh-Hant';
import { LANG_NAMES, translate } from '../i18n';
import { formatBoth } from '../lib/time';

const wait = (ms = 30) => new Promise((r) => setTimeout(r, ms));
let root: HTMLElement;
const $ = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

async function start(api: Api) {
  root = document.createElement('div');
  document.body.appendChild(root);
  render(<App api={api} />, root);
  for (let waited = 0; !$('nav-cases') && waited < 5000; waited += 25) await wait(25);
}

/** A fake whose store has no language yet, as on the very first start. */
function firstStart(): Api {
  const api = fakeApi();
  const get = api.settingsGet;
  let fresh = true;
  api.settingsGet = async () => {
    const s = await get();
    if (!fresh) return s;
    fresh = false;
    return { ...s, lang_chosen: false };
  };
  return api;
}

describe('language', () => {
  afterEach(() => {
    render(null, root);
    root.remove();
    vi.restoreAllMocks();
  });

  it('switches to Traditional Chinese from the settings, and back', async () => {
    const api = fakeApi();
    await start(api);
    $('nav-settings')!.click();
    await wait();
    const select = $('settings-lang') as unknown as HTMLSelectElement;
    const names = [...select.options].map((o) => o.textContent);
    expect(names).toContain(LANG_NAMES['zh-Hant']);
    select.value = 'zh-Hant';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await wait();
    expect($('nav-settings')!.textContent).toBe(zhHant['nav.settings']);
    expect($('nav-settings')!.textContent).not.toBe(zhCN['nav.settings']);
    expect(document.documentElement.getAttribute('lang')).toBe('zh-Hant');
    expect((await api.settingsGet()).lang).toBe('zh-Hant');
    const again = $('settings-lang') as unknown as HTMLSelectElement;
    again.value = 'zh-CN';
    again.dispatchEvent(new Event('change', { bubbles: true }));
    await wait();
    expect($('nav-settings')!.textContent).toBe(zhCN['nav.settings']);
  });

  it('keeps the texts for platforms in simplified characters unless the user asks', async () => {
    const api = fakeApi();
    await start(api);
    $('nav-settings')!.click();
    await wait();
    const select = $('settings-send-lang') as unknown as HTMLSelectElement;
    expect(select.value).toBe('zh-CN');
    select.value = 'zh-Hant';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await wait();
    const saved = await api.settingsGet();
    expect(saved.send_lang).toBe('zh-Hant');
    expect(saved.lang).toBe('zh-CN');
  });

  it('follows a Taiwan or Hong Kong system on the first start, and saves it', async () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['zh-HK', 'en']);
    const api = firstStart();
    await start(api);
    expect($('nav-settings')!.textContent).toBe(zhHant['nav.settings']);
    const saved = await api.settingsGet();
    expect(saved.lang).toBe('zh-Hant');
    expect(saved.lang_chosen).toBe(true);
  });

  it('stays in simplified Chinese on other systems', async () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-US']);
    const api = firstStart();
    await start(api);
    expect($('nav-settings')!.textContent).toBe(zhCN['nav.settings']);
    expect((await api.settingsGet()).lang).toBe('zh-CN');
  });

  it('shows Beijing time beside the local time for a user abroad, in Traditional too', () => {
    // A user in Taipei is on Beijing's offset; one in Vancouver (UTC-8) is not.
    const at = '2026-12-04T09:00:00+08:00';
    const now = new Date('2026-12-03T00:00:00Z');
    const zone = (bj: boolean, hm: string) => translate('zh-Hant', bj ? 'time.beijing' : 'time.platform', { time: hm });
    const abroad = formatBoth(at, 'zh-Hant', zone, now, -480);
    expect(abroad.startsWith('12')).toBe(true);
    expect(abroad).toContain('17:00');
    expect(abroad).toContain(translate('zh-Hant', 'time.beijing', { time: '09:00' }));
    expect(translate('zh-Hant', 'time.beijing', { time: '09:00' })).not.toBe(translate('zh-CN', 'time.beijing', { time: '09:00' }));
    expect(formatBoth(at, 'zh-Hant', zone, now, 480)).not.toContain('09:00）');
  });

  it('does not follow the system once a language was chosen', async () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['zh-TW']);
    const api = fakeApi();
    await start(api);
    expect($('nav-settings')!.textContent).toBe(zhCN['nav.settings']);
  });
});
