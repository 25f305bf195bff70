import { beforeAll, describe, expect, it } from 'vitest';
import { baseName, formatSize, lockedKey, newPasswordProblem, outcomeRow, pastedImage, pastedName, pasteKeys, settingUp, suggestedKind } from './evidence';
import { loadLang, makeT } from '../i18n';
import { zhCN } from '../i18n/zh-CN';
import { en } from '../i18n/en';
import type { Checklist, ImportOutcome } from '../ipc';

const t = makeT('zh-CN');


// English is a chunk of its own, loaded when chosen (the app does it before drawing).
beforeAll(() => loadLang('en'));
describe('evidence helpers', () => {
  it('formats sizes', () => {
    expect(formatSize(12, 'zh-CN')).toBe('12 B');
    expect(formatSize(2048, 'en')).toBe('2 KB');
    expect(formatSize(8.5 * 1024 * 1024, 'zh-CN')).toBe('8.5 MB');
  });

  it('takes the file name of any platform path', () => {
    expect(baseName('/home/u/截图 1.png')).toBe('截图 1.png');
    expect(baseName('C:\\Users\\u\\pay.jpg')).toBe('pay.jpg');
    expect(baseName('plain')).toBe('plain');
  });

  it('turns outcomes into rows with the reason in the user language', () => {
    const base: ImportOutcome = { name: 'a.png', item: null, duplicate: false, error_code: null, error: null };
    const item = {} as NonNullable<ImportOutcome['item']>;
    expect(outcomeRow({ ...base, item }, t).state).toBe('added');
    expect(outcomeRow({ ...base, item, duplicate: true }, t).state).toBe('duplicate');
    const bad = outcomeRow({ ...base, error_code: 'bad_image', error: 'x' }, t);
    expect(bad).toEqual({ name: 'a.png', state: 'failed', reason: zhCN['err.bad_image'] });
    expect(outcomeRow({ ...base, error_code: 'image_too_large' }, makeT('en')).reason).toBe(en['err.image_too_large']);
    expect(outcomeRow({ ...base, error_code: 'unreadable' }, t).reason).toBe(zhCN['err.unreadable']);
    expect(outcomeRow({ ...base, error_code: 'something_new' }, t).reason).toBe(zhCN['err.unknown']);
  });

  it('suggests the first kind the checklist still misses', () => {
    const c = (covered: boolean[]): Checklist => ({
      channel: { code: 'online_chat', label: '在线客服' }, covered: 0, total: 3,
      items: [
        { code: 'order_id', label: '', hint: '', kinds: [], covered: false },
        { code: 'payment', label: '', hint: '', kinds: ['transfer'], covered: covered[0] },
        { code: 'problem_screen', label: '', hint: '', kinds: ['error', 'product'], covered: covered[1] },
      ],
    });
    expect(suggestedKind(c([false, false]))).toBe('transfer');
    expect(suggestedKind(c([true, false]))).toBe('error');
    expect(suggestedKind(c([true, true]))).toBe('other');
    expect(suggestedKind(null)).toBe('other');
  });

  it('explains each locked state, and anything else generically', () => {
    expect(lockedKey('keychain_unavailable')).toBe('ev.locked.keychain_unavailable');
    expect(lockedKey('wrong_passphrase')).toBe('ev.locked.wrong_passphrase');
    expect(lockedKey('io')).toBe('ev.locked.other');
    expect(lockedKey(null)).toBe('ev.locked.other');
    expect(lockedKey('keychain_needed')).toBe('ev.locked.keychain_needed');
    expect(lockedKey('config_missing')).toBe('ev.locked.config_missing');
    expect(zhCN['ev.locked.keychain_needed']).toContain('钥匙串');
    expect(zhCN['ev.locked.config_missing']).toContain('vault.json');
  });

  it('a new password is chosen (8+ characters, twice); an existing one is only entered', () => {
    expect(settingUp('keychain_unavailable')).toBe(true);
    for (const code of ['passphrase_needed', 'wrong_passphrase', 'keychain_needed', null]) expect(settingUp(code)).toBe(false);
    expect(newPasswordProblem('short', 'short')).toBe('ev.passTooShort');
    expect(newPasswordProblem('密码密码密码密', '密码密码密码密')).toBe('ev.passTooShort');
    expect(newPasswordProblem('correct horse', 'correct hose')).toBe('ev.passMismatch');
    expect(newPasswordProblem('correct horse', 'correct horse')).toBeNull();
  });

  it('names pasted images by time and type', () => {
    const d = new Date(2024, 4, 20, 15, 4, 5);
    expect(pastedName(d, 'image/png', 'zh-CN')).toBe('粘贴的截图-20240520-150405.png');
    expect(pastedName(d, 'image/jpeg', 'en')).toBe('pasted-screenshot-20240520-150405.jpg');
  });

  it('finds an image on the clipboard and ignores text', () => {
    const png = new File([new Uint8Array([1])], 'x.png', { type: 'image/png' });
    const items = (list: { kind: string; type: string; file?: File }[]) =>
      ({ items: list.map((i) => ({ kind: i.kind, type: i.type, getAsFile: () => i.file ?? null })), files: [] }) as unknown as DataTransfer;
    expect(pastedImage(items([{ kind: 'string', type: 'text/plain' }, { kind: 'file', type: 'image/png', file: png }]))).toBe(png);
    expect(pastedImage(items([{ kind: 'string', type: 'text/plain' }]))).toBeNull();
    expect(pastedImage(null)).toBeNull();
  });

  it('shows the paste shortcut of the platform', () => {
    expect(pasteKeys('MacIntel')).toBe('⌘V');
    expect(pasteKeys('Linux x86_64')).toBe('Ctrl+V');
  });
});
