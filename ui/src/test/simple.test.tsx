// @vitest-environment happy-dom
// Simple mode through the real components with the fake API: the first start's inline question, the tiles
// to the answer in two taps, the story field, "more", read-aloud and its no-voice message, the family
// hand-off, the settings switch, and no pop-ups anywhere on the way.
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../app';
import { fakeApi, type FakeApi } from '../ipc/fake';
import { zhCN } from '../i18n/zh-CN';
import { TILES } from '../screens/Simple';

const wait = (ms = 30) => new Promise((r) => setTimeout(r, ms));
let root: HTMLElement;
let taps = 0;
const $ = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const screen = () => root.querySelector('[data-screen]')?.getAttribute('data-screen');
const find = async (id: string) => {
  for (let waited = 0; !$(id) && waited < 5000; waited += 25) await wait(25);
  return $(id);
};
/** A tap: counted, so the test can say how many it took to reach the answer. */
const tap = async (id: string) => {
  const el = await find(id);
  if (!el) throw new Error(`no ${id} on ${screen()}`);
  taps += 1;
  el.click();
  await wait();
};
const untilScreen = async (name: string) => {
  for (let waited = 0; screen() !== name && waited < 5000; waited += 25) await wait(25);
  expect(screen()).toBe(name);
};

async function start(api: FakeApi) {
  render(<App api={api} />, root);
  await wait(50);
  taps = 0;
}

describe('simple mode', () => {
  let api: FakeApi;
  const popups = { alert: vi.fn(), confirm: vi.fn(), prompt: vi.fn() };
  beforeEach(() => {
    root = document.createElement('div');
    document.body.appendChild(root);
    api = fakeApi();
    window.alert = popups.alert;
    window.confirm = popups.confirm;
    window.prompt = popups.prompt;
    Object.values(popups).forEach((f) => f.mockClear());
  });
  afterEach(() => {
    render(null, root);
    root.remove();
    // No pop-ups (MIIT): nothing was shown in a dialog on any path of these tests.
    for (const f of Object.values(popups)) expect(f).not.toHaveBeenCalled();
    expect(document.querySelector('dialog, [role="dialog"], [role="alertdialog"]')).toBeNull();
    document.documentElement.removeAttribute('data-simple');
  });

  it('asks once on the first start, inline, and reaches the answer in two taps', async () => {
    await start(api);
    expect(screen()).toBe('cases');
    const offer = $('elder-offer')!;
    expect(offer.textContent).toContain(zhCN['elder.offer.q']);
    await tap('elder-offer-yes');
    await untilScreen('elder');
    expect((await api.settingsGet()).simple_mode).toBe(true);
    expect(document.documentElement.hasAttribute('data-simple')).toBe(true);
    // The mode's text is never under 20 px, whatever the slider says.
    expect(document.documentElement.style.fontSize).toBe('20px');
    await tap('elder-tile-not_arrived');
    await untilScreen('elder-answer');
    expect(taps).toBe(2);
    expect(api.simpleAsks).toEqual([{ tile: 'not_arrived', story: '', platform_id: null }]);
    expect($('elder-headline')!.textContent).toBe('Call the support line now.');
    expect($('elder-number')!.textContent).toBe('400-000-0000');
    expect($('elder-light')!.dataset.open).toBe('yes');
    expect($('elder-light')!.textContent).toBe(zhCN['elder.open']);
    expect($('elder-call')!.getAttribute('href')).toBe('tel:400-000-0000');
    expect([...$('elder-questions')!.querySelectorAll('li')].map((li) => li.textContent)).toEqual(
      (await api.simpleAnswer({ tile: 'not_arrived', story: '', platform_id: null })).questions,
    );
  });

  it('"no" keeps the usual home and does not ask again', async () => {
    await start(api);
    await tap('elder-offer-no');
    expect((await api.settingsGet()).simple_mode).toBe(false);
    expect($('elder-offer')).toBeNull();
    expect(screen()).toBe('cases');
  });

  describe('started in the mode', () => {
    beforeEach(async () => {
      await api.settingsSave({ ...(await api.settingsGet()), simple_mode: true });
      await start(api);
    });

    it('opens on the tiles: one tap to any answer, each tile its own code', async () => {
      expect(screen()).toBe('elder');
      expect($('nav-cases')).toBeNull(); // the menu is behind "more"
      for (const code of TILES) {
        expect($(`elder-tile-${code}`)!.textContent).toBe(zhCN[`elder.tile.${code}`]);
      }
      await tap('elder-tile-refund');
      await untilScreen('elder-answer');
      expect(taps).toBe(1);
      expect(api.simpleAsks[api.simpleAsks.length - 1]!.tile).toBe('refund');
      await tap('elder-back');
      expect(screen()).toBe('elder');
    });

    it('shows when a closed line opens instead of "open now"', async () => {
      api.simpleClosed = true;
      await tap('elder-tile-not_arrived');
      await untilScreen('elder-answer');
      const light = $('elder-light')!;
      expect(light.dataset.open).toBe('no');
      expect(light.classList.contains('is-closed')).toBe(true);
      expect(light.textContent).not.toBe(zhCN['elder.open']);
      // 09:00 Beijing time: the machine's clock, with Beijing's beside it where they differ.
      const local = new Date('2024-05-21T09:00:00+08:00');
      const hm = `${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}`;
      expect(light.textContent).toContain(hm);
      if (local.getTimezoneOffset() !== -480) expect(light.textContent).toContain('09:00');
    });

    it('takes the story as text and asks with it', async () => {
      expect(($('elder-say-go') as HTMLButtonElement).disabled).toBe(true);
      const box = $('elder-story') as HTMLTextAreaElement;
      box.value = 'order 20240520001 paid, nothing arrived';
      box.dispatchEvent(new Event('input', { bubbles: true }));
      await wait();
      await tap('elder-say-go');
      await untilScreen('elder-answer');
      expect(api.simpleAsks[api.simpleAsks.length - 1]).toEqual({ tile: null, story: 'order 20240520001 paid, nothing arrived', platform_id: null });
    });

    it('reads the answer aloud, stops, and says plainly when there is no voice', async () => {
      await tap('elder-tile-card_key');
      await untilScreen('elder-answer');
      const answer = await api.simpleAnswer({ tile: 'card_key', story: '', platform_id: null });
      expect(($('elder-stop') as HTMLButtonElement).disabled).toBe(true);
      await tap('elder-read');
      expect(api.spoken).toEqual([answer.speech]);
      expect($('elder-reading')!.textContent).toBe(zhCN['elder.reading']);
      await tap('elder-stop');
      expect(api.stops).toBeGreaterThanOrEqual(1);
      expect($('elder-reading')!.textContent).toBe('');

      api.speechError = 'speech_no_voice';
      await tap('elder-read');
      const note = root.querySelector('#elder-read-error')!;
      expect(note.getAttribute('role')).toBe('alert');
      expect(note.textContent).toContain(zhCN['err.speech_no_voice']);
      api.speechError = 'speech_unavailable';
      await tap('elder-read');
      expect(root.querySelector('#elder-read-error')!.textContent).toContain(zhCN['err.speech_unavailable']);
    });

    it('hands the case to a relative as text and QR', async () => {
      await tap('elder-tile-stolen');
      await untilScreen('elder-answer');
      expect($('elder-family-panel')).toBeNull();
      await tap('elder-family');
      const panel = $('elder-family-panel')!;
      const answer = await api.simpleAnswer({ tile: 'stolen', story: '', platform_id: null });
      expect(panel.querySelector('pre')!.textContent).toBe(answer.family.text);
      expect(panel.querySelector('img')!.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
      expect(panel.querySelector('img')!.getAttribute('alt')).toBe(zhCN['elder.familyQrAlt']);
    });

    it('"more" opens the whole app one tap away, and the menu leads back', async () => {
      await tap('elder-more');
      expect(screen()).toBe('cases');
      expect($('nav-cases')).not.toBeNull();
      expect($('elder-offer')).toBeNull(); // already answered
      await tap('nav-simple');
      expect(screen()).toBe('elder');
    });

    it('can be left from the mode itself and switched back in the settings', async () => {
      await tap('elder-leave');
      await untilScreen('cases');
      expect((await api.settingsGet()).simple_mode).toBe(false);
      expect(document.documentElement.hasAttribute('data-simple')).toBe(false);
      await tap('nav-settings');
      const box = $('settings-simple') as HTMLInputElement;
      expect(box.checked).toBe(false);
      box.click();
      await untilScreen('elder');
      expect((await api.settingsGet()).simple_mode).toBe(true);
    });
  });
});
