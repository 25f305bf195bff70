// @vitest-environment happy-dom
// The evidence section through the real components with the in-memory fake API: add from the dialog with
// per-file outcomes, drop on the window, paste, the checklist ticks, edit, remove with confirmation, the
// full-size viewer, verify naming a damaged file, export showing where the zip went, and a locked vault.
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../app';
import { fakeApi, type FakeApi } from '../ipc/fake';
import { emptyIntake } from '../lib/wizard';
import { zhCN } from '../i18n/zh-CN';
import { translate } from '../i18n';
import { $, $$, click, mount, root, unmount, until, wait } from './dom';

const kindLabel = async (api: FakeApi, code: string) => {
  const id = (await api.caseList())[0].id;
  return (await api.evidenceList(id)).kinds.find((k) => k.code === code)!.label;
};

const covered = () => $$('check-item').map((li) => li.getAttribute('data-covered'));

async function openCase(api: FakeApi) {
  await api.caseCreate({ ...emptyIntake(), order_id: '20240520001', product: 'Game card' });
  render(<App api={api} />, root);
  // Poll instead of a fixed wait: on a loaded CI machine the first render can take longer.
  await until(() => $('case-item') !== null);
  await click('case-item');
  await wait(100);
}

describe('evidence on the case page', () => {
  let api: FakeApi;
  beforeEach(() => {
    mount();
    api = fakeApi();
  });
  afterEach(() => {
    unmount();
  });

  it('adds files from the dialog, one line per file with the reason in Chinese', async () => {
    await openCase(api);
    expect($('evidence-empty')).not.toBeNull();
    expect(covered()).toEqual(['true', 'false', 'false']);
    // The first missing kind is suggested.
    expect(($('evidence-kind') as HTMLSelectElement).value).toBe('transfer');
    api.nextPick = ['/home/u/payment.png', '/home/u/broken.png', '/home/u/bomb.png', '/home/u/notes.txt'];
    await click('evidence-add');
    await until(() => $$('evidence-item').length === 2 && $$('import-row').every((r) => r.getAttribute('data-state') !== 'working'));
    const rows = $$('import-row');
    expect(rows.map((r) => r.getAttribute('data-state'))).toEqual(['added', 'failed', 'failed', 'added']);
    expect(rows[1].textContent).toContain('broken.png');
    expect(rows[1].textContent).toContain(zhCN['err.bad_image']);
    expect(rows[2].textContent).toContain(zhCN['err.image_too_large']);
    expect($$('evidence-item')).toHaveLength(2);
    expect($$('evidence-thumb')).toHaveLength(1);
    expect($('evidence-gallery')!.textContent).toContain(await kindLabel(api, 'transfer'));
    expect(covered()).toEqual(['true', 'true', 'false']);
    // The timeline shows the new evidence.
    expect($('timeline')!.textContent).toContain('payment.png');
  });

  it('imports files dropped on the window and a pasted screenshot', async () => {
    await openCase(api);
    api.drop({ type: 'over', paths: ['/tmp/a.png'] });
    await wait();
    expect($('evidence-drop')!.classList.contains('is-over')).toBe(true);
    api.drop({ type: 'drop', paths: ['/tmp/error.png'] });
    await until(() => $$('evidence-item').length === 1);
    expect($('evidence-drop')!.classList.contains('is-over')).toBe(false);
    expect($$('evidence-item')).toHaveLength(1);

    const file = new File([new Uint8Array([137, 80, 78, 71])], 'image.png', { type: 'image/png' });
    const ev = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent;
    Object.defineProperty(ev, 'clipboardData', {
      value: { items: [{ kind: 'file', type: 'image/png', getAsFile: () => file }], files: [] },
    });
    document.body.dispatchEvent(ev);
    await until(() => $$('evidence-item').length === 2);
    expect(ev.defaultPrevented).toBe(true);
    const items = $$('evidence-item');
    expect(items).toHaveLength(2);
    expect(items[1].textContent).toMatch(/-\d{8}-\d{6}\.png/);
  });

  it('edits, views full size and removes with confirmation', async () => {
    await openCase(api);
    api.nextPick = ['/home/u/chat.png'];
    await click('evidence-add');
    await until(() => $$('evidence-item').length === 1);
    await click('evidence-edit');
    const sel = $('evidence-edit-kind') as HTMLSelectElement;
    sel.value = 'chat';
    sel.dispatchEvent(new Event('change', { bubbles: true }));
    const cap = $('evidence-edit-caption') as HTMLInputElement;
    cap.value = 'they said wait';
    cap.dispatchEvent(new Event('input', { bubbles: true }));
    await wait();
    await click('evidence-edit-save');
    await wait(50);
    expect($('evidence-gallery')!.textContent).toContain(await kindLabel(api, 'chat'));
    expect($('evidence-gallery')!.textContent).toContain('they said wait');

    await click('evidence-open');
    await wait(50);
    expect($('evidence-viewer')).not.toBeNull();
    expect(($('viewer-img') as HTMLImageElement).src).toMatch(/^blob:/);
    $('evidence-viewer')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await wait();
    expect($('evidence-viewer')).toBeNull();

    await click('evidence-remove');
    expect(root.textContent).toContain(translate('zh-CN', 'ev.removeConfirm', { name: 'chat.png' }));
    await click('evidence-remove-yes');
    await wait(50);
    expect($$('evidence-item')).toHaveLength(0);
  });

  it('verify names a damaged file; export says where the zip went', async () => {
    await openCase(api);
    api.nextPick = ['/home/u/pay.png', '/home/u/err.png'];
    await click('evidence-add');
    await until(() => $$('evidence-item').length === 2);
    await click('evidence-verify');
    await wait();
    expect($('verify-report')!.textContent).toContain(translate('zh-CN', 'ev.verifyOk', { n: 2 }));
    api.damage($$('evidence-item')[1].getAttribute('data-id')!);
    await click('evidence-verify');
    await wait();
    expect($$('verify-damaged').map((d) => d.textContent)).toEqual([expect.stringContaining('err.png')]);

    await click('evidence-export');
    await wait();
    const r = $('export-result')!.textContent!;
    expect(r).toContain('/home/user/Downloads/ReachRight-');
    expect(r).toContain(translate('zh-CN', 'ev.exportedFiles', { n: 2 }));
  });

  const type = async (id: string, value: string) => {
    const el = $(id) as HTMLInputElement;
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    await wait();
  };

  it('setting the vault up (no keychain) asks for a new password twice, 8+ characters, with a warning', async () => {
    api.lock();
    await openCase(api);
    expect($('vault-locked')!.textContent).toContain(zhCN['ev.locked.keychain_unavailable']);
    expect($('vault-form')!.getAttribute('data-mode')).toBe('setup');
    expect($('vault-setup-warning')!.textContent).toBe(zhCN['ev.setupWarning']);
    expect($('vault-unlock')!.textContent).toBe(zhCN['ev.setUp']);
    await type('vault-passphrase', 'short');
    await type('vault-passphrase-again', 'short');
    await click('vault-unlock');
    expect($('vault-pass-problem')!.textContent).toBe(zhCN['ev.passTooShort']);
    expect($('vault-locked')).not.toBeNull();
    await type('vault-passphrase', 'correct horse');
    await type('vault-passphrase-again', 'correct hose');
    await click('vault-unlock');
    expect($('vault-pass-problem')!.textContent).toBe(zhCN['ev.passMismatch']);
    await type('vault-passphrase-again', 'correct horse');
    await click('vault-unlock');
    await wait(50);
    expect($('vault-locked')).toBeNull();
    expect($('evidence-empty')).not.toBeNull();
  });

  it('unlocking asks for the password once, says when it is wrong, and shows a failed call', async () => {
    api.lock('passphrase_needed');
    await openCase(api);
    expect($('vault-form')!.getAttribute('data-mode')).toBe('unlock');
    expect($('vault-passphrase-again')).toBeNull();
    expect($('vault-setup-warning')).toBeNull();
    await type('vault-passphrase', 'wrong');
    await click('vault-unlock');
    await wait();
    expect($('vault-reason')!.textContent).toBe(zhCN['ev.locked.wrong_passphrase']);
    expect($('vault-passphrase-again')).toBeNull();
    // A failing call is shown, not swallowed, and the form stays usable.
    api.failUnlock = 'io';
    await type('vault-passphrase', 'secret');
    await click('vault-unlock');
    await wait();
    expect($('vault-locked')!.textContent).toContain(zhCN['err.io' as keyof typeof zhCN] ?? zhCN['err.unknown']);
    expect(($('vault-unlock') as HTMLButtonElement).disabled).toBe(false);
    await click('vault-unlock');
    await wait(50);
    expect($('vault-locked')).toBeNull();
  });

  it('a vault that needs its keychain or its settings file says so, and offers no password', async () => {
    for (const code of ['keychain_needed', 'config_missing'] as const) {
      api.lock(code);
      render(null, root);
      await openCase(api);
      expect($('vault-reason')!.textContent).toBe(zhCN[`ev.locked.${code}`]);
      expect($('vault-form')).toBeNull();
      expect($('vault-passphrase')).toBeNull();
    }
  });

  it('files dropped or pasted during an import are queued, not lost', async () => {
    await openCase(api);
    api.importDelay = 120;
    api.drop({ type: 'drop', paths: ['/tmp/first.png'] });
    await wait(10);
    api.drop({ type: 'drop', paths: ['/tmp/second.png'] });
    const file = new File([new Uint8Array([137, 80, 78, 71])], 'image.png', { type: 'image/png' });
    const ev = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent;
    Object.defineProperty(ev, 'clipboardData', {
      value: { items: [{ kind: 'file', type: 'image/png', getAsFile: () => file }], files: [] },
    });
    document.body.dispatchEvent(ev);
    await wait(20);
    expect(root.textContent).toContain(zhCN['ev.queued']);
    await until(() => $$('evidence-item').length === 3);
    await until(() => $$('import-row').every((r) => r.getAttribute('data-state') === 'added'));
    const names = $$('import-row').map((r) => r.textContent);
    expect(names).toEqual([expect.stringContaining('first.png'), expect.stringContaining('second.png'), expect.stringMatching(/-\d{8}-\d{6}\.png/)]);
  });

  it('export says which pictures lost their location data, which could not be processed, and where the zip is', async () => {
    await openCase(api);
    api.nextPick = ['/home/u/gps-photo.jpg', '/home/u/plain.png', '/home/u/camera.heic'];
    await click('evidence-add');
    await until(() => $$('evidence-item').length === 3);
    await click('evidence-export');
    await wait();
    expect($('export-location')!.textContent).toBe(translate('zh-CN', 'ev.locationRemoved', { names: 'gps-photo.jpg' }));
    expect($('export-location-unprocessed')!.textContent).toBe(translate('zh-CN', 'ev.locationUnprocessed', { names: 'camera.heic' }));
    // The file manager did not show it: no claim, the path to copy instead.
    expect($('export-revealed')).toBeNull();
    expect($('export-not-revealed')!.textContent).toContain(zhCN['ev.exportedShowFailed']);
    expect($('export-result')!.textContent).toContain('/home/user/Downloads/ReachRight-');
    expect($('export-result')!.textContent).not.toContain(zhCN['ev.exportedFolder'].split('{')[0]);
    expect($('export-copy-path')).not.toBeNull();

    api.revealWorks = true;
    ($('evidence-keep-location') as HTMLInputElement).click();
    await wait();
    await click('evidence-export');
    await wait();
    expect($('export-revealed')!.textContent).toBe(translate('zh-CN', 'ev.exportedFolder', { folder: '/home/user/Downloads' }));
    expect($('export-copy-path')).toBeNull();
    expect($('export-location')!.textContent).toBe(zhCN['ev.locationKept']);
    expect($('export-location-unprocessed')).toBeNull();
  });
});
