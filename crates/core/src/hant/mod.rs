//! Traditional Chinese (`zh-Hant`) for the app's own sentences, which are written once, in simplified
//! characters.
//!
//! Why a table of our own: a general converter (OpenCC) ships multi-megabyte dictionaries, while the
//! app only ever converts its own sentences. `table.rs` is generated at dev time by
//! `scripts/hant/backend_table.py` from OpenCC (s2twp: Taiwan characters and wording, with the review's
//! fixes such as 帳號, 儲值) over exactly the characters and phrases of those sentences, and committed
//! (about 20 KB of source).
//! `tests/hant_coverage.rs` reads every Chinese string literal of the workspace and the self-help
//! content and fails when one holds a character the table does not know, or a character with more
//! than one Traditional form outside a listed phrase (后 → 後 or 后, 发 → 發 or 髮): a new sentence cannot
//! slip through unconverted; the failure says to run the script.
//!
//! Only the app's own sentences are converted ([`crate::Lang::pick`], [`crate::Lang::fill`], the
//! self-help content): never what the user wrote, names, order numbers or what a server sent.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

mod table;

use table::{AMBIGUOUS, CHARS, CONFIRMED, PHRASES, SAME};

/// `text` in Traditional characters: at each position the longest listed phrase, else the character's
/// own Traditional form, else the character as it is.
pub fn convert(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| char_of(c).is_some() || phrases_at(c).next().is_some())
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let phrase = phrases_at(c)
            .filter(|(s, _)| rest.starts_with(s))
            .max_by_key(|(s, _)| s.len());
        match phrase {
            Some((s, t)) => {
                out.push_str(t);
                rest = &rest[s.len()..];
            }
            None => {
                out.push(char_of(c).unwrap_or(c));
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    Cow::Owned(out)
}

/// [`convert`] for a sentence of the program: converted once, then kept for the life of the process,
/// so that labels stay `&'static str`. The set is bounded: only string literals come here.
pub fn convert_static(text: &'static str) -> &'static str {
    static DONE: LazyLock<Mutex<HashMap<&'static str, &'static str>>> =
        LazyLock::new(Default::default);
    let Cow::Owned(converted) = convert(text) else {
        return text;
    };
    let mut done = DONE.lock().unwrap_or_else(|e| e.into_inner());
    done.entry(text)
        .or_insert_with(|| Box::leak(converted.into_boxed_str()))
}

/// [`convert`] everywhere except where one of `keep` occurs (the user's own words inside a text the
/// app composed around them): those stay exactly as written.
pub fn convert_except(text: &str, keep: &[&str]) -> String {
    let mut kept = vec![false; text.len()];
    for k in keep.iter().filter(|k| !k.trim().is_empty()) {
        for (i, _) in text.match_indices(k) {
            kept[i..i + k.len()].fill(true);
        }
    }
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut start = 0;
    while start < text.len() {
        let run = kept[start];
        // Runs end where a kept match starts or ends: always on a character boundary.
        let end = kept[start..]
            .iter()
            .position(|&k| k != run)
            .map_or(text.len(), |n| start + n);
        let part = &text[start..end];
        if run {
            out.push_str(part);
        } else {
            out.push_str(&convert(part));
        }
        start = end;
    }
    out
}

/// What in `text` the table does not cover: each Chinese character it has never seen, and each
/// character with several Traditional forms that stands outside a listed phrase (with its neighbours,
/// to find it). Empty when [`convert`] is known to be right for `text`.
pub fn uncovered(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut inside = vec![false; chars.len()];
    let mut byte = 0;
    for (i, &c) in chars.iter().enumerate() {
        let rest = &text[byte..];
        if let Some((s, _)) = phrases_at(c)
            .filter(|(s, _)| rest.starts_with(s))
            .max_by_key(|(s, _)| s.len())
        {
            let n = s.chars().count();
            for flag in &mut inside[i..i + n] {
                *flag = true;
            }
        }
        byte += c.len_utf8();
    }
    let mut missing = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if !is_han(c) {
            continue;
        }
        let known = char_of(c).is_some() || SAME.contains(c);
        let context = || {
            chars[i.saturating_sub(2)..(i + 3).min(chars.len())]
                .iter()
                .collect::<String>()
        };
        if !known {
            missing.push(format!("character {c} (in …{}…)", context()));
        } else if AMBIGUOUS.contains(c) && !inside[i] && !confirmed(&chars, i) {
            missing.push(format!("{c} outside a phrase (in …{}…)", context()));
        }
    }
    missing
}

/// Whether the ambiguous character at `i` stands where its own form was checked to be right: with
/// the character after it, the one before it, or alone.
fn confirmed(chars: &[char], i: usize) -> bool {
    let known = |a: usize, b: usize| {
        let s: String = chars[a..b].iter().collect();
        CONFIRMED.binary_search(&s.as_str()).is_ok()
    };
    (i + 1 < chars.len() && known(i, i + 2)) || (i > 0 && known(i - 1, i + 1)) || known(i, i + 1)
}

/// A CJK unified ideograph (the characters the table is about; punctuation and digits never change).
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

fn char_of(c: char) -> Option<char> {
    CHARS
        .binary_search_by_key(&c, |&(s, _)| s)
        .ok()
        .map(|i| CHARS[i].1)
}

/// The phrases beginning with `c` (the table is sorted, so they are one run).
fn phrases_at(c: char) -> impl Iterator<Item = (&'static str, &'static str)> {
    let start = PHRASES.partition_point(|(s, _)| s.chars().next() < Some(c));
    PHRASES[start..]
        .iter()
        .take_while(move |(s, _)| s.starts_with(c))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_one_to_one() {
        assert!(
            CHARS.windows(2).all(|w| w[0].0 < w[1].0),
            "CHARS sorted by the simplified character"
        );
        assert!(
            PHRASES.windows(2).all(|w| w[0].0 < w[1].0),
            "PHRASES sorted, no duplicates"
        );
        assert!(
            CONFIRMED.windows(2).all(|w| w[0] < w[1]),
            "CONFIRMED sorted, no duplicates"
        );
        for &(s, t) in CHARS {
            assert!(!SAME.contains(s), "{s} listed twice");
            assert_ne!(s, t);
        }
        for c in AMBIGUOUS.chars() {
            assert!(
                char_of(c).is_some() || SAME.contains(c),
                "{c} is ambiguous but unknown"
            );
        }
    }

    #[test]
    fn converting_twice_changes_nothing() {
        // The UI and the api may meet a sentence that is already Traditional (a label inside a
        // converted sentence): converting it again must leave it as it is.
        for &(_, t) in CHARS {
            let t = t.to_string();
            assert_eq!(convert(&t), t.as_str());
        }
        for &(_, t) in PHRASES {
            // A Traditional word that is also a simplified one with another meaning (文件 of 文档)
            // cannot be both: it is left out, and only ever converted once (self-help sources).
            if PHRASES.binary_search_by_key(&t, |&(s, _)| s).is_err() {
                assert_eq!(convert(t), t, "{t}");
            }
        }
    }

    #[test]
    fn converts_the_words_that_differ_between_the_mainland_and_taiwan() {
        for (zh, hant) in [
            ("账号被冻结", "帳號被凍結"),
            ("设置", "設定"),
            ("默认平台", "預設平台"),
            ("保存截图", "儲存截圖"),
            ("充值失败", "儲值失敗"),
            ("之后", "之後"),
            ("在线客服", "線上客服"),
            ("文件", "檔案"),
        ] {
            assert_eq!(convert(zh), hant, "{zh}");
            assert!(uncovered(zh).is_empty(), "{zh}: {:?}", uncovered(zh));
        }
        assert_eq!(convert("Order 12345, ok"), "Order 12345, ok");
        assert!(matches!(convert("12345"), Cow::Borrowed(_)));
    }

    #[test]
    fn leaves_the_users_words_as_they_are() {
        let text = "订单号：发货单123。问题：没到账，请处理";
        assert_eq!(
            convert_except(text, &["发货单123", ""]),
            "訂單號：发货单123。問題：沒到帳，請處理"
        );
        assert_eq!(convert_except(text, &[]), convert(text));
    }

    #[test]
    fn keeps_one_copy_of_each_converted_sentence() {
        let a = convert_static("设置");
        let b = convert_static("设置");
        assert_eq!(a, "設定");
        assert!(std::ptr::eq(a, b));
        assert!(std::ptr::eq(convert_static("OK"), "OK"));
    }

    #[test]
    fn names_what_it_does_not_know() {
        // No sentence of the app uses 龘, so the table does not know it.
        let missing = uncovered("龘");
        assert_eq!(missing.len(), 1, "{missing:?}");
        assert!(missing[0].contains('龘'));
        // 系 is 係 in 关系 but 繫/絡 in 联系: a sentence with 关系 needs a phrase the table lacks.
        assert!(uncovered("联系客服").is_empty());
        let missing = uncovered("没有关系");
        assert!(
            missing.iter().any(|m| m.contains("系 outside a phrase")),
            "{missing:?}"
        );
    }
}
