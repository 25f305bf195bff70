//! The amount paid, in CNY: digits or Chinese numerals with a unit or a money prefix.

use super::*;

// An optional money prefix or label, a number (digits with optional decimals, or Chinese
// numerals), an optional multiplier (1千, 2万, 1.5万), an optional 多 ("500多元", read as the lower
// bound 500) and an optional currency unit. A candidate needs a prefix or a unit.
lazy_regex!(
    AMOUNT = format!(
        r"(?i)(?P<pre>¥|rmb|cny|人民币|金额|价格|面值|实付|总价|总额)?\s*(?:[:是为]\s*)?(?P<num>[0-9]+(?:\.[0-9]+)?|[{CN_NUM}]+)\s*(?P<mul>[百千万])?\s*多?\s*(?P<unit>块钱|元钱|元|块|圆|rmb|cny|人民币)?"
    )
);

/// Words near an amount that make it something else than the payment: compensation, discounts,
/// rebates, gifts, fees, balances.
pub(super) const NOT_PAYMENT_BEFORE: &[&str] = &[
    "补偿",
    "赔偿",
    "优惠",
    "返",
    "红包",
    "送",
    "赠",
    "奖励",
    // Coupons, not 点券 (a game currency people pay for).
    "优惠券",
    "代金券",
    "抵用券",
    "用券",
    "折扣",
    "减",
    "抵扣",
    "手续费",
    "余额",
    "剩",
];
pub(super) const NOT_PAYMENT_AFTER: &[&str] = &[
    "红包",
    "优惠",
    "券",
    "代金",
    "补偿",
    "赔偿",
    "返现",
    "奖励",
    "手续费",
    "余额",
];

/// The first amount of money in CNY that is the transaction (see the rules at [`AMOUNT`] and
/// [`NOT_PAYMENT_BEFORE`]). Zero and absurd amounts (> 10¹² 元) do not qualify. Not handled:
/// thousands separators (1,000元 — a comma is also a clause break), 角/分/毛 (5块5).
pub(super) fn amount(t: &str) -> Option<Money> {
    AMOUNT.captures_iter(t).find_map(|c| payment(t, &c))
}

pub(super) fn payment(t: &str, c: &Captures) -> Option<Money> {
    let whole = c.get(0)?;
    let num = c.name("num")?;
    let unit = c.name("unit").map(|u| u.as_str());
    if c.name("pre").is_none() && unit.is_none() {
        return None;
    }
    let is_digits = num.as_str().starts_with(|ch: char| ch.is_ascii_digit());
    // Glued to an id or to another number (KM100元, 1.5.3元).
    if c.name("pre").is_none()
        && matches!(char_before(t, num.start()), Some(ch) if ch.is_ascii_alphanumeric() || ch == '.')
    {
        return None;
    }
    // 元宝 is a game currency, not yuan; 一块 alone is "together" (一块买的); 50% is not money.
    let after = &t[whole.end()..];
    if (unit == Some("元") && after.starts_with('宝')) || after.starts_with('%') {
        return None;
    }
    if !is_digits && unit == Some("块") && num.as_str() == "一" {
        return None;
    }
    let before = window_before(t, whole.start(), 6);
    let after = window_after(t, whole.end(), 6);
    let after = after.strip_prefix('的').unwrap_or(after);
    if NOT_PAYMENT_BEFORE.iter().any(|w| before.contains(w))
        || NOT_PAYMENT_AFTER.iter().any(|w| after.starts_with(w))
    {
        return None;
    }
    let fen = to_fen(num.as_str(), c.name("mul").map(|m| m.as_str()))?;
    (fen > 0 && fen <= 100 * 1_000_000_000_000).then(|| Money::from_fen(fen))
}

/// Fen from "100", "100.5", "1.25" (cents rounded half up from the third decimal) or a Chinese
/// numeral, times the multiplier 百/千/万.
pub(super) fn to_fen(num: &str, mul: Option<&str>) -> Option<i64> {
    let fen: u64 = if num.starts_with(|c: char| c.is_ascii_digit()) {
        let (int, frac) = num.split_once('.').unwrap_or((num, ""));
        let digit = |i: usize| frac.as_bytes().get(i).map_or(0, |b| u64::from(b - b'0'));
        let cents = digit(0) * 10 + digit(1) + u64::from(digit(2) >= 5);
        int.parse::<u64>()
            .ok()?
            .checked_mul(100)?
            .checked_add(cents)?
    } else {
        parse_cn(num)?.checked_mul(100)?
    };
    let factor = match mul {
        Some("百") => 100,
        Some("千") => 1000,
        Some("万") => 10_000,
        _ => 1,
    };
    i64::try_from(fen.checked_mul(factor)?).ok()
}
