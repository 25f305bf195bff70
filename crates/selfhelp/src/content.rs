//! The entries: one TOML file per problem type under `content/`, compiled in and parsed once.
//!
//! A file reads:
//!
//! ```toml
//! type = "delivery_delay"          # the problem type's stable code
//! [zh]
//! title = "…"
//! keywords = ["…"]                 # words buyers use; searched, never shown
//! steps = ["…", "…"]               # 先试试这几步, in the order to try them
//! [[zh.rules]]
//! text = "…"                       # the rule in plain words
//! source = "…"                     # where it comes from: a law article or a seed section
//! [en]                             # the same, in English, with as many steps and rules
//! ```

use std::sync::OnceLock;

use reachright_core::{hant, Lang, ProblemType};
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// Every content file, named by its problem type's code.
macro_rules! files {
    ($($code:ident),+ $(,)?) => {
        &[$((concat!(stringify!($code), ".toml"), include_str!(concat!("../content/", stringify!($code), ".toml"))),)+]
    };
}

const FILES: &[(&str, &str)] = files!(
    delivery_delay,
    recharge_failed,
    order_status,
    order_change,
    card_invalid,
    refund_request,
    other,
    account_frozen,
    card_key_stolen,
    account_stolen,
    api_failure,
    not_as_agreed,
    resolution_dispute,
);

/// A rule in plain words and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub text: String,
    pub source: String,
}

/// One language's side of an entry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub title: String,
    /// Words buyers type for this problem: they help the search and are not shown.
    #[serde(default)]
    pub keywords: Vec<String>,
    pub steps: Vec<String>,
    #[serde(default)]
    pub rules: Vec<Rule>,
}

/// The self-help of one problem type, in both languages (and Traditional Chinese, converted from
/// the simplified side when parsed: see `reachright_core::hant`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub problem_type: ProblemType,
    pub zh: Text,
    pub en: Text,
    pub hant: Text,
}

impl Entry {
    pub fn text(&self, lang: Lang) -> &Text {
        match lang {
            Lang::Zh => &self.zh,
            Lang::ZhHant => &self.hant,
            Lang::En => &self.en,
        }
    }
}

impl Text {
    /// The simplified side in Traditional characters. Keywords stay: they are only searched, and the
    /// search reads Traditional as simplified anyway.
    fn to_hant(&self) -> Text {
        let hant = |s: &String| hant::convert(s).into_owned();
        Text {
            title: hant(&self.title),
            keywords: self.keywords.clone(),
            steps: self.steps.iter().map(hant).collect(),
            rules: self
                .rules
                .iter()
                .map(|r| Rule {
                    text: hant(&r.text),
                    source: hant(&r.source),
                })
                .collect(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(rename = "type")]
    problem_type: ProblemType,
    zh: Text,
    en: Text,
}

/// Every entry, in the order of [`ProblemType::ALL`]; parsed on the first call.
pub fn entries() -> Result<&'static [Entry], Error> {
    static ENTRIES: OnceLock<Result<Vec<Entry>, Error>> = OnceLock::new();
    ENTRIES
        .get_or_init(|| parse_all(FILES))
        .as_ref()
        .map(Vec::as_slice)
        .map_err(Clone::clone)
}

/// The entry of one problem type.
pub fn entry(problem_type: ProblemType) -> Result<&'static Entry, Error> {
    entries()?
        .iter()
        .find(|e| e.problem_type == problem_type)
        .ok_or(Error::Missing(problem_type.code()))
}

fn parse_all(files: &[(&'static str, &str)]) -> Result<Vec<Entry>, Error> {
    let mut out: Vec<Entry> = Vec::with_capacity(files.len());
    for &(file, body) in files {
        let entry = parse(file, body)?;
        if out.iter().any(|e| e.problem_type == entry.problem_type) {
            return Err(Error::Content {
                file,
                message: format!("a second entry for {}", entry.problem_type),
            });
        }
        out.push(entry);
    }
    out.sort_by_key(|e| e.problem_type.index());
    Ok(out)
}

fn parse(file: &'static str, body: &str) -> Result<Entry, Error> {
    let bad = |message: String| Error::Content { file, message };
    let f: File = toml::from_str(body).map_err(|e| bad(e.to_string()))?;
    if file != format!("{}.toml", f.problem_type.code()) {
        return Err(bad(format!(
            "holds type {} (the file is named after its type)",
            f.problem_type
        )));
    }
    for (lang, text) in [("zh", &f.zh), ("en", &f.en)] {
        if text.title.trim().is_empty() {
            return Err(bad(format!("{lang}.title is empty")));
        }
        if text.steps.is_empty() {
            return Err(bad(format!(
                "{lang}.steps is empty: every entry says what to try first"
            )));
        }
        if let Some(i) = text.steps.iter().position(|s| s.trim().is_empty()) {
            return Err(bad(format!("{lang}.steps[{i}] is empty")));
        }
        for (i, r) in text.rules.iter().enumerate() {
            if r.text.trim().is_empty() {
                return Err(bad(format!("{lang}.rules[{i}].text is empty")));
            }
            if r.source.trim().is_empty() {
                return Err(bad(format!(
                    "{lang}.rules[{i}] has no source: every rule says where it comes from"
                )));
            }
        }
    }
    // The English side is a translation, not a summary: a step or rule missing on one side is a
    // translation that went missing.
    if f.zh.steps.len() != f.en.steps.len() || f.zh.rules.len() != f.en.rules.len() {
        return Err(bad(format!(
            "zh has {} steps and {} rules, en {} and {}",
            f.zh.steps.len(),
            f.zh.rules.len(),
            f.en.steps.len(),
            f.en.rules.len()
        )));
    }
    Ok(Entry {
        problem_type: f.problem_type,
        hant: f.zh.to_hant(),
        zh: f.zh,
        en: f.en,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn every_problem_type_has_steps_in_both_languages_and_every_rule_a_source() {
        let all = entries().unwrap();
        let covered: Vec<ProblemType> = all.iter().map(|e| e.problem_type).collect();
        // The measure the README quotes: how many of the 13 types have content.
        assert_eq!(covered, ProblemType::ALL, "types with self-help content");
        for e in all {
            for lang in [Lang::Zh, Lang::En] {
                let t = e.text(lang);
                assert!(
                    t.steps.len() >= 3,
                    "{} {lang:?}: too few steps",
                    e.problem_type
                );
                assert!(!t.rules.is_empty(), "{} {lang:?}: no rule", e.problem_type);
                assert!(t.rules.iter().all(|r| !r.source.trim().is_empty()));
            }
        }
    }

    #[test]
    fn traditional_chinese_is_the_simplified_side_converted() {
        for e in entries().unwrap() {
            let (zh, hant) = (e.text(Lang::Zh), e.text(Lang::ZhHant));
            assert_eq!(hant.steps.len(), zh.steps.len());
            assert_eq!(hant.rules.len(), zh.rules.len());
            assert_eq!(hant.title, reachright_core::hant::convert(&zh.title));
        }
        let recharge = entry(ProblemType::RechargeFailed)
            .unwrap()
            .text(Lang::ZhHant);
        assert!(recharge.title.contains("儲值"), "{}", recharge.title);
        assert!(recharge.steps.iter().all(|s| !s.contains("充值")));
    }

    #[test]
    fn the_law_facts_are_stated_where_they_matter() {
        let says = |t: ProblemType, lang: Lang, words: &[&str]| {
            let text = entry(t).unwrap().text(lang);
            words.iter().all(|w| {
                text.rules
                    .iter()
                    .any(|r| r.text.contains(w) || r.source.contains(w))
            })
        };
        assert!(says(ProblemType::RechargeFailed, Lang::Zh, &["24小时"]));
        assert!(says(
            ProblemType::RefundRequest,
            Lang::Zh,
            &["7天无理由", "第二十五条"]
        ));
        assert!(says(
            ProblemType::RefundRequest,
            Lang::En,
            &["7-day", "Art. 25"]
        ));
        assert!(says(ProblemType::DeliveryDelay, Lang::Zh, &["第五十一条"]));
        assert!(says(
            ProblemType::ResolutionDispute,
            Lang::Zh,
            &["7个工作日", "45个工作日", "第九条"]
        ));
    }

    #[test]
    fn a_rule_without_a_source_is_refused_naming_the_file() {
        let body = r#"
type = "other"
[zh]
title = "其他"
steps = ["看订单"]
[[zh.rules]]
text = "规则"
source = " "
[en]
title = "Other"
steps = ["Check the order"]
[[en.rules]]
text = "rule"
source = "somewhere"
"#;
        let err = parse("other.toml", body).unwrap_err();
        assert!(err.to_string().contains("other.toml"), "{err}");
        assert!(
            err.to_string().contains("zh.rules[0] has no source"),
            "{err}"
        );
    }

    #[test]
    fn a_missing_translation_or_a_misnamed_file_is_refused() {
        let body = r#"
type = "other"
[zh]
title = "其他"
steps = ["看订单", "重新登录"]
[en]
title = "Other"
steps = ["Check the order"]
"#;
        assert!(parse("other.toml", body)
            .unwrap_err()
            .to_string()
            .contains("zh has 2 steps"));
        assert!(parse("refund_request.toml", body)
            .unwrap_err()
            .to_string()
            .contains("named after its type"));
        let valid = r#"
type = "other"
[zh]
title = "其他"
steps = ["看订单"]
[en]
title = "Other"
steps = ["Check the order"]
"#;
        assert!(parse_all(&[("other.toml", valid)]).is_ok());
        let twice = parse_all(&[("other.toml", valid), ("other.toml", valid)]).unwrap_err();
        assert!(twice.to_string().contains("a second entry"), "{twice}");
    }
}
