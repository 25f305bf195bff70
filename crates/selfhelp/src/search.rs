//! Ranked offline search over the entries, for queries in Chinese or English.
//!
//! Chinese has no spaces, so words cannot be split out without a dictionary; overlapping
//! character bigrams (卡密显示 → 卡密, 密显, 显示) find a two-character word wherever it occurs and
//! are what full-text engines fall back to for CJK. Both the entries and the query first go
//! through the engine's normaliser, so 冲值, 卡蜜 and traditional 帳號 match what the content
//! writes, and pinyin shorthand (`tk`, `km`) becomes the words it stands for. English is split into
//! lower-case words with a plural `s` dropped.
//!
//! Score: for each distinct query term found in an entry, its inverse document frequency (rare
//! terms say more) times the weight of the best field it occurs in (title and keywords count
//! three times a step or a rule). Both languages of an entry are indexed, so an English query
//! finds an entry shown in Chinese and the other way round. Entries scoring below a quarter of the
//! best are left out.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use reachright_core::normalize::lower;
use reachright_core::{Lang, ProblemType};

use crate::content::{entries, Entry};
use crate::error::Error;

/// One match: the problem type and how well it matched (higher is better; comparable within one
/// search only).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub problem_type: ProblemType,
    pub score: f64,
}

const TITLE: f64 = 3.0;
const BODY: f64 = 1.0;

/// Hits scoring below this share of the best are left out: sharing only a common word such as 卡密
/// or 订单 with the question does not make an entry an answer to it.
const RELATIVE_FLOOR: f64 = 0.25;

/// Words too common in questions to say anything about the problem: English words, and the
/// bigrams of Chinese question words (怎么办, 如何, 什么, 请问 …).
const STOPWORDS: &[&str] = &[
    "怎么", "么办", "什么", "如何", "为什", "请问", "一下", "么样", "a", "an", "the", "of", "to",
    "and", "or", "for", "is", "are", "was", "be", "my", "i", "me", "it", "on", "in", "at", "with",
    "you", "your", "do", "does", "how", "what", "can", "get", "this", "that",
];

/// The entries matching `query`, best first; entries that share no term with it are left out.
pub fn search(query: &str) -> Result<Vec<Hit>, Error> {
    let terms: HashSet<String> = terms(query).into_iter().collect();
    if terms.is_empty() {
        return Err(Error::EmptyQuery);
    }
    let index = index()?;
    let n = index.docs.len() as f64;
    let mut hits: Vec<Hit> = index
        .docs
        .iter()
        .filter_map(|(problem_type, weights)| {
            let score: f64 = terms
                .iter()
                .filter_map(|t| {
                    let w = weights.get(t)?;
                    let df = f64::from(*index.df.get(t)?);
                    Some(w * (1.0 + n / df).ln())
                })
                .sum();
            (score > 0.0).then_some(Hit {
                problem_type: *problem_type,
                score,
            })
        })
        .collect();
    // Ties keep the order of the taxonomy (the common problems come first).
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.problem_type.index().cmp(&b.problem_type.index()))
    });
    if let Some(best) = hits.first().map(|h| h.score) {
        hits.retain(|h| h.score >= best * RELATIVE_FLOOR);
    }
    Ok(hits)
}

struct Index {
    /// Per entry: term → the weight of the best field it occurs in.
    docs: Vec<(ProblemType, HashMap<String, f64>)>,
    /// Term → in how many entries it occurs.
    df: HashMap<String, u32>,
}

fn index() -> Result<&'static Index, Error> {
    static INDEX: OnceLock<Result<Index, Error>> = OnceLock::new();
    INDEX
        .get_or_init(|| entries().map(build))
        .as_ref()
        .map_err(Clone::clone)
}

fn build(all: &[Entry]) -> Index {
    let mut docs = Vec::with_capacity(all.len());
    let mut df: HashMap<String, u32> = HashMap::new();
    for e in all {
        let mut weights: HashMap<String, f64> = HashMap::new();
        let mut add = |text: &str, weight: f64| {
            for t in terms(text) {
                let w = weights.entry(t).or_insert(0.0);
                *w = w.max(weight);
            }
        };
        for lang in [Lang::Zh, Lang::En] {
            let t = e.text(lang);
            add(&t.title, TITLE);
            add(e.problem_type.label(lang), TITLE);
            for k in &t.keywords {
                add(k, TITLE);
            }
            for s in &t.steps {
                add(s, BODY);
            }
            for r in &t.rules {
                add(&r.text, BODY);
            }
        }
        for t in weights.keys() {
            *df.entry(t.clone()).or_insert(0) += 1;
        }
        docs.push((e.problem_type, weights));
    }
    Index { docs, df }
}

/// The search terms of a text: bigrams of each run of Chinese characters (a lone character stands
/// for itself), and English words and numbers in lower case.
fn terms(text: &str) -> Vec<String> {
    let canonical = lower(text);
    let mut out = Vec::new();
    let mut han: Vec<char> = Vec::new();
    let mut word = String::new();
    for c in canonical.chars().chain(std::iter::once(' ')) {
        if is_han(c) {
            push_word(&mut word, &mut out);
            han.push(c);
        } else {
            push_han(&mut han, &mut out);
            if c.is_alphanumeric() {
                word.push(c);
            } else {
                push_word(&mut word, &mut out);
            }
        }
    }
    out
}

fn push_han(run: &mut Vec<char>, out: &mut Vec<String>) {
    match run.len() {
        0 => {}
        1 => out.push(run[0].to_string()),
        _ => out.extend(
            run.windows(2)
                .map(|w| w.iter().collect::<String>())
                .filter(|b| !STOPWORDS.contains(&b.as_str())),
        ),
    }
    run.clear();
}

fn push_word(word: &mut String, out: &mut Vec<String>) {
    if !word.is_empty() && !STOPWORDS.contains(&word.as_str()) {
        // "refunds" finds "refund"; short words and "-ss" words (access) keep their s.
        let stem = match word.strip_suffix('s') {
            Some(s) if s.len() >= 3 && !s.ends_with('s') => s,
            _ => word.as_str(),
        };
        out.push(stem.to_string());
    }
    word.clear();
}

/// CJK ideographs (the unified block and extension A), the script of the content.
fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn first(query: &str) -> ProblemType {
        search(query).unwrap()[0].problem_type
    }

    #[test]
    fn chinese_text_becomes_bigrams_and_english_words() {
        assert_eq!(terms("卡密显示"), ["卡密", "密显", "显示"]);
        assert_eq!(terms("Refunds for 12315!"), ["refund", "12315"]);
        assert_eq!(terms("退 款"), ["退", "款"]);
        assert_eq!(terms("怎么退款"), ["么退", "退款"]);
        // The normaliser's full-width folding, typo fixing and shorthand apply.
        assert_eq!(terms("冲值"), ["充值"]);
        assert_eq!(terms("ＱＱ"), ["qq"]);
    }

    #[test]
    fn real_questions_rank_the_right_entry_first() {
        assert_eq!(first("卡密显示已使用"), ProblemType::CardKeyStolen);
        assert_eq!(first("充值没到账怎么办"), ProblemType::DeliveryDelay);
        assert_eq!(first("refund virtual goods"), ProblemType::RefundRequest);
        assert_eq!(first("充值失败了"), ProblemType::RechargeFailed);
        assert_eq!(first("卡密无效，激活不了"), ProblemType::CardInvalid);
        assert_eq!(first("账号被冻结了"), ProblemType::AccountFrozen);
        assert_eq!(first("订单一直处理中"), ProblemType::OrderStatus);
        assert_eq!(first("充值账号填错了"), ProblemType::OrderChange);
        assert_eq!(first("怎么向12315投诉"), ProblemType::ResolutionDispute);
        assert_eq!(first("account hacked"), ProblemType::AccountStolen);
        assert_eq!(first("api signature error"), ProblemType::ApiFailure);
    }

    #[test]
    fn typos_traditional_script_and_shorthand_find_the_same_entry() {
        assert_eq!(first("冲值失败"), ProblemType::RechargeFailed);
        assert_eq!(first("帳號被凍結"), ProblemType::AccountFrozen);
        assert_eq!(first("tk"), ProblemType::RefundRequest);
    }

    #[test]
    fn results_are_ranked_and_unrelated_entries_left_out() {
        let hits = search("卡密显示已使用").unwrap();
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
        assert!(hits.len() <= 4, "only the entries about it: {hits:?}");
        assert!(hits
            .iter()
            .all(|h| h.score >= hits[0].score * RELATIVE_FLOOR));
        assert!(search("zzqx").unwrap().is_empty());
    }

    #[test]
    fn an_empty_query_is_an_error() {
        assert_eq!(search("  ，。 ").unwrap_err(), Error::EmptyQuery);
        assert_eq!(search("the of").unwrap_err(), Error::EmptyQuery);
    }
}
