// The evidence section's logic, kept out of the components so it is tested on its own.
import type { Key, Lang, T } from '../i18n';
import { errorKey } from '../i18n';
import type { Checklist, ImportOutcome } from '../ipc';

/** `1.2 MB`, `820 KB`, `12 B`. */
export function formatSize(bytes: number, lang: Lang): string {
  const sep = ' ';
  void lang;
  if (bytes < 1024) return `${bytes}${sep}B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)}${sep}KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)}${sep}MB`;
}

/** One row of the import progress list. */
export interface ImportRow {
  name: string;
  state: 'waiting' | 'working' | 'added' | 'duplicate' | 'failed';
  /** The reason in the user's language, for failures. */
  reason?: string;
}

/** A file's name from a path of any platform. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

/** What one import outcome means for the user: the state and, when it failed, why (in their language). */
export function outcomeRow(o: ImportOutcome, t: T): ImportRow {
  if (o.item && o.duplicate) return { name: o.name, state: 'duplicate' };
  if (o.item) return { name: o.name, state: 'added' };
  return { name: o.name, state: 'failed', reason: t(errorKey(o.error_code ?? 'unknown')) };
}

/** The kind a new item gets by default: the first kind the checklist still misses, else `other`. */
export function suggestedKind(checklist: Checklist | null | undefined): string {
  const todo = checklist?.items.find((i) => !i.covered && i.kinds.length > 0);
  return todo?.kinds[0] ?? 'other';
}

/** The vault-locked explanation for an error code. */
export function lockedKey(code: string | null | undefined): Key {
  switch (code) {
    case 'keychain_unavailable':
    case 'passphrase_needed':
    case 'wrong_passphrase':
    case 'key_missing':
    case 'keychain_needed':
    case 'config_missing':
      return `ev.locked.${code}` as Key;
    default:
      return 'ev.locked.other';
  }
}

/** The vault is being set up (no keychain, first use): the password is chosen, not entered. */
export function settingUp(code: string | null | undefined): boolean {
  return code === 'keychain_unavailable';
}

/** What is wrong with a new password, or null: at least 8 characters, typed the same twice. */
export function newPasswordProblem(pass: string, again: string): Key | null {
  if ([...pass].length < 8) return 'ev.passTooShort';
  if (pass !== again) return 'ev.passMismatch';
  return null;
}

const PASTED: Record<Lang, string> = { 'zh-CN': '粘贴的截图', 'zh-Hant': '貼上的截圖', en: 'pasted-screenshot' };

/** The name a pasted image is stored under: `粘贴的截图-20240520-150000.png`. */
export function pastedName(now: Date, mediaType: string, lang: Lang): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  const ext = ({ 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/bmp': 'bmp' } as Record<string, string>)[mediaType] ?? 'png';
  return `${PASTED[lang]}-${stamp}.${ext}`;
}

/** The first image on the clipboard of a paste event, if any. */
export function pastedImage(data: DataTransfer | null): File | null {
  if (!data) return null;
  for (const item of Array.from(data.items ?? [])) {
    if (item.kind === 'file' && item.type.startsWith('image/')) return item.getAsFile();
  }
  for (const f of Array.from(data.files ?? [])) if (f.type.startsWith('image/')) return f;
  return null;
}

/** Ctrl+V, or ⌘V on a Mac. */
export function pasteKeys(platform: string): string {
  return /Mac|iPhone|iPad/i.test(platform) ? '⌘V' : 'Ctrl+V';
}
