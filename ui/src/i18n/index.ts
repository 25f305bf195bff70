// t(key, params): flat tables, `{name}` parameters. The language comes from Settings.lang.
import { en } from './en';
import { zhCN } from './zh-CN';

export type Lang = 'zh-CN' | 'en';
export type Key = keyof typeof zhCN;
export type Params = Record<string, string | number>;
export type T = (key: Key, params?: Params) => string;

export const tables: Record<Lang, Record<Key, string>> = { 'zh-CN': zhCN, en };

export function toLang(s: string | null | undefined): Lang {
  return s === 'en' ? 'en' : 'zh-CN';
}

export function translate(lang: Lang, key: Key, params?: Params): string {
  const s = tables[lang][key] ?? tables['zh-CN'][key] ?? key;
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
