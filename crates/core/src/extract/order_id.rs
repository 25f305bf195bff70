//! The order number: a labelled value, else a standalone id-shaped token.

use super::*;

// The value after an order label. Longer labels come first so 订单号 is not read as 订单 + "号…".
lazy_regex!(
    ORDER_LABELLED = r"(?i)(?:订单编号|订单号码|订单号|交易单号|交易编号|交易号|流水号|单号|订单|order\s*(?:id|no\.?|number|num|#))\s*(?:[:#]\s*|是\s*|为\s*)?([A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?)"
);
// Any run of ASCII letters and digits: the standalone candidates are chosen among these.
lazy_regex!(ALNUM_RUN = r"[A-Za-z0-9]+");

/// Labels whose number is *not* the order id (a phone, an account, a card key, an amount, an error
/// code). Compared against the lowercased text just before a standalone candidate.
pub(super) const OTHER_LABELS: &[&str] = &[
    "手机",
    "手机号",
    "电话",
    "号码",
    "联系方式",
    "qq",
    "qq号",
    "微信",
    "微信号",
    "账号",
    "账户",
    "卡号",
    "卡密",
    "密码",
    "金额",
    "价格",
    "余额",
    "错误代码",
    "错误码",
    "代码",
    "error",
    "code",
    "身份证",
    "银行卡",
    "支付宝",
    "uid",
    "id",
];

/// Letter prefixes that make a letters+digits token something else than an order id.
pub(super) const OTHER_PREFIXES: &[&str] =
    &["qq", "rmb", "cny", "usd", "vx", "wx", "tel", "id", "uid"];

/// The order id: the value after an order label (订单号, 单号, 交易号, order id …), else the first
/// standalone token that looks like one (1–4 letters + ≥6 digits, or ≥10 digits). A number glued
/// to a unit (…元, …日, …次) is a quantity, not an id. A standalone 11-digit mobile number is used
/// only when nothing else qualifies, and never when a phone/account/card label precedes it.
pub(super) fn order_id(t: &str) -> Option<String> {
    if let Some(id) = ORDER_LABELLED
        .captures_iter(t)
        .filter_map(|c| c.get(1))
        .find(|m| is_labelled_order_id(t, m.as_str(), m.end()))
    {
        return Some(id.as_str().to_string());
    }
    let mut phone_like = None;
    for m in ALNUM_RUN.find_iter(t) {
        let tok = m.as_str();
        if !looks_like_order_id(tok)
            || is_quantity(t, m.start(), m.end())
            || has_other_label(t, m.start())
        {
            continue;
        }
        if is_mobile_number(tok) {
            phone_like.get_or_insert(tok);
            continue;
        }
        return Some(tok.to_string());
    }
    phone_like.map(str::to_string)
}

pub(super) fn is_labelled_order_id(t: &str, tok: &str, end: usize) -> bool {
    let digits = tok.bytes().filter(u8::is_ascii_digit).count();
    let date_like = {
        let parts: Vec<&str> = tok.split('-').collect();
        parts.len() == 3
            && parts[0].len() == 4
            && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
    };
    tok.len() >= 5 && tok.len() <= 40 && digits > 0 && !date_like && !followed_by_unit(t, end)
}

pub(super) fn looks_like_order_id(tok: &str) -> bool {
    let letters = tok.bytes().take_while(u8::is_ascii_alphabetic).count();
    let rest = &tok[letters..];
    let all_digits = !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit());
    if !all_digits {
        return false;
    }
    match letters {
        0 => rest.len() >= 10,
        1..=4 => {
            rest.len() >= 6
                && !OTHER_PREFIXES.contains(&tok[..letters].to_ascii_lowercase().as_str())
        }
        _ => false,
    }
}

pub(super) fn is_mobile_number(tok: &str) -> bool {
    let b = tok.as_bytes();
    b.len() == 11
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1])
        && b.iter().all(u8::is_ascii_digit)
}

/// A number inside an amount or a decimal (¥12345678901, 12345678901.5, 12345678901元).
pub(super) fn is_quantity(t: &str, start: usize, end: usize) -> bool {
    matches!(char_before(t, start), Some('¥' | '$' | '.' | '-'))
        || (char_after(t, end) == Some('.')
            && t[end + 1..].starts_with(|c: char| c.is_ascii_digit()))
        || followed_by_unit(t, end)
}

/// Units that make the number before them a quantity: money, date, count, time.
pub(super) const QUANTITY_UNITS: &str = "元块圆日号月年%次个张分秒天小倍";

/// The number ending at `end` is directly followed (spaces allowed) by a unit of money, date,
/// count or time.
pub(super) fn followed_by_unit(t: &str, end: usize) -> bool {
    let rest = t.get(end..).unwrap_or("").trim_start();
    let starts_ci = |p: &str| {
        rest.get(..p.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(p))
    };
    rest.starts_with(|c: char| QUANTITY_UNITS.contains(c)) || starts_ci("rmb") || starts_ci("cny")
}

/// The text before `start` (separators skipped) ends with one of [`OTHER_LABELS`].
pub(super) fn has_other_label(t: &str, start: usize) -> bool {
    let head = t[..start].trim_end_matches([' ', ':', '#', '=', '是', '为']);
    let tail: String = head
        .chars()
        .rev()
        .take(6)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let tail = tail.to_ascii_lowercase();
    OTHER_LABELS.iter().any(|l| tail.ends_with(l))
}
