//! The structured description of domain.md, in the seed's own shape:
//! `订单号20240520001，5月20日14:30购买100元游戏点卡，支付成功后30分钟未到账，订单状态显示'处理中'，已刷新页面3次未生效`.
//!
//! Facts first (order, time, amount, product), then the user's own story with the clauses that only
//! restated those facts left out, then error text and steps tried when the story did not carry them.

use chrono::{Datelike, Timelike};

use crate::scenario::Case;

/// Clause separators of Chinese and English punctuation.
fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | '\u{ff0c}'
            | '。'
            | '.'
            | ';'
            | '\u{ff1b}'
            | '!'
            | '\u{ff01}'
            | '?'
            | '\u{ff1f}'
            | '\n'
            | '、'
    )
}

/// Characters that carry no fact of their own once the order, time, amount and product are stated.
fn is_fact_filler(c: char) -> bool {
    c.is_ascii_digit()
        || c.is_whitespace()
        || ":-/年月日号点分时上下午晚早中今天昨前元块¥购买了的下单在订编号单是为,，".contains(c)
}

/// Words of a purchase clause ("我在平台上买了…", "昨天晚上8点付的款") that say no more than the
/// structured prefix's 购买 does. Whole words, not characters, so a clause like "退款" still counts.
const PURCHASE_WORDS: [&str; 6] = ["在平台上", "平台上", "付的款", "付了款", "付款", "我"];

/// Whether a clause only restates facts already in the structured prefix.
fn restates_facts(clause: &str, case: &Case) -> bool {
    let mut rest = clause.to_string();
    for fact in [case.order_id.as_deref(), case.product.as_deref()]
        .into_iter()
        .flatten()
        .chain(PURCHASE_WORDS)
    {
        rest = rest.replace(fact, "");
    }
    rest.chars().all(is_fact_filler)
}

/// The clauses of a story that say something the structured facts do not.
fn new_clauses(story: &str, case: &Case) -> Vec<String> {
    story
        .split(is_clause_break)
        .map(str::trim)
        .filter(|c| !c.is_empty() && !restates_facts(c, case))
        .map(String::from)
        .collect()
}

/// The symptom (问题现象) in the user's own words: the story without the clauses that only restate
/// the order, time, amount or product, and without the steps already listed on their own.
pub fn symptom_of(story: &str, case: &Case) -> Option<String> {
    let clauses: Vec<String> = new_clauses(story, case)
        .into_iter()
        .filter(|c| !case.steps_tried.iter().any(|s| s == c))
        .collect();
    (!clauses.is_empty()).then(|| clauses.join("，"))
}

pub fn description_text(case: &Case) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(id) = &case.order_id {
        parts.push(format!("订单号{id}"));
    }
    let mut purchase = String::new();
    if let Some(t) = &case.occurred_at {
        purchase.push_str(&format!(
            "{}月{}日{:02}:{:02}",
            t.month(),
            t.day(),
            t.hour(),
            t.minute()
        ));
    }
    if case.amount.is_some() || case.amount_foreign.is_some() || case.product.is_some() {
        purchase.push_str("购买");
        if let Some(a) = case.amount {
            purchase.push_str(&format!("{a}元"));
        } else if let Some(a) = case.amount_foreign {
            purchase.push_str(&a.to_string());
        }
        purchase.push_str(case.product.as_deref().unwrap_or("商品"));
    }
    if !purchase.is_empty() {
        parts.push(purchase);
    }

    let story = case
        .symptom
        .as_deref()
        .or(case.description.as_deref())
        .unwrap_or("");
    parts.extend(new_clauses(story, case));
    if let Some(err) = &case.error_message {
        if !story.contains(err.as_str()) {
            parts.push(format!("错误提示“{err}”"));
        }
    }
    for step in &case.steps_tried {
        if !story.contains(step.as_str()) {
            parts.push(step.clone());
        }
    }
    if let Some(d) = case.demand {
        parts.push(format!("诉求：{}", d.label(crate::Lang::Zh)));
    }
    // Full-width, as Chinese is written (and as the app's own sentences are).
    parts.join("，")
}
