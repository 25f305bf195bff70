import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';
import { zhHant } from './zh-Hant';
import { MAINLAND_WORDS, SIMPLIFIED_ONLY } from './mainland-words';
import { errorKey, isLoaded, LANG_NAMES, LANGS, langFromLocales, loadLang, makeT, toLang, translate } from './index';

const CJK = /[\u4e00-\u9fff]/;

describe('i18n tables', () => {
  const all = { zhCN, zhHant, en };

  it('have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    expect(Object.keys(zhHant).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('load each language when it is asked for, simplified Chinese standing in until then', async () => {
    expect(isLoaded('zh-CN')).toBe(true);
    expect(isLoaded('en')).toBe(false);
    expect(translate('en', 'app.retry')).toBe(zhCN['app.retry']);
    for (const lang of LANGS) await loadLang(lang);
    expect(translate('en', 'app.retry')).toBe(en['app.retry']);
    expect(translate('zh-Hant', 'app.retry')).toBe(zhHant['app.retry']);
  });

  it('speak no developer words to users (file formats, protocol and helpdesk terms)', () => {
    const jargon = /\bTOML\b|\bQueue\b|OAuth|API token|\bmanual\b|\u4ee4\u724c/;
    for (const [lang, table] of Object.entries(all)) {
      for (const [k, v] of Object.entries(table)) expect(jargon.test(v), `${lang}:${k}: ${v}`).toBe(false);
    }
  });

  it('have no empty strings', () => {
    for (const [lang, table] of Object.entries(all)) {
      for (const [k, v] of Object.entries(table)) {
        expect(v.trim(), `${lang}:${k}`).not.toBe('');
      }
    }
  });

  it('use the same parameters in every language', () => {
    const params = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const k of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(params(en[k]), k).toEqual(params(zhCN[k]));
      expect(params(zhHant[k]), k).toEqual(params(zhCN[k]));
    }
  });

  it('English strings carry no Chinese except the language name and the placeholder marker', () => {
    const allowed = new Set(['act.placeholders']);
    for (const [k, v] of Object.entries(en)) if (!allowed.has(k)) expect(CJK.test(v), k).toBe(false);
  });

  it('Traditional strings are translated, not simplified text left over', () => {
    for (const [k, v] of Object.entries(zhHant)) {
      const simplified = [...v].filter((ch) => SIMPLIFIED_ONLY.includes(ch));
      expect(simplified, `${k}: ${v}`).toEqual([]);
    }
  });

  it('Traditional strings use Taiwan and Hong Kong words, not mainland ones', () => {
    for (const [k, v] of Object.entries(zhHant)) {
      const mainland = MAINLAND_WORDS.filter((w) => v.includes(w));
      expect(mainland, `${k}: ${v}`).toEqual([]);
    }
  });

  it('Traditional strings differ from the simplified ones where simplified characters were used', () => {
    // A missing conversion would leave a string identical to zh-CN although zh-CN has simplified-only
    // characters in it.
    for (const k of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      if ([...zhCN[k]].some((ch) => SIMPLIFIED_ONLY.includes(ch))) expect(zhHant[k], k).not.toBe(zhCN[k]);
    }
  });

  it('name every language in its own writing', () => {
    expect(LANG_NAMES.en).toBe('English');
    expect([...LANG_NAMES['zh-Hant']].some((ch) => SIMPLIFIED_ONLY.includes(ch))).toBe(false);
    expect(new Set(Object.values(LANG_NAMES)).size).toBe(LANGS.length);
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
    expect(toLang('zh-Hant')).toBe('zh-Hant');
    expect(makeT('zh-Hant')('nav.settings')).toBe(zhHant['nav.settings']);
    expect(makeT('zh-Hant')('nav.settings')).not.toBe(zhCN['nav.settings']);
  });
  it('follows the system on a first start: Traditional for Taiwan, Hong Kong, Macao', () => {
    for (const tag of ['zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant', 'zh-Hant-TW', 'zh_TW', 'ZH-hk']) {
      expect(langFromLocales([tag]), tag).toBe('zh-Hant');
    }
    for (const tag of ['zh-CN', 'zh', 'zh-SG', 'zh-Hans', 'zh-Hans-HK']) expect(langFromLocales([tag]), tag).toBe('zh-CN');
    // The first Chinese language decides; other systems keep the default, simplified Chinese.
    expect(langFromLocales(['en-US', 'zh-TW', 'zh-CN'])).toBe('zh-Hant');
    expect(langFromLocales(['en-US', 'fr'])).toBe('zh-CN');
    expect(langFromLocales([])).toBe('zh-CN');
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
