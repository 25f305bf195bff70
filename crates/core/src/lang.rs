//! The output language. Chinese first: every sentence the engine writes exists in zh-CN and English,
//! written side by side at the call site; Traditional Chinese (`zh-Hant`) is the simplified sentence
//! converted by [`crate::hant`], so it can never go missing either.

use std::fmt::Display;

use serde::{Deserialize, Serialize};

use crate::hant;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    /// Traditional characters, Taiwan and Hong Kong wording.
    #[serde(rename = "zh-hant")]
    ZhHant,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Zh, Lang::ZhHant, Lang::En];

    /// Pick the sentence for this language; both are written side by side at the call site so a
    /// translation can never go missing. Traditional Chinese converts the simplified one (once per
    /// sentence: see [`hant::convert_static`]).
    pub fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::ZhHant => hant::convert_static(zh),
            Lang::En => en,
        }
    }

    /// A sentence with values: `{name}` in the sentence for this language is replaced by the value
    /// of that name. Only the sentence is converted to Traditional, never the values (a platform's
    /// or a helpdesk's name, an order number, what staff wrote), which stay as they were given.
    pub fn fill(
        self,
        zh: &'static str,
        en: &'static str,
        values: &[(&str, &dyn Display)],
    ) -> String {
        let mut out = String::new();
        let mut rest = self.pick(zh, en);
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let value = after.find('}').and_then(|close| {
                values
                    .iter()
                    .find(|(n, _)| *n == &after[..close])
                    .map(|v| (close, v.1))
            });
            match value {
                Some((close, v)) => {
                    out.push_str(&v.to_string());
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// A simplified sentence already formatted, for Traditional converted whole. Only for sentences
    /// whose values are the app's own too (labels, numbers, times, opening hours); a sentence that
    /// carries a name, an order number or anything a person or a server wrote goes through
    /// [`Lang::fill`] instead, which leaves those as they are.
    pub fn app_sentence(self, zh: String) -> String {
        match self {
            Lang::ZhHant => hant::convert(&zh).into_owned(),
            _ => zh,
        }
    }

    /// Whether the sentences are Chinese (simplified or Traditional): they share number and date
    /// formats (`5月20日 14:30`).
    pub fn is_chinese(self) -> bool {
        self != Lang::En
    }

    /// The code the settings store and the UI use: `zh-CN`, `zh-Hant`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::ZhHant => "zh-Hant",
            Lang::En => "en",
        }
    }

    /// A language code or tag: `zh`/`zh-CN` (and other simplified tags), `zh-Hant`/`zh-TW`/`zh-HK`/
    /// `zh-MO` for Traditional, `en`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "zh" | "zh-cn" | "cn" | "zh-hans" | "zh-hans-cn" | "zh-sg" => Some(Lang::Zh),
            "zh-hant" | "zh-tw" | "zh-hk" | "zh-mo" | "zh-hant-tw" | "zh-hant-hk"
            | "zh-hant-mo" => Some(Lang::ZhHant),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_tags() {
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("zh_cn"), Some(Lang::Zh));
        for tag in ["zh-Hant", "zh-TW", "zh_TW", "zh-HK", "zh-MO", "ZH-HANT-TW"] {
            assert_eq!(Lang::parse(tag), Some(Lang::ZhHant), "{tag}");
        }
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
        }
    }

    #[test]
    fn picks_and_converts_the_simplified_sentence() {
        assert_eq!(Lang::Zh.pick("设置", "Settings"), "设置");
        assert_eq!(Lang::En.pick("设置", "Settings"), "Settings");
        assert_eq!(Lang::ZhHant.pick("设置", "Settings"), "設定");
    }

    #[test]
    fn fills_values_without_converting_them() {
        let name = "网络客服中心";
        let zh = "帮助台「{name}」连续 {n} 次同步失败";
        let en = "Helpdesk {name} failed {n} times";
        assert_eq!(
            Lang::ZhHant.fill(zh, en, &[("name", &name), ("n", &3)]),
            "幫助台「网络客服中心」連續 3 次同步失敗"
        );
        assert_eq!(
            Lang::Zh.fill(zh, en, &[("name", &name), ("n", &3)]),
            "帮助台「网络客服中心」连续 3 次同步失败"
        );
        assert_eq!(
            Lang::En.fill(zh, en, &[("name", &"RT"), ("n", &3)]),
            "Helpdesk RT failed 3 times"
        );
        // An unknown or unclosed placeholder stays as written.
        assert_eq!(Lang::En.fill("", "{x} and {", &[]), "{x} and {");
    }
}
