import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';
import { errorKey, makeT, toLang, translate } from './index';

const CJK = /[\u4e00-\u9fff]/;

describe('i18n tables', () => {
  it('have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('speak no developer words to users (file formats, protocol and helpdesk terms)', () => {
    const jargon = /\bTOML\b|\bQueue\b|OAuth|API token|\bmanual\b|\u4ee4\u724c/;
    for (const [lang, table] of Object.entries({ zhCN, en })) {
      for (const [k, v] of Object.entries(table)) expect(jargon.test(v), `${lang}:${k}: ${v}`).toBe(false);
    }
  });

  it('have no empty strings', () => {
    for (const [lang, table] of Object.entries({ zhCN, en })) {
      for (const [k, v] of Object.entries(table)) {
        expect(v.trim(), `${lang}:${k}`).not.toBe('');
      }
    }
  });

  it('use the same parameters in both languages', () => {
    const params = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const k of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(params(en[k]), k).toEqual(params(zhCN[k]));
    }
  });

  it('English strings carry no Chinese except the language name and the placeholder marker', () => {
    const allowed = new Set(['set.lang.zh', 'act.placeholders']);
    for (const [k, v] of Object.entries(en)) if (!allowed.has(k)) expect(CJK.test(v), k).toBe(false);
  });
});

describe('translate', () => {
  it('fills parameters and leaves unknown ones', () => {
    expect(translate('zh-CN', 'cases.next', { step: '联系在线客服' })).toBe('下一步：联系在线客服');
    expect(translate('en', 'cd.left.hm', { h: 5, m: 12 })).toBe('5 h 12 min left');
    expect(translate('en', 'cd.left.hm', { h: 5 })).toBe('5 h {m} min left');
  });
  it('defaults to Chinese for unknown languages', () => {
    expect(toLang('fr')).toBe('zh-CN');
    expect(toLang('en')).toBe('en');
    expect(makeT(toLang(undefined))('nav.cases')).toBe('我的案件');
  });
  it('maps error codes to sentences with a fallback', () => {
    expect(errorKey('not_found')).toBe('err.not_found');
    expect(errorKey('something_new')).toBe('err.unknown');
  });
});

describe('components', () => {
  // Every user-visible string must go through i18n: no Chinese literal in any .tsx file.
  const files = import.meta.glob('../**/*.tsx', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
  it('finds the component files', () => {
    expect(Object.keys(files).length).toBeGreaterThan(8);
  });
  for (const [path, src] of Object.entries(files)) {
    it(`${path} has no CJK literal`, () => {
      const lines = src.split('\n').filter((l) => CJK.test(l));
      expect(lines).toEqual([]);
    });
  }
});
