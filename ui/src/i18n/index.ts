// t(key, params): flat tables, `{name}` parameters. The language comes from Settings.lang.
import { zhCN } from './zh-CN';

/** `zh-Hant`: Traditional characters with Taiwan/Hong Kong wording (帳號, 設定, 訊息, 影片). */
export type Lang = 'zh-CN' | 'zh-Hant' | 'en';
export type Key = keyof typeof zhCN;
export type Params = Record<string, string | number>;
export type T = (key: Key, params?: Params) => string;

export const LANGS: readonly Lang[] = ['zh-CN', 'zh-Hant', 'en'];

/** Each language by its own name, whatever the language of the screen (how pickers list them). */
export const LANG_NAMES: Record<Lang, string> = { 'zh-CN': '简体中文', 'zh-Hant': '繁體中文', en: 'English' };

type Table = Record<Key, string>;

/**
 * The tables loaded so far. Simplified Chinese, the first language and every table's fallback, is in
 * the first script; English and Traditional Chinese are chunks of their own, loaded when chosen
 * ([`loadLang`]), so a start parses one language instead of three.
 */
const loaded: Partial<Record<Lang, Table>> = { 'zh-CN': zhCN };

/** Loads a language's table; call it before drawing in that language (until then it falls back to zh-CN). */
export async function loadLang(lang: Lang): Promise<void> {
  if (loaded[lang]) return;
  loaded[lang] = lang === 'en' ? (await import('./en')).en : (await import('./zh-Hant')).zhHant;
}

/** Whether a language's table is loaded (what `loadLang` is for). */
export function isLoaded(lang: Lang): boolean {
  return loaded[lang] !== undefined;
}

/** A stored setting → a language; anything unknown is simplified Chinese (the app's first language). */
export function toLang(s: string | null | undefined): Lang {
  return s === 'en' || s === 'zh-Hant' ? s : 'zh-CN';
}

/**
 * The language for a first start, from the system's preferred languages (BCP 47, best first, as
 * `navigator.languages` gives them): the first Chinese one decides, Traditional for Taiwan, Hong Kong,
 * Macao and any `zh-Hant` tag. Everything else stays simplified Chinese, as before there was a choice:
 * the app is for Chinese platforms, and an English system is common among Chinese users abroad.
 */
export function langFromLocales(locales: readonly string[]): Lang {
  for (const raw of locales) {
    const [primary, ...rest] = raw.toLowerCase().replace(/_/g, '-').split('-');
    if (primary !== 'zh') continue;
    const traditional = rest.some((s) => s === 'hant' || s === 'tw' || s === 'hk' || s === 'mo');
    return traditional && !rest.includes('hans') ? 'zh-Hant' : 'zh-CN';
  }
  return 'zh-CN';
}

export function translate(lang: Lang, key: Key, params?: Params): string {
  const s = loaded[lang]?.[key] ?? zhCN[key] ?? key;
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function makeT(lang: Lang): T {
  return (key, params) => translate(lang, key, params);
}

/** The sentence for an IPC error code (`err.<code>`, else the generic one). */
export function errorKey(code: string): Key {
  const k = `err.${code}`;
  return (k in zhCN ? k : 'err.unknown') as Key;
}
