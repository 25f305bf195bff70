//! The amount paid: digits or Chinese numerals with a unit or a money prefix, a bare number after a
//! top-up verb (刚冲了328), a range (两三百), thousands separators (1,000元), and US dollars ($20,
//! 20美元, 20刀), which are kept as dollars and never read as yuan.

use super::*;

use crate::money::{Amount, Currency};

// A number: digits with thousands separators (1,000 / 12,800.50), plain digits with optional
// decimals, or Chinese numerals (which include ranges such as 两三百, see `to_fen`).
macro_rules! number {
    () => {
        format!(
            r"(?P<num>[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|[{CN_NUM}]+)"
        )
    };
}

// An optional money prefix or label, a number, an optional multiplier (1千, 2万, 1.5万), an
// optional 多 ("500多元", read as the lower bound 500), an optional currency unit, and after 块/元 an
// optional tenth (5块5 = 5.5 元, 3块2毛 = 3.2 元). A candidate needs a prefix or a unit.
lazy_regex!(
    AMOUNT = format!(
        r"(?i)(?P<pre>¥|rmb|cny|人民币|金额|价格|面值|实付|总价|总额)?\s*(?:[:是为]\s*)?{}\s*(?P<mul>[百千万])?\s*多?\s*(?P<unit>块钱|元钱|元|块|圆|rmb|cny|人民币)?(?:(?P<jiao>[0-9一二两三四五六七八九])(?P<jiaou>[毛角])?)?",
        number!()
    )
);

// A bare number right after a verb of paying or topping up (刚冲了328, 充了198的王者点券, 一口气充了
// 1000): people leave out 元 when the verb already says it is money. What follows decides whether
// it is money after all (`bare_payment`).
lazy_regex!(
    VERB_AMOUNT = format!(
        r"(?P<verb>充值了|充值|充了|冲了|充的|冲的|充|冲|买了|买的|花了|付了|付的|支付了|扣了|扣款|一共|总共)\s*{}\s*(?P<mul>[百千万])?",
        number!()
    )
);

// US dollars: $20, US$20, USD 20, 20美元, 20美金, 20刀, 20 dollars, 20 bucks.
lazy_regex!(
    USD = r"(?i)(?P<pre>us\s*\$|\$|usd|美元|美金)\s*(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)|(?P<num2>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)\s*(?P<unit>美元|美金|刀|usd|us\s*dollars?|dollars?|bucks?)"
);

/// What may follow a bare number after a top-up verb for it to be money: a counted thing (3次, 两张,
/// 100点券, 60钻, 一个月) or a time (3天, 2点) is not.
const NOT_MONEY_AFTER_BARE: &str = "次遍回下个张天日小时分秒点号月年周位笔单件份只元钻倍折级区服期";

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

/// The first amount of money in the text that is the transaction, in its currency. Candidates
/// come from three readings (a number with a money unit or prefix, a bare number after a top-up
/// verb, US dollars); the one that starts first wins, as a person reads. Zero and absurd amounts
/// (> 10¹² units) do not qualify, nor do compensations, discounts and balances
/// ([`NOT_PAYMENT_BEFORE`]). Not handled: 分 (fen are never what decides a route), amounts in 毛/角
/// alone (8毛).
pub(super) fn amount(t: &str) -> Option<Amount> {
    let yuan = AMOUNT
        .captures_iter(t)
        .find_map(|c| Some((c.get(0)?.start(), payment(t, &c)?)));
    let bare = VERB_AMOUNT
        .captures_iter(t)
        .find_map(|c| Some((c.name("num")?.start(), bare_payment(t, &c)?)));
    let usd = USD
        .captures_iter(t)
        .find_map(|c| Some((c.get(0)?.start(), dollars(t, &c)?)));
    [
        yuan.map(|(at, m)| (at, Amount::cny(m))),
        bare.map(|(at, m)| (at, Amount::cny(m))),
        usd,
    ]
    .into_iter()
    .flatten()
    .min_by_key(|&(at, _)| at)
    .map(|(_, a)| a)
}

/// Compensation, discount, gift or balance words right around `whole`: not the payment.
fn not_the_payment(t: &str, start: usize, end: usize) -> bool {
    let before = window_before(t, start, 6);
    let after = window_after(t, end, 6);
    let after = after.strip_prefix('的').unwrap_or(after);
    NOT_PAYMENT_BEFORE.iter().any(|w| before.contains(w))
        || NOT_PAYMENT_AFTER.iter().any(|w| after.starts_with(w))
}

/// A positive amount of at most 10¹² units.
fn plausible(fen: i64) -> bool {
    fen > 0 && fen <= 100 * 1_000_000_000_000
}

pub(super) fn payment(t: &str, c: &Captures) -> Option<Money> {
    let whole = c.get(0)?;
    let num = c.name("num")?;
    let unit = c.name("unit").map(|u| u.as_str());
    if c.name("pre").is_none() && unit.is_none() {
        return None;
    }
    let is_digits = num.as_str().starts_with(|ch: char| ch.is_ascii_digit());
    // Glued to an id or to another number (KM100元, 1.5.3元), or a dollar sign ($20元 is odd, and
    // the dollar reading handles it).
    if c.name("pre").is_none()
        && matches!(char_before(t, num.start()), Some(ch) if ch.is_ascii_alphanumeric() || ch == '.' || ch == '$')
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
    if not_the_payment(t, whole.start(), whole.end()) {
        return None;
    }
    let fen = to_fen(num.as_str(), c.name("mul").map(|m| m.as_str()))?;
    let fen = fen.checked_add(tenths(t, c, unit).unwrap_or(0) * 10)?;
    plausible(fen).then(|| Money::from_fen(fen))
}

/// The tenths after 块/元 (5块5, 3块2毛, 10元5角) as a number 0–9, when they are tenths: with 毛/角,
/// or followed by nothing that makes the digit a count of its own (5块5张 is five cards).
fn tenths(t: &str, c: &Captures, unit: Option<&str>) -> Option<i64> {
    let jiao = c.name("jiao")?;
    if !matches!(unit, Some("块" | "元")) {
        return None;
    }
    if c.name("jiaou").is_none() {
        let rest = t[jiao.end()..].trim_start_matches(' ');
        if rest.starts_with(|ch: char| {
            ch.is_ascii_alphanumeric() || NOT_MONEY_AFTER_BARE.contains(ch) || "块元钱".contains(ch)
        }) {
            return None;
        }
    }
    i64::try_from(parse_num(jiao.as_str())?).ok()
}

/// A bare number after a top-up verb (see [`VERB_AMOUNT`]) that reads as yuan: followed by the end,
/// a clause break, a space, 的 or another noun — not by a count or time unit (充了3次, 买了两张,
/// 充了100点券), a unit of money (handled by [`AMOUNT`]), a digit, a letter (30Q币 counts coins) or
/// other punctuation (a date, a time). Chinese numerals need a unit of ten or more (充了一下 is not
/// money; 充了两百 is), and digits are at most 6 long (a phone number is not a price).
fn bare_payment(t: &str, c: &Captures) -> Option<Money> {
    let num = c.name("num")?;
    let end = c.name("mul").unwrap_or(num).end();
    let s = num.as_str();
    let is_digits = s.starts_with(|ch: char| ch.is_ascii_digit());
    if is_digits {
        let int = s.split('.').next().unwrap_or(s).replace(',', "");
        if int.len() > 6
            || matches!(char_before(t, num.start()), Some(ch) if ch.is_ascii_alphanumeric())
        {
            return None;
        }
    } else if !s.chars().any(|ch| cn_unit(ch).is_some()) {
        return None;
    }
    let rest = t[end..].trim_start_matches(' ');
    let money_like = match rest.chars().next() {
        None | Some('的') => true,
        // A sentence-ending full stop, not a decimal or a date (100.5 was read whole already).
        Some('.') => !rest[1..].starts_with(|ch: char| ch.is_ascii_digit()),
        Some(ch) if is_break(ch) => true,
        Some(ch) if ch.is_ascii() => false,
        Some(ch) => !NOT_MONEY_AFTER_BARE.contains(ch) && !"块圆美刀多来余几".contains(ch),
    };
    if !money_like || not_the_payment(t, num.start(), end) {
        return None;
    }
    let fen = to_fen(s, c.name("mul").map(|m| m.as_str()))?;
    plausible(fen).then(|| Money::from_fen(fen))
}

/// US dollars ([`USD`]). 刀 needs digits and not 砍 before it (砍一刀 is a bargain game, not money).
fn dollars(t: &str, c: &Captures) -> Option<Amount> {
    let whole = c.get(0)?;
    let num = c.name("num").or_else(|| c.name("num2"))?;
    if matches!(char_before(t, num.start()), Some(ch) if ch.is_ascii_digit() || ch == '.')
        || matches!(char_after(t, whole.end()), Some(ch) if ch.is_ascii_alphanumeric())
        || (c.name("num2").is_some()
            && matches!(char_before(t, num.start()), Some(ch) if ch.is_ascii_alphabetic()))
    {
        return None;
    }
    if not_the_payment(t, whole.start(), whole.end()) {
        return None;
    }
    let fen = to_fen(num.as_str(), None)?;
    plausible(fen).then(|| Amount {
        value: Money::from_fen(fen),
        currency: Currency::Usd,
    })
}

/// A range of two neighbouring Chinese digits before a unit (两三百, 七八十, 一两千, 三五百), in fen.
/// People say it when they do not remember the exact price; the middle of the range is our one
/// best guess (两三百 → 250), where `500多` elsewhere reads as its lower bound because it states one.
/// `None` when `s` is not such a range.
pub(super) fn parse_cn_range_fen(s: &str) -> Option<u64> {
    let mut chars = s.chars();
    let (a, b) = (cn_digit(chars.next()?)?, cn_digit(chars.next()?)?);
    let unit: String = chars.collect();
    if !(1..=8).contains(&a) || b <= a || b - a > 2 || unit.is_empty() {
        return None;
    }
    let low = parse_cn(&format!("{}{unit}", cn_of(a)?))?;
    let high = parse_cn(&format!("{}{unit}", cn_of(b)?))?;
    low.checked_add(high)?.checked_mul(50)
}

/// The Chinese digit for 1–9.
fn cn_of(d: u64) -> Option<char> {
    "一二三四五六七八九"
        .chars()
        .nth(usize::try_from(d.checked_sub(1)?).ok()?)
}

/// Fen from "100", "100.5", "1.25" (cents rounded half up from the third decimal) or a Chinese
/// numeral, times the multiplier 百/千/万.
pub(super) fn to_fen(num: &str, mul: Option<&str>) -> Option<i64> {
    let fen: u64 = if num.starts_with(|c: char| c.is_ascii_digit()) {
        let plain = num.replace(',', "");
        let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
        let digit = |i: usize| frac.as_bytes().get(i).map_or(0, |b| u64::from(b - b'0'));
        let cents = digit(0) * 10 + digit(1) + u64::from(digit(2) >= 5);
        int.parse::<u64>()
            .ok()?
            .checked_mul(100)?
            .checked_add(cents)?
    } else if let Some(fen) = parse_cn_range_fen(num) {
        fen
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
