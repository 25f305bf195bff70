//! Facts pulled out of a user's free-text story: order id, amount, product, when it happened, the
//! error the platform showed, what the user already tried, and what they want.
//!
//! The recommender and the composer need these facts to pick a channel (an amount above the VIP
//! threshold, how long the user has waited) and to write a message the agent can act on at once
//! (order id, error text, steps already tried, so the agent does not ask for them again).
//!
//! Everything here is a heuristic over [`normalize`]d text; every rule is general (no example
//! strings), and each field is found independently, so a miss in one never hides another.
//! [`extract`] never panics, is deterministic, and takes the current time as an argument.
//!
//! Decisions worth knowing (details at each function):
//! * A date without a time is that date at 00:00; a period word without a clock (昨天晚上) adds
//!   nothing to the date.
//! * 刚才/刚刚 mean `now` (the lowest-priority time rule): the user says it just happened, and we do
//!   not invent minutes.
//! * Waiting durations (等了两个小时, 一个小时了) date the event only when no explicit time is given;
//!   a bare 今天 (no clock time) yields to them. A duration that does not run until now
//!   (支付成功后30分钟未到账: no 了, no 等了) dates nothing, nor does a deadline (12点前).
//! * Traditional script, full-width characters and common typos are handled by [`normalize`], so
//!   the rules below are written once, in simplified Chinese with ASCII punctuation.
//! * Amounts that are not the payment (补偿5元, 5元红包, 优惠, 返, 送) are skipped.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone};
use chrono_tz::Tz;
use regex::{Captures, Regex};
use serde::Serialize;

use crate::money::Money;
use crate::normalize::normalize;
use crate::taxonomy::Demand;

/// What [`extract`] found. Every field is optional: a story may state any subset of these facts.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extracted {
    pub order_id: Option<String>,
    pub amount: Option<Money>,
    pub product: Option<String>,
    pub occurred_at: Option<DateTime<Tz>>,
    pub error_message: Option<String>,
    pub steps_tried: Vec<String>,
    pub demand: Option<Demand>,
}

/// Extracts the facts of `text`; relative times ("昨天", "两个小时前") are resolved against `now`,
/// in `now`'s time zone.
#[must_use]
pub fn extract(text: &str, now: DateTime<Tz>) -> Extracted {
    let t = normalize(text);
    Extracted {
        order_id: order_id(&t),
        amount: amount(&t),
        product: product(&t),
        occurred_at: occurred_at(&t, now),
        error_message: error_message(&t),
        steps_tried: steps_tried(&t),
        demand: demand(&t),
    }
}

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

/// A regex compiled once, on first use. The patterns are constants, so failing to compile is a bug
/// caught by every test.
macro_rules! lazy_regex {
    ($name:ident = $pattern:expr) => {
        static $name: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(&$pattern).expect("static regex must compile"));
    };
}

/// Chinese digits and the units 十 百 千 万, in the everyday and the financial (大写) forms.
const CN_NUM: &str = "零〇一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟";
/// Chinese numerals small enough for hours, minutes, days and months (no 百 千 万).
const CN_SMALL: &str = "[零〇一二两三四五六七八九十]";

fn char_before(t: &str, i: usize) -> Option<char> {
    t.get(..i)?.chars().next_back()
}

fn char_after(t: &str, i: usize) -> Option<char> {
    t.get(i..)?.chars().next()
}

fn is_cn_numeral(c: char) -> bool {
    CN_NUM.contains(c)
}

/// Ends a clause for the "nearby words" windows below. Both ASCII and CJK forms are listed because
/// [`normalize`] folds only the full-width ASCII block (`，` → `,`) and keeps `。…`.
fn is_break(c: char) -> bool {
    matches!(c, ',' | ';' | '!' | '?' | '.' | '。' | '…' | '\n' | '\r')
}

/// Up to `n` characters right before byte `i`, stopping at a clause boundary.
fn window_before(t: &str, i: usize, n: usize) -> &str {
    let head = t.get(..i).unwrap_or("");
    let mut start = head.len();
    for (j, c) in head.char_indices().rev().take(n) {
        if is_break(c) {
            break;
        }
        start = j;
    }
    &head[start..]
}

/// Up to `n` characters from byte `i` on, stopping at a clause boundary.
fn window_after(t: &str, i: usize, n: usize) -> &str {
    let tail = t.get(i..).unwrap_or("");
    let end = tail
        .char_indices()
        .take(n)
        .find(|&(_, c)| is_break(c))
        .map(|(j, _)| j)
        .unwrap_or_else(|| tail.char_indices().nth(n).map_or(tail.len(), |(j, _)| j));
    &tail[..end]
}

/// A number written with ASCII digits or Chinese numerals (see [`parse_cn`]).
fn parse_num(s: &str) -> Option<u64> {
    let s = s.trim();
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        parse_cn(s)
    }
}

fn cn_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn cn_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        '万' => 10_000,
        _ => return None,
    })
}

/// A Chinese numeral: 十五 = 15, 两百 = 200, 一百零五 = 105, 三万 = 30000. A digit trailing a unit
/// counts one place lower, as people say it: 一百五 = 150, 两千五 = 2500, 一万五 = 15000. Without
/// any unit the digits are positional (二零二四 = 2024). Malformed or overflowing → `None`.
fn parse_cn(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    if !s.chars().any(|c| cn_unit(c).is_some()) {
        return s.chars().try_fold(0u64, |acc, c| {
            acc.checked_mul(10)?.checked_add(cn_digit(c)?)
        });
    }
    let (mut total, mut section) = (0u64, 0u64);
    let mut digit: Option<u64> = None;
    let mut last_unit = 1u64;
    let mut zero_since_unit = false;
    // Units below 万 must fall within a section (二百三十, not 十百).
    let mut section_unit = u64::MAX;
    for c in s.chars() {
        if let Some(d) = cn_digit(c) {
            if d == 0 {
                zero_since_unit = true;
            } else if digit.is_some_and(|x| x != 0) {
                return None; // 二三: two digits in a row is not a numeral
            }
            digit = Some(d);
        } else if let Some(u) = cn_unit(c) {
            if u == 10_000 {
                section = section.checked_add(digit.take().unwrap_or(0))?;
                if section == 0 && total > 0 {
                    return None; // 万万
                }
                total = total.checked_add(section.max(1).checked_mul(u)?)?;
                section = 0;
                section_unit = u64::MAX;
            } else {
                if u >= section_unit {
                    return None;
                }
                section = section.checked_add(digit.take().unwrap_or(1).checked_mul(u)?)?;
                section_unit = u;
            }
            last_unit = u;
            zero_since_unit = false;
        } else {
            return None;
        }
    }
    if let Some(d) = digit {
        let place = if zero_since_unit {
            1
        } else {
            (last_unit / 10).max(1)
        };
        section = section.checked_add(d.checked_mul(place)?)?;
    }
    total.checked_add(section)
}

// ---------------------------------------------------------------------------------------------
// Order id
// ---------------------------------------------------------------------------------------------

// The value after an order label. Longer labels come first so 订单号 is not read as 订单 + "号…".
lazy_regex!(
    ORDER_LABELLED = r"(?i)(?:订单编号|订单号码|订单号|交易单号|交易编号|交易号|流水号|单号|订单|order\s*(?:id|no\.?|number|num|#))\s*(?:[:#]\s*|是\s*|为\s*)?([A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?)"
);
// Any run of ASCII letters and digits: the standalone candidates are chosen among these.
lazy_regex!(ALNUM_RUN = r"[A-Za-z0-9]+");

/// Labels whose number is *not* the order id (a phone, an account, a card key, an amount, an error
/// code). Compared against the lowercased text just before a standalone candidate.
const OTHER_LABELS: &[&str] = &[
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
const OTHER_PREFIXES: &[&str] = &["qq", "rmb", "cny", "usd", "vx", "wx", "tel", "id", "uid"];

/// The order id: the value after an order label (订单号, 单号, 交易号, order id …), else the first
/// standalone token that looks like one (1–4 letters + ≥6 digits, or ≥10 digits). A number glued
/// to a unit (…元, …日, …次) is a quantity, not an id. A standalone 11-digit mobile number is used
/// only when nothing else qualifies, and never when a phone/account/card label precedes it.
fn order_id(t: &str) -> Option<String> {
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

fn is_labelled_order_id(t: &str, tok: &str, end: usize) -> bool {
    let digits = tok.bytes().filter(u8::is_ascii_digit).count();
    let date_like = {
        let parts: Vec<&str> = tok.split('-').collect();
        parts.len() == 3
            && parts[0].len() == 4
            && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
    };
    tok.len() >= 5 && tok.len() <= 40 && digits > 0 && !date_like && !followed_by_unit(t, end)
}

fn looks_like_order_id(tok: &str) -> bool {
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

fn is_mobile_number(tok: &str) -> bool {
    let b = tok.as_bytes();
    b.len() == 11
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1])
        && b.iter().all(u8::is_ascii_digit)
}

/// A number inside an amount or a decimal (¥12345678901, 12345678901.5, 12345678901元).
fn is_quantity(t: &str, start: usize, end: usize) -> bool {
    matches!(char_before(t, start), Some('¥' | '$' | '.' | '-'))
        || (char_after(t, end) == Some('.')
            && t[end + 1..].starts_with(|c: char| c.is_ascii_digit()))
        || followed_by_unit(t, end)
}

/// Units that make the number before them a quantity: money, date, count, time.
const QUANTITY_UNITS: &str = "元块圆日号月年%次个张分秒天小倍";

/// The number ending at `end` is directly followed (spaces allowed) by a unit of money, date,
/// count or time.
fn followed_by_unit(t: &str, end: usize) -> bool {
    let rest = t.get(end..).unwrap_or("").trim_start();
    let starts_ci = |p: &str| {
        rest.get(..p.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(p))
    };
    rest.starts_with(|c: char| QUANTITY_UNITS.contains(c)) || starts_ci("rmb") || starts_ci("cny")
}

/// The text before `start` (separators skipped) ends with one of [`OTHER_LABELS`].
fn has_other_label(t: &str, start: usize) -> bool {
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

// ---------------------------------------------------------------------------------------------
// Amount
// ---------------------------------------------------------------------------------------------

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
const NOT_PAYMENT_BEFORE: &[&str] = &[
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
const NOT_PAYMENT_AFTER: &[&str] = &[
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
fn amount(t: &str) -> Option<Money> {
    AMOUNT.captures_iter(t).find_map(|c| payment(t, &c))
}

fn payment(t: &str, c: &Captures) -> Option<Money> {
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
fn to_fen(num: &str, mul: Option<&str>) -> Option<i64> {
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

// ---------------------------------------------------------------------------------------------
// Product
// ---------------------------------------------------------------------------------------------

/// Product keywords, longest first within a family so the regex prefers 游戏点卡 over 点卡.
const PRODUCTS: &[&str] = &[
    "游戏点卡",
    "点卡",
    "点券",
    "QQ会员",
    "Q币",
    "会员",
    "VIP",
    "月卡",
    "季卡",
    "年卡",
    "周卡",
    "激活码",
    "充值卡",
    "礼品卡",
    "购物卡",
    "E卡",
    "一卡通",
    "话费",
    "流量",
    "钻石",
    "元宝",
    "金币",
    "游戏币",
    "皮肤",
    "创世结晶",
    "CDKEY",
    "CDK",
    "兑换码",
    LAST_RESORT_PRODUCT,
];
/// The last resort: 卡密 names how the goods were delivered, not what they are.
const LAST_RESORT_PRODUCT: &str = "卡密";

lazy_regex!(
    PRODUCT = format!(
        "(?i){}",
        PRODUCTS
            .iter()
            .map(|k| regex::escape(k))
            .collect::<Vec<_>>()
            .join("|")
    )
);

/// Words that end a product name when extending leftwards: verbs of buying, particles, pronouns,
/// counters, time words. Single characters are checked against the character to the left, longer
/// words against the text to the left.
const NAME_STOP_CHARS: &str = "的了着过买购充冲给在元块圆个张份次件套我你他她它们是把被从用要想帮替到没未不已还也都就才又再说问拿领抢送发该这那吗呢吧啊呀哦嘛月年日号及或跟";
const NAME_STOP_WORDS: &[&str] = &[
    "今天", "昨天", "前天", "刚才", "刚刚", "已经", "一直", "还是", "但是", "可是", "然后", "结果",
    "之前", "以前", "上午", "下午", "晚上", "早上", "中午", "凌晨", "充值", "兑换", "开通", "续费",
    "订购", "领取", "下单", "支付", "付款", "花了", "拍了", "一个", "一张", "这个", "那个",
];
/// A name longer than this is a sentence, not a brand: the keyword is used alone. ASCII letters are
/// counted apart, as brands written in Latin letters are longer (App Store, PlayStation).
const MAX_NAME_CJK: usize = 8;
const MAX_NAME_ASCII: usize = 20;

/// The product: a keyword from [`PRODUCTS`] extended leftwards over the brand or game name that
/// precedes it (王者荣耀点券, steam充值卡, 爱奇艺会员). The most specific wins: anything before the
/// last resort 卡密, then the longest name, then the first in the text.
fn product(t: &str) -> Option<String> {
    PRODUCT
        .find_iter(t)
        .filter(|m| !is_false_product(t, m.start(), m.end(), m.as_str()))
        .map(|m| {
            let last_resort = m.as_str() == LAST_RESORT_PRODUCT;
            let start = name_start(t, m.start());
            (
                last_resort,
                Range {
                    start,
                    end: m.end(),
                },
            )
        })
        .min_by_key(|(last_resort, r)| {
            (
                *last_resort,
                std::cmp::Reverse(t[r.clone()].chars().count()),
                r.start,
            )
        })
        .map(|(_, r)| t[r].to_string())
}

/// Keywords that are not a product here: 5点卡住 / 12月卡密 (a time followed by 卡), VIP客服, VIP5
/// (a level).
fn is_false_product(t: &str, start: usize, end: usize, kw: &str) -> bool {
    let time_unit_first = ["点卡", "月卡", "年卡", "周卡", "季卡"].contains(&kw);
    let after_number =
        char_before(t, start).is_some_and(|c| c.is_ascii_digit() || is_cn_numeral(c));
    let rest = &t[end..];
    let vip_level =
        kw.eq_ignore_ascii_case("vip") && rest.starts_with(|c: char| c.is_ascii_digit());
    (time_unit_first && after_number)
        || vip_level
        || rest.starts_with("客服")
        || rest.starts_with("通道")
        || rest.starts_with("专属")
}

/// Where the name in front of the keyword at `kw_start` begins (`kw_start` if there is none).
fn name_start(t: &str, kw_start: usize) -> usize {
    let mut start = kw_start;
    let (mut cjk, mut ascii) = (0, 0);
    while let Some(c) = char_before(t, start) {
        let head = &t[..start];
        let name_char = c.is_ascii_alphabetic()
            || is_cjk(c)
            || (c == ' ' && ascii_letters_around_space(t, start));
        if !name_char
            || NAME_STOP_CHARS.contains(c)
            || NAME_STOP_WORDS.iter().any(|w| head.ends_with(w))
        {
            break;
        }
        start -= c.len_utf8();
        if c.is_ascii() {
            ascii += 1;
        } else {
            cjk += 1;
        }
        if cjk > MAX_NAME_CJK || ascii > MAX_NAME_ASCII {
            return kw_start;
        }
    }
    start
}

/// "App Store礼品卡": a space between two ASCII letters stays inside a name.
fn ascii_letters_around_space(t: &str, space_end: usize) -> bool {
    let space_start = space_end - 1;
    char_before(t, space_start).is_some_and(|c| c.is_ascii_alphabetic())
        && char_after(t, space_end).is_some_and(|c| c.is_ascii_alphabetic())
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

// ---------------------------------------------------------------------------------------------
// Time
// ---------------------------------------------------------------------------------------------

// One temporal atom: a full date, a month-day, a day word, "N天前", a period of the day, or a
// clock time (14:30, 14:30:05, 3点, 3点半, 3点一刻, 14点30分, 十点). Atoms next to each other form
// one moment (see `moments`).
lazy_regex!(
    TIME_ATOM = format!(
        r"(?P<ymd>(?P<y>[0-9]{{4}})\s*[-/.年]\s*(?P<mo>[0-9]{{1,2}})\s*[-/.月]\s*(?P<d>[0-9]{{1,2}})\s*[日号]?)|(?P<md>(?P<mo2>[0-9]{{1,2}}|{CN_SMALL}{{1,3}})\s*月\s*(?P<d2>[0-9]{{1,2}}|{CN_SMALL}{{1,3}})\s*(?P<ri>[日号])?)|(?P<dw>大前天|前天|昨天|昨日|今天|今日|昨晚|昨夜|前晚|今晚|今早|今晨|昨早)|(?P<ago>(?P<agon>[0-9]{{1,3}}|{CN_SMALL}{{1,3}})\s*天(?:以|之)?前)|(?P<p>凌晨|清晨|早上|早晨|上午|中午|下午|傍晚|晚上|晚间|夜里|夜间|半夜|深夜|早|晚)|(?P<colon>(?P<hh>[0-9]{{1,2}}):(?P<mm>[0-9]{{2}})(?::(?P<ss>[0-9]{{2}}))?)|(?P<dian>(?P<h>[0-9]{{1,2}}|{CN_SMALL}{{1,3}})\s*(?P<sep>[点时])(?:\s*(?P<half>半)|\s*(?P<q>[一三])刻|\s*(?P<mi>[0-9]{{1,2}}|{CN_SMALL}{{1,3}})\s*分?)?(?P<zhong>钟)?)"
    )
);

// A count of time units: 30分钟, 两个小时, 一个半小时, 两个多小时, 半小时, 3天, 一个月.
const DURATION: &str = r"(?P<n>[0-9]{1,6}|[零〇一二两三四五六七八九十百]{1,4}|半)\s*(?P<ge>个)?\s*多?\s*(?P<half>半)?\s*(?P<u>小时|钟头|分钟|秒钟|秒|天|日|周|星期|礼拜|月)";
// "… ago": 半小时前, 30分钟前, 两个小时以前.
lazy_regex!(AGO = format!(r"{DURATION}\s*多?\s*(?:以前|之前|前)"));
// Waiting until now: 等了两个小时, 已经三天, 过了30分钟, or 一个小时了. Needs the lead-in or the 了.
lazy_regex!(
    WAITED = format!(
        r"(?P<pre>等了|等待了|过了|过去了|已经|已|都)?\s*(?:快|将近|接近|差不多|大概|大约|约|足足|整整|超过)?\s*{DURATION}\s*(?P<post>多?了)?"
    )
);
lazy_regex!(JUST_NOW = r"刚才|刚刚");

/// When it happened, in `now`'s time zone. In order of preference:
/// 1. an explicit moment (date and/or clock time; see [`resolve_moment`]);
/// 2. "… 前" (半小时前, 3天前): `now` minus that;
/// 3. a wait that lasts until now (已经等了两个小时, 一个小时了): `now` minus that; a duration after
///    another event without 了 (支付成功后30分钟未到账) is not one;
/// 4. 今天 without a clock time: today 00:00;
/// 5. 刚才/刚刚: `now`.
///
/// Invalid dates or times (2024-13-45, 25:99, 0月0日) are skipped, never a panic.
fn occurred_at(t: &str, now: DateTime<Tz>) -> Option<DateTime<Tz>> {
    let moments = moments(t);
    // "今天" without a clock time says little ("今天必须给我一个说法"): it yields to any duration.
    let is_bare_today =
        |m: &&Moment| matches!(m.date, Some(DateSpec::DaysAgo(0, _))) && m.clock.is_none();
    moments
        .iter()
        .filter(|m| !is_bare_today(m))
        .find_map(|m| resolve_moment(m, now))
        .or_else(|| {
            AGO.captures_iter(t)
                .find_map(|c| duration_secs(t, &c, false))
                .and_then(|s| minus_secs(now, s))
        })
        .or_else(|| {
            WAITED
                .captures_iter(t)
                .filter(|c| c.name("pre").is_some() || c.name("post").is_some())
                .find_map(|c| duration_secs(t, &c, true))
                .and_then(|s| minus_secs(now, s))
        })
        .or_else(|| {
            moments
                .iter()
                .filter(is_bare_today)
                .find_map(|m| resolve_moment(m, now))
        })
        .or_else(|| JUST_NOW.is_match(t).then_some(now))
}

/// The date part of a moment, before resolution.
#[derive(Debug, Clone, Copy, PartialEq)]
enum DateSpec {
    Ymd(u64, u64, u64),
    /// Month and day without a year: the most recent such date.
    MonthDay(u64, u64),
    /// 今天 = 0, 昨天 = 1, 前天 = 2, 大前天 = 3; 昨晚 etc. also imply a period.
    DaysAgo(u64, Option<Period>),
    /// "N天前": a date when a clock time follows, else `now` minus N days.
    NDaysAgo(u64),
}

/// A part of the day, which decides how a 12-hour clock reading becomes a 24-hour one.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Period {
    /// 凌晨: the small hours; 12 means 0.
    Dawn,
    /// 早上, 上午 …: hours kept.
    Morning,
    /// 中午: 12 stays 12, 1–3 are afternoon hours.
    Noon,
    /// 下午, 傍晚: +12 below 12.
    Afternoon,
    /// 晚上, 夜里, 半夜 …: +12 for 5–11; 12 and 1–4 are after midnight (the next day).
    Night,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Clock {
    hour: u64,
    minute: u64,
    second: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Moment {
    date: Option<DateSpec>,
    period: Option<Period>,
    clock: Option<Clock>,
}

/// The text's moments: adjacent atoms (only spaces or 的 between them) in the order date, period,
/// clock form one moment. An invalid atom (hour 25, day 45) is dropped with its moment.
fn moments(t: &str) -> Vec<Moment> {
    let mut out: Vec<Moment> = Vec::new();
    let mut current: Option<(Moment, usize, Option<bool>)> = None; // (moment, end, valid)
    for c in TIME_ATOM.captures_iter(t) {
        let Some(whole) = c.get(0) else { continue };
        let atom = atom(t, &c);
        let joins = current.as_ref().is_some_and(|(m, end, _)| {
            let gap = t.get(*end..whole.start()).unwrap_or("x");
            gap.chars().all(|ch| ch == ' ' || ch == '的') && fits_after(m, &atom)
        });
        match (&mut current, joins) {
            (Some((m, end, valid)), true) => {
                merge(m, &atom, valid);
                *end = whole.end();
            }
            _ => {
                if let Some((m, _, valid)) = current.take() {
                    if valid != Some(false) {
                        out.push(m);
                    }
                }
                let mut m = Moment::default();
                let mut valid = None;
                merge(&mut m, &atom, &mut valid);
                current = Some((m, whole.end(), valid));
            }
        }
    }
    if let Some((m, _, valid)) = current {
        if valid != Some(false) {
            out.push(m);
        }
    }
    out.retain(|m| m.date.is_some() || m.clock.is_some());
    out
}

/// One parsed atom; `Invalid` keeps the place of an atom that matched but makes no sense.
enum Atom {
    Date(DateSpec),
    Period(Period),
    Clock(Clock),
    Invalid,
    Ignored,
}

fn fits_after(m: &Moment, atom: &Atom) -> bool {
    match atom {
        Atom::Date(_) => false,
        Atom::Period(_) => m.period.is_none() && m.clock.is_none(),
        Atom::Clock(_) | Atom::Invalid => m.clock.is_none(),
        Atom::Ignored => false,
    }
}

fn merge(m: &mut Moment, atom: &Atom, valid: &mut Option<bool>) {
    match *atom {
        Atom::Date(d) => {
            m.date = Some(d);
            if let DateSpec::DaysAgo(_, Some(p)) = d {
                m.period = Some(p);
            }
        }
        Atom::Period(p) => m.period = Some(p),
        Atom::Clock(c) => m.clock = Some(c),
        Atom::Invalid => *valid = Some(false),
        Atom::Ignored => {}
    }
}

fn atom(t: &str, c: &Captures) -> Atom {
    let num = |name: &str| c.name(name).and_then(|m| parse_num(m.as_str()));
    if c.name("ymd").is_some() {
        return match (num("y"), num("mo"), num("d")) {
            (Some(y), Some(mo), Some(d)) if !glued_to_digits(t, c, "ymd") => {
                Atom::Date(DateSpec::Ymd(y, mo, d))
            }
            _ => Atom::Invalid,
        };
    }
    if let Some(md) = c.name("md") {
        // Without 日/号, "5月20" must not run into a unit (12月30天, 3月20元).
        let unit_follows = c.name("ri").is_none() && followed_by_unit(t, md.end());
        return match (num("mo2"), num("d2")) {
            (Some(mo), Some(d)) if !glued_to_digits(t, c, "md") && !unit_follows => {
                Atom::Date(DateSpec::MonthDay(mo, d))
            }
            _ => Atom::Invalid,
        };
    }
    if let Some(w) = c.name("dw") {
        let (days, period) = match w.as_str() {
            "今天" | "今日" => (0, None),
            "今早" | "今晨" => (0, Some(Period::Morning)),
            "今晚" => (0, Some(Period::Night)),
            "昨天" | "昨日" => (1, None),
            "昨早" => (1, Some(Period::Morning)),
            "昨晚" | "昨夜" => (1, Some(Period::Night)),
            "前天" => (2, None),
            "前晚" => (2, Some(Period::Night)),
            _ => (3, None), // 大前天
        };
        return Atom::Date(DateSpec::DaysAgo(days, period));
    }
    if c.name("ago").is_some() {
        return match num("agon") {
            Some(n) if !glued_to_digits(t, c, "ago") => Atom::Date(DateSpec::NDaysAgo(n)),
            _ => Atom::Ignored,
        };
    }
    if let Some(p) = c.name("p") {
        return Atom::Period(match p.as_str() {
            "凌晨" => Period::Dawn,
            "清晨" | "早上" | "早晨" | "上午" | "早" => Period::Morning,
            "中午" => Period::Noon,
            "下午" | "傍晚" => Period::Afternoon,
            _ => Period::Night,
        });
    }
    if let Some(colon) = c.name("colon") {
        if glued_to_digits(t, c, "colon") || is_deadline(t, colon.end()) {
            return Atom::Ignored; // 1:100, 123:45 are not clock times
        }
        return match (num("hh"), num("mm")) {
            (Some(hour), Some(minute)) => Atom::Clock(Clock {
                hour,
                minute,
                second: num("ss").unwrap_or(0),
            }),
            _ => Atom::Invalid,
        };
    }
    dian_clock(t, c)
}

/// "3点", "14点30分", "3点半", "十点", "14时": an hour with 点/时. Guards against readings that are
/// not a time: 100点券 (digits before), 3点券 / 5点数 (points), 一点 (a little: a Chinese 一 needs
/// minutes, 半 or 钟 to be 1 o'clock; with a date or period word in front it is merged anyway via
/// [`moments`]), 一时 (Chinese numerals only take 点).
fn dian_clock(t: &str, c: &Captures) -> Atom {
    let (Some(whole), Some(h)) = (c.name("dian"), c.name("h")) else {
        return Atom::Ignored;
    };
    let cn_hour = !h.as_str().starts_with(|ch: char| ch.is_ascii_digit());
    let has_minutes = c.name("half").is_some() || c.name("q").is_some() || c.name("mi").is_some();
    if glued_to_digits(t, c, "dian")
        || is_deadline(t, whole.end())
        || matches!(
            char_before(t, whole.start()),
            Some('第' | '百' | '千' | '万')
        )
        || (cn_hour && c.name("sep").is_some_and(|s| s.as_str() == "时"))
        || (!has_minutes
            && ["券", "数", "卡密", "赞", "击"]
                .iter()
                .any(|w| t[whole.end()..].starts_with(w)))
    {
        return Atom::Ignored;
    }
    let bare_one = cn_hour && h.as_str() == "一" && !has_minutes && c.name("zhong").is_none();
    if bare_one && !after_time_word(t, whole.start()) {
        return Atom::Ignored;
    }
    let minute = if c.name("half").is_some() {
        Some(30)
    } else if let Some(q) = c.name("q") {
        Some(if q.as_str() == "一" { 15 } else { 45 })
    } else {
        c.name("mi").map_or(Some(0), |m| parse_num(m.as_str()))
    };
    match (parse_num(h.as_str()), minute) {
        (Some(hour), Some(minute)) => Atom::Clock(Clock {
            hour,
            minute,
            second: 0,
        }),
        _ => Atom::Invalid,
    }
}

/// A clock time followed by 前 is a deadline (晚上12点前能处理好吗), not when something happened.
fn is_deadline(t: &str, end: usize) -> bool {
    let rest = t[end..].trim_start();
    ["前", "之前", "以前"].iter().any(|w| rest.starts_with(w))
}

/// A date or period word ends right before `i` (spaces allowed): 下午一点, 昨天一点.
fn after_time_word(t: &str, i: usize) -> bool {
    let head = t[..i].trim_end();
    [
        "凌晨", "早上", "上午", "中午", "下午", "晚上", "今天", "昨天", "昨晚", "今晚", "日", "号",
    ]
    .iter()
    .any(|w| head.ends_with(w))
}

/// The named group sits inside a longer number (2024-05-201, 123:45, 100点).
fn glued_to_digits(t: &str, c: &Captures, group: &str) -> bool {
    let Some(m) = c.name(group) else { return false };
    let digit =
        |ch: Option<char>| ch.is_some_and(|ch| ch.is_ascii_digit() || ch == '.' || ch == ':');
    let first_digit = m.as_str().starts_with(|ch: char| ch.is_ascii_digit());
    let last_digit = m.as_str().ends_with(|ch: char| ch.is_ascii_digit());
    (first_digit && digit(char_before(t, m.start())))
        || (last_digit && digit(char_after(t, m.end())))
}

/// A moment as a point in time in `now`'s zone, or `None` if it is impossible.
/// * A clock time without a date is today, or yesterday if that is still ahead of `now`.
/// * A month-day is the most recent such date not after tomorrow (so 12月1日 said on 11月25日 is
///   last year's).
/// * A date without a clock time is 00:00 of that date.
fn resolve_moment(m: &Moment, now: DateTime<Tz>) -> Option<DateTime<Tz>> {
    let today = now.date_naive();
    let (time, next_day) = match m.clock {
        Some(c) => {
            let (hour, next_day) = to_24h(c.hour, m.period)?;
            (
                NaiveTime::from_hms_opt(
                    u32::try_from(hour).ok()?,
                    small(c.minute)?,
                    small(c.second)?,
                )?,
                next_day,
            )
        }
        None => {
            if let Some(DateSpec::NDaysAgo(n)) = m.date {
                return minus_secs(now, i64::try_from(n).ok()?.checked_mul(86_400)?);
            }
            (NaiveTime::MIN, false)
        }
    };
    let date = match m.date {
        Some(DateSpec::Ymd(y, mo, d)) => {
            NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, small(mo)?, small(d)?)?
        }
        Some(DateSpec::MonthDay(mo, d)) => recent_month_day(today, small(mo)?, small(d)?)?,
        Some(DateSpec::DaysAgo(n, _) | DateSpec::NDaysAgo(n)) => {
            today.checked_sub_days(Days::new(n))?
        }
        None => today,
    };
    let date = if next_day {
        date.checked_add_days(Days::new(1))?
    } else {
        date
    };
    let at = local(now.timezone(), date.and_time(time))?;
    if m.date.is_none() && at > now {
        // A bare clock time still ahead of now was yesterday's.
        return local(
            now.timezone(),
            date.checked_sub_days(Days::new(1))?.and_time(time),
        );
    }
    Some(at)
}

fn small(v: u64) -> Option<u32> {
    u32::try_from(v).ok().filter(|&v| v < 100)
}

/// The 24-hour hour for a reading in a period, and whether it falls on the next day
/// (晚上12点 = 0:00, 晚上1点 = 1:00 of the next day). Hours above 23 are invalid.
fn to_24h(hour: u64, period: Option<Period>) -> Option<(u64, bool)> {
    let h = match (period, hour) {
        (_, h) if h > 24 => return None,
        (Some(_), h) if h >= 13 => (h, false), // already 24-hour: 下午15点
        (Some(Period::Dawn), 12) => (0, false),
        (Some(Period::Noon), 1..=3) | (Some(Period::Afternoon), 1..=11) => (hour + 12, false),
        (Some(Period::Night), 12) => (0, true),
        (Some(Period::Night), 1..=4) => (hour, true),
        (Some(Period::Night), 5..=11) => (hour + 12, false),
        (_, h) => (h, false),
    };
    (h.0 <= 23).then_some(h)
}

/// The most recent `month`/`day` not after `today` + 1 day (looking back far enough for 2月29日).
fn recent_month_day(today: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let limit = today.checked_add_days(Days::new(1))?;
    (0..=8).find_map(|back| {
        let d = NaiveDate::from_ymd_opt(today.year().checked_sub(back)?, month, day)?;
        (d <= limit).then_some(d)
    })
}

/// A local date-time in `tz`; in a DST gap the first valid instant after it.
fn local(tz: Tz, naive: NaiveDateTime) -> Option<DateTime<Tz>> {
    tz.from_local_datetime(&naive).earliest().or_else(|| {
        tz.from_local_datetime(&naive.checked_add_signed(TimeDelta::try_hours(1)?)?)
            .earliest()
    })
}

/// Nobody asks after-sales help about a purchase older than this; a longer "duration" is noise.
const MAX_AGO_SECS: i64 = 10 * 366 * 86_400;

fn minus_secs(now: DateTime<Tz>, secs: i64) -> Option<DateTime<Tz>> {
    (secs <= MAX_AGO_SECS).then_some(())?;
    now.checked_sub_signed(TimeDelta::try_seconds(secs)?)
}

/// Seconds in a [`DURATION`] match. 个月 counts 30 days (月 needs 个: 3月 is March). In a wait,
/// 半天 ("ages") is not a duration.
fn duration_secs(t: &str, c: &Captures, waiting: bool) -> Option<i64> {
    if glued_to_digits(t, c, "n") {
        return None;
    }
    let n = c.name("n")?.as_str();
    let unit = c.name("u")?.as_str();
    let half_n = n == "半";
    if (unit == "月" && c.name("ge").is_none())
        || (waiting && half_n && unit == "天")
        || (waiting && unit == "日")
    {
        return None;
    }
    let unit_secs: i64 = match unit {
        "秒" | "秒钟" => 1,
        "分钟" => 60,
        "小时" | "钟头" => 3600,
        "天" | "日" => 86_400,
        "周" | "星期" | "礼拜" => 7 * 86_400,
        _ => 30 * 86_400,
    };
    let count = if half_n {
        0
    } else {
        i64::try_from(parse_num(n)?).ok()?
    };
    let halves = count.checked_mul(2)? + i64::from(half_n || c.name("half").is_some());
    (halves > 0).then_some(())?;
    halves.checked_mul(unit_secs).map(|s| s / 2)
}

// ---------------------------------------------------------------------------------------------
// Error message
// ---------------------------------------------------------------------------------------------

// Quoted text shortly after a word that introduces what the platform said.
lazy_regex!(
    ERROR_QUOTED = r#"(?:提示|显示|报错|弹出|弹窗|错误|返回|出现)[^"“‘'「『,;!?。\n]{0,8}?\s*(?:"(?P<a>[^"\n]{1,80})"|“(?P<b>[^”\n]{1,80})”|‘(?P<c>[^’\n]{1,80})’|'(?P<d>[^'\n]{1,80})'|「(?P<e>[^」\n]{1,80})」|『(?P<f>[^』\n]{1,80})』)"#
);
// Unquoted text after 提示/报错, up to the end of the clause.
lazy_regex!(
    ERROR_UNQUOTED = r#"(?:提示|报错)\s*(?:[:]|说|了|为|是|信息|消息|内容)*\s*["“‘'「『]?(?P<msg>[^,;!?.。…\n"“”‘’'「」『』]{2,40})"#
);
// An error code: 错误代码E1003, 错误码: 1003, error 502, code=E12, 500错误, HTTP 404.
lazy_regex!(
    ERROR_CODE = r"(?i)(?:错误代码|错误码|错误编号|错误号|错误代号|故障码|error\s*code|error|err|code)\s*[:#=]?\s*[A-Za-z]{0,4}-?[0-9]{2,6}|[0-9]{3,5}\s*错误|http\s*[0-9]{3}"
);

/// Conjunctions that end an unquoted message: 提示充值成功但是没到账 → 充值成功.
const MESSAGE_ENDS: &[&str] = &[
    "但是", "但", "可是", "然后", "却", "结果", "所以", "怎么", "还是",
];

/// What the platform said: quoted text after 提示/显示/报错/弹出/错误/返回, else unquoted text after
/// 提示/报错 up to the clause boundary, else an error code (returned with its label).
fn error_message(t: &str) -> Option<String> {
    quoted_error(t)
        .or_else(|| unquoted_error(t))
        .or_else(|| error_code(t))
}

fn quoted_error(t: &str) -> Option<String> {
    ERROR_QUOTED.captures_iter(t).find_map(|c| {
        let m = ["a", "b", "c", "d", "e", "f"]
            .iter()
            .find_map(|g| c.name(g))?;
        let s = m.as_str().trim();
        (!s.is_empty()).then(|| s.to_string())
    })
}

fn unquoted_error(t: &str) -> Option<String> {
    ERROR_UNQUOTED.captures_iter(t).find_map(|c| {
        let start = c.get(0)?.start();
        if matches!(char_before(t, start), Some('没' | '不' | '无' | '未')) {
            return None; // 没提示, 不报错
        }
        let msg = c.name("msg")?.as_str();
        let cut = MESSAGE_ENDS
            .iter()
            .filter_map(|w| msg.find(w))
            .min()
            .unwrap_or(msg.len());
        let msg = msg[..cut]
            .trim()
            .trim_start_matches(['了', '说', '是', '为'])
            .trim();
        (msg.chars().count() >= 2).then(|| msg.to_string())
    })
}

fn error_code(t: &str) -> Option<String> {
    ERROR_CODE
        .find_iter(t)
        .find(|m| {
            let glued = char_before(t, m.start()).is_some_and(|c| c.is_ascii_alphanumeric())
                || char_after(t, m.end()).is_some_and(|c| c.is_ascii_digit());
            !glued
        })
        .map(|m| m.as_str().trim().to_string())
}

// ---------------------------------------------------------------------------------------------
// Steps tried
// ---------------------------------------------------------------------------------------------

// Things users do before asking for help.
lazy_regex!(
    STEP = r"(?i)刷新|重试|重新试|再试|试了|试过|尝试|重新登录|重新登陆|重登|退出重进|重启|重新启动|清除缓存|清除了缓存|清缓存|清了缓存|清理缓存|清理了缓存|换了|更换了|联系过|联系了|问过|问了|找过|找了|咨询过|咨询了|(?:联系|咨询|问|找)(?:过|了)?客服|反馈过|反馈了|催过|催了|投诉过|投诉了|申请过|申请了|提交过|提交了|已提交|已经提交|等了|等待了|卸载|重装|重新安装|重新下载|重新绑定|打过电话|打了电话|发过邮件|发了邮件|留言了|留过言"
);
// Quoted spans: a step word inside the platform's message (请稍后重试) is not a user's step.
lazy_regex!(QUOTED_SPAN = r#""[^"\n]*"|“[^”\n]*”|‘[^’\n]*’|'[^'\n]*'|「[^」\n]*」|『[^』\n]*』"#);

/// Words right before a step word that mean it was not done: 没刷新, 请重试, 需要重启吗, 怎么清除缓存.
const NOT_DONE: &[&str] = &[
    "没",
    "未",
    "不",
    "别",
    "请",
    "需要",
    "要不要",
    "能否",
    "是否",
    "怎么",
    "如何",
    "建议",
    "让我",
    "想",
    "要求",
];

/// The clauses that say what the user already did, trimmed, in order, without duplicates. A clause
/// is split at `,;!?。…` and line breaks, at `.` unless between digits, and at a space between two
/// non-ASCII characters (people separate Chinese clauses with spaces). `、` does not split: an
/// enumeration (刷新、重启都试了) is one step clause. Questions (…吗, …?) are not steps.
fn steps_tried(t: &str) -> Vec<String> {
    let quoted: Vec<Range<usize>> = QUOTED_SPAN.find_iter(t).map(|m| m.range()).collect();
    let mut out: Vec<String> = Vec::new();
    for (r, terminator) in clauses(t) {
        let clause = &t[r.clone()];
        let text = clause.trim();
        if text.is_empty()
            || terminator == Some('?')
            || text.ends_with('吗')
            || out.iter().any(|s| s == text)
        {
            continue;
        }
        let done = STEP.find_iter(clause).any(|m| {
            let at = r.start + m.start();
            let inside_quote = quoted.iter().any(|q| q.start < at && at < q.end);
            let lead = window_before(clause, m.start(), 4);
            !inside_quote && !NOT_DONE.iter().any(|w| lead.contains(w))
        });
        if done {
            out.push(text.to_string());
        }
    }
    out
}

/// Byte ranges of the clauses of `t`, each with the character that ended it.
fn clauses(t: &str) -> Vec<(Range<usize>, Option<char>)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = t.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let boundary = match c {
            ',' | ';' | '!' | '?' | '。' | '…' | '\n' | '\r' => true,
            '.' => {
                !(prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit()))
            }
            ' ' => prev.is_some_and(|p| !p.is_ascii()) && next.is_some_and(|n| !n.is_ascii()),
            _ => false,
        };
        if boundary {
            out.push((start..i, Some(c)));
            start = i + c.len_utf8();
        }
        prev = Some(c);
    }
    out.push((start..t.len(), None));
    out
}

// ---------------------------------------------------------------------------------------------
// Demand
// ---------------------------------------------------------------------------------------------

lazy_regex!(
    DEMAND = r"(?P<refund>退款|退钱|退回|退给我|退还|退费|退我)|(?P<resend>重发|补发|重新发|再发)|(?P<compensation>补偿|赔偿|赔付|赔钱)|(?P<modify>修改|改一下|更改|改成|改为)|(?P<restore>解封|解冻|解除冻结|恢复账号|恢复账户|找回账号|找回账户)"
);

/// Words right before a demand word that cancel it: 不要退款, 不用补发, 别改, 密码被修改.
const NOT_WANTED: &[&str] = &["不要", "不想", "不用", "不需要", "不需", "不必", "别", "被"];

/// What the user wants, by the first demand word in the text that is not negated.
fn demand(t: &str) -> Option<Demand> {
    DEMAND.captures_iter(t).find_map(|c| {
        let m = c.get(0)?;
        let lead = window_before(t, m.start(), 3);
        if NOT_WANTED.iter().any(|w| lead.contains(w)) {
            return None;
        }
        [
            ("refund", Demand::Refund),
            ("resend", Demand::Resend),
            ("compensation", Demand::Compensation),
            ("modify", Demand::Modify),
            ("restore", Demand::Restore),
        ]
        .into_iter()
        .find_map(|(g, d)| c.name(g).map(|_| d))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Asia::Shanghai;

    /// 2026-11-25 (a Wednesday) 12:00 in Shanghai.
    fn now() -> DateTime<Tz> {
        Shanghai
            .with_ymd_and_hms(2026, 11, 25, 12, 0, 0)
            .single()
            .expect("valid fixed time")
    }

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Option<DateTime<Tz>> {
        Shanghai.with_ymd_and_hms(y, mo, d, h, mi, s).single()
    }

    fn x(text: &str) -> Extracted {
        extract(text, now())
    }

    fn yuan(y: i64) -> Option<Money> {
        Some(Money::from_yuan(y))
    }

    // --- order id ---

    #[test]
    fn order_id_after_a_label() {
        assert_eq!(
            x("订单号20240520001,5月20日买的").order_id.as_deref(),
            Some("20240520001")
        );
        assert_eq!(
            x("点卡还没到账,订单号KM88230145").order_id.as_deref(),
            Some("KM88230145")
        );
        assert_eq!(
            x("单号202411250033").order_id.as_deref(),
            Some("202411250033")
        );
        assert_eq!(
            x("订单编号:DD2024112501").order_id.as_deref(),
            Some("DD2024112501")
        );
        assert_eq!(x("订单号是 12345").order_id.as_deref(), Some("12345"));
        assert_eq!(x("交易号为T1234567").order_id.as_deref(), Some("T1234567"));
        assert_eq!(
            x("流水号：９８７６５４３２１０").order_id.as_deref(),
            Some("9876543210")
        );
        assert_eq!(
            x("my order id: AB-2024-0001 is missing")
                .order_id
                .as_deref(),
            Some("AB-2024-0001")
        );
        assert_eq!(x("Order#998877").order_id.as_deref(), Some("998877"));
    }

    #[test]
    fn order_id_standalone() {
        assert_eq!(
            x("KM88230145这单还没到").order_id.as_deref(),
            Some("KM88230145")
        );
        assert_eq!(
            x("DD2024112501 没发货").order_id.as_deref(),
            Some("DD2024112501")
        );
        assert_eq!(
            x("1234567890123 一直没到").order_id.as_deref(),
            Some("1234567890123")
        );
    }

    #[test]
    fn order_id_is_not_a_phone_code_amount_or_date() {
        assert_eq!(x("错误代码E1003").order_id, None);
        assert_eq!(x("错误码1003,error 502").order_id, None);
        assert_eq!(x("我的手机13812345678,联系我").order_id, None);
        assert_eq!(x("电话:13812345678").order_id, None);
        assert_eq!(x("99999999999999999999元").order_id, None);
        assert_eq!(x("¥12345678901").order_id, None);
        assert_eq!(x("订单20241125日买的").order_id, None);
        assert_eq!(x("订单2000元没到").order_id, None);
        assert_eq!(x("订单2024-11-25买的").order_id, None);
        assert_eq!(x("QQ1234567890 充值没到").order_id, None);
        assert_eq!(x("账号1234567890被冻结").order_id, None);
        assert_eq!(x("卡密1234567890123456无效").order_id, None);
        assert_eq!(x("买了3次,每次30分钟").order_id, None);
    }

    #[test]
    fn mobile_number_only_as_last_resort() {
        assert_eq!(
            x("13812345678 KM88230145").order_id.as_deref(),
            Some("KM88230145")
        );
        assert_eq!(
            x("13812345678 没到账").order_id.as_deref(),
            Some("13812345678")
        );
        assert_eq!(
            x("订单号13812345678").order_id.as_deref(),
            Some("13812345678")
        );
    }

    // --- amount ---

    #[test]
    fn amount_with_units_and_prefixes() {
        assert_eq!(x("充了100元").amount, yuan(100));
        assert_eq!(x("100块").amount, yuan(100));
        assert_eq!(x("花了100块钱").amount, yuan(100));
        assert_eq!(x("100圆").amount, yuan(100));
        assert_eq!(x("付了¥100").amount, yuan(100));
        assert_eq!(x("付了￥100").amount, yuan(100));
        assert_eq!(x("金额500").amount, yuan(500));
        assert_eq!(x("金额:500").amount, yuan(500));
        assert_eq!(x("金额为500").amount, yuan(500));
        assert_eq!(x("100.5元").amount, Some(Money::from_fen(10050)));
        assert_eq!(x("RMB100").amount, yuan(100));
        assert_eq!(x("100rmb").amount, yuan(100));
        assert_eq!(x("100 CNY").amount, yuan(100));
        assert_eq!(x("两百多块").amount, yuan(200));
    }

    #[test]
    fn amount_in_chinese_numerals_and_multipliers() {
        assert_eq!(x("五十元").amount, yuan(50));
        assert_eq!(x("两百块").amount, yuan(200));
        assert_eq!(x("一百五十元").amount, yuan(150));
        assert_eq!(x("一块钱").amount, yuan(1));
        assert_eq!(x("1千元").amount, yuan(1000));
        assert_eq!(x("2万元").amount, yuan(20000));
        assert_eq!(x("1.5万元").amount, yuan(15000));
    }

    #[test]
    fn amount_that_is_not_the_payment() {
        assert_eq!(x("返回500错误").amount, None);
        assert_eq!(x("试了3次,等了30分钟").amount, None);
        assert_eq!(x("要求补偿5元").amount, None);
        assert_eq!(x("赔偿我10块").amount, None);
        assert_eq!(x("送了5元红包").amount, None);
        assert_eq!(x("给了一个5元优惠券").amount, None);
        assert_eq!(x("返5元").amount, None);
        assert_eq!(x("打了50%折扣").amount, None);
        assert_eq!(x("买了100元宝").amount, None);
        assert_eq!(x("和朋友一块买的").amount, None);
        assert_eq!(x("0元").amount, None);
        assert_eq!(x("99999999999999999999元").amount, None);
    }

    #[test]
    fn first_qualifying_amount_wins() {
        assert_eq!(x("补偿5元不够,我付了100元").amount, yuan(100));
        assert_eq!(x("购买100元游戏点卡,客服说补偿5元").amount, yuan(100));
        assert_eq!(x("订单号20240520001,5月20日买了50元Q币").amount, yuan(50));
        // 点券 is bought with money; only coupon words (优惠券, 代金券…) mark a non-payment.
        assert_eq!(x("买的王者荣耀点券648元到现在没到").amount, yuan(648));
        assert_eq!(x("用了代金券10元").amount, None);
    }

    #[test]
    fn chinese_numerals_parse() {
        assert_eq!(parse_cn("十"), Some(10));
        assert_eq!(parse_cn("十五"), Some(15));
        assert_eq!(parse_cn("二十五"), Some(25));
        assert_eq!(parse_cn("一百零五"), Some(105));
        assert_eq!(parse_cn("一百五"), Some(150));
        assert_eq!(parse_cn("两千五"), Some(2500));
        assert_eq!(parse_cn("一万五"), Some(15000));
        assert_eq!(parse_cn("三十万"), Some(300_000));
        assert_eq!(parse_cn("二零二四"), Some(2024));
        assert_eq!(parse_cn("二三十"), None);
        assert_eq!(parse_cn(""), None);
        assert_eq!(parse_cn("万万万万万万万万万万"), None);
        assert_eq!(parse_cn("十百"), None);
        assert_eq!(parse_cn("二百三十"), Some(230));
    }

    // --- product ---

    #[test]
    fn product_with_brand_name() {
        assert_eq!(x("购买100元游戏点卡").product.as_deref(), Some("游戏点卡"));
        assert_eq!(x("买的QQ会员付完钱").product.as_deref(), Some("QQ会员"));
        assert_eq!(x("买了50元Q币").product.as_deref(), Some("Q币"));
        assert_eq!(
            x("买的王者荣耀点券到现在").product.as_deref(),
            Some("王者荣耀点券")
        );
        assert_eq!(
            x("买的steam充值卡卡密没收到").product.as_deref(),
            Some("steam充值卡")
        );
        assert_eq!(x("话费充值失败").product.as_deref(), Some("话费"));
        assert_eq!(
            x("开通的爱奇艺会员没生效").product.as_deref(),
            Some("爱奇艺会员")
        );
        assert_eq!(x("网易一卡通").product.as_deref(), Some("网易一卡通"));
        assert_eq!(
            x("充值原神创世结晶").product.as_deref(),
            Some("原神创世结晶")
        );
        assert_eq!(
            x("和平精英点券没到").product.as_deref(),
            Some("和平精英点券")
        );
        assert_eq!(
            x("买了App Store礼品卡").product.as_deref(),
            Some("App Store礼品卡")
        );
    }

    #[test]
    fn product_prefers_specific_and_falls_back_to_card_key() {
        assert_eq!(x("卡密无效").product.as_deref(), Some("卡密"));
        assert_eq!(
            x("发的卡密是假的,买的是腾讯视频VIP").product.as_deref(),
            Some("腾讯视频VIP")
        );
    }

    #[test]
    fn product_negatives() {
        assert_eq!(x("下午5点卡住了").product, None);
        assert_eq!(x("12月卡死了").product, None);
        assert_eq!(x("我要找VIP客服").product, None);
        assert_eq!(x("我是VIP5").product, None);
        assert_eq!(x("订单号KM88230145还没到账").product, None);
        // A long run without any stop word is a sentence, not a brand.
        assert_eq!(
            x("朋友帮忙弄来什么乱七八糟点券").product.as_deref(),
            Some("点券")
        );
    }

    // --- occurred_at ---

    #[test]
    fn month_day_with_time() {
        assert_eq!(
            x("5月20日14:30下的单").occurred_at,
            at(2026, 5, 20, 14, 30, 0)
        );
        assert_eq!(x("5月20号下午3点").occurred_at, at(2026, 5, 20, 15, 0, 0));
        assert_eq!(
            x("5月20日 14点30分").occurred_at,
            at(2026, 5, 20, 14, 30, 0)
        );
        assert_eq!(
            x("订单号20240520001,5月20日买的").occurred_at,
            at(2026, 5, 20, 0, 0, 0)
        );
        assert_eq!(x("五月二十日").occurred_at, at(2026, 5, 20, 0, 0, 0));
        assert_eq!(x("5月20 14:30").occurred_at, at(2026, 5, 20, 14, 30, 0));
        assert_eq!(x("12月30天").occurred_at, None);
    }

    #[test]
    fn month_day_in_the_future_is_last_year() {
        assert_eq!(x("12月1日").occurred_at, at(2025, 12, 1, 0, 0, 0));
        assert_eq!(x("11月26日").occurred_at, at(2026, 11, 26, 0, 0, 0)); // +1 day tolerance
        assert_eq!(x("2月29日").occurred_at, at(2024, 2, 29, 0, 0, 0));
    }

    #[test]
    fn full_dates() {
        assert_eq!(
            x("2024-05-20 14:30").occurred_at,
            at(2024, 5, 20, 14, 30, 0)
        );
        assert_eq!(
            x("2024/5/20 14:30:05").occurred_at,
            at(2024, 5, 20, 14, 30, 5)
        );
        assert_eq!(x("2024年5月20日").occurred_at, at(2024, 5, 20, 0, 0, 0));
        assert_eq!(x("2024.05.20").occurred_at, at(2024, 5, 20, 0, 0, 0));
    }

    #[test]
    fn day_words_and_periods() {
        assert_eq!(x("今天上午10:05").occurred_at, at(2026, 11, 25, 10, 5, 0));
        assert_eq!(x("今天早上8点").occurred_at, at(2026, 11, 25, 8, 0, 0));
        assert_eq!(x("中午12点").occurred_at, at(2026, 11, 25, 12, 0, 0));
        assert_eq!(x("下午3点半").occurred_at, at(2026, 11, 24, 15, 30, 0)); // still ahead today
        assert_eq!(x("晚上7点").occurred_at, at(2026, 11, 24, 19, 0, 0));
        assert_eq!(x("昨天晚上8点").occurred_at, at(2026, 11, 24, 20, 0, 0));
        assert_eq!(x("昨晚十点").occurred_at, at(2026, 11, 24, 22, 0, 0));
        assert_eq!(x("昨晚12点").occurred_at, at(2026, 11, 25, 0, 0, 0));
        assert_eq!(x("前天").occurred_at, at(2026, 11, 23, 0, 0, 0));
        assert_eq!(x("凌晨2点").occurred_at, at(2026, 11, 25, 2, 0, 0));
        assert_eq!(x("凌晨12点").occurred_at, at(2026, 11, 25, 0, 0, 0));
        assert_eq!(x("14:30").occurred_at, at(2026, 11, 24, 14, 30, 0));
        assert_eq!(x("10:15付的款").occurred_at, at(2026, 11, 25, 10, 15, 0));
        assert_eq!(x("3天前下午2点").occurred_at, at(2026, 11, 22, 14, 0, 0));
        assert_eq!(x("下午一点").occurred_at, at(2026, 11, 24, 13, 0, 0));
        assert_eq!(x("上午一点").occurred_at, at(2026, 11, 25, 1, 0, 0));
    }

    #[test]
    fn relative_to_now() {
        let n = now();
        assert_eq!(x("半小时前").occurred_at, Some(n - TimeDelta::minutes(30)));
        assert_eq!(
            x("半个小时前").occurred_at,
            Some(n - TimeDelta::minutes(30))
        );
        assert_eq!(x("30分钟前").occurred_at, Some(n - TimeDelta::minutes(30)));
        assert_eq!(x("两个小时前").occurred_at, Some(n - TimeDelta::hours(2)));
        assert_eq!(
            x("一个半小时前").occurred_at,
            Some(n - TimeDelta::minutes(90))
        );
        assert_eq!(x("3天前").occurred_at, Some(n - TimeDelta::days(3)));
        assert_eq!(x("刚才买的").occurred_at, Some(n));
        assert_eq!(x("刚刚充值").occurred_at, Some(n));
    }

    #[test]
    fn waiting_durations() {
        let n = now();
        assert_eq!(
            x("已经等了两个小时").occurred_at,
            Some(n - TimeDelta::hours(2))
        );
        assert_eq!(
            x("付完钱一个小时了还没到账").occurred_at,
            Some(n - TimeDelta::hours(1))
        );
        assert_eq!(x("都三天了").occurred_at, Some(n - TimeDelta::days(3)));
        // A bare 今天 yields to a duration, and still dates the story when it is alone.
        assert_eq!(
            x("反馈了3天了,今天必须给我一个说法").occurred_at,
            Some(n - TimeDelta::days(3))
        );
        assert_eq!(
            x("一个星期前买的,今天突然失效了").occurred_at,
            Some(n - TimeDelta::days(7))
        );
        assert_eq!(x("今天买的点卡").occurred_at, at(2026, 11, 25, 0, 0, 0));
        // An explicit time wins over the wait.
        assert_eq!(
            x("昨天晚上8点买的,等了两个小时").occurred_at,
            at(2026, 11, 24, 20, 0, 0)
        );
    }

    #[test]
    fn times_that_are_not_times() {
        assert_eq!(x("支付成功后30分钟未到账").occurred_at, None);
        assert_eq!(x("承诺24小时内到账").occurred_at, None);
        assert_eq!(x("2024-13-45").occurred_at, None);
        assert_eq!(x("25:99").occurred_at, None);
        assert_eq!(x("0月0日").occurred_at, None);
        assert_eq!(x("5月20日25:99").occurred_at, None);
        assert_eq!(x("速度快一点").occurred_at, None);
        assert_eq!(x("买了100点券").occurred_at, None);
        assert_eq!(x("晚上客服不在").occurred_at, None);
        assert_eq!(x("等了半天").occurred_at, None);
        assert_eq!(x("99999999天前").occurred_at, None);
        assert_eq!(x("一时半会").occurred_at, None);
        assert_eq!(x("晚上12点前能处理好吗").occurred_at, None);
        assert_eq!(x("14:30之前到账").occurred_at, None);
    }

    // --- error message ---

    #[test]
    fn quoted_error_message() {
        assert_eq!(
            x("系统提示\"充值失败,请稍后重试\"")
                .error_message
                .as_deref(),
            Some("充值失败,请稍后重试")
        );
        assert_eq!(
            x("系统提示＂充值失败，请稍后重试＂")
                .error_message
                .as_deref(),
            Some("充值失败,请稍后重试")
        );
        assert_eq!(
            x("页面显示“订单已关闭”").error_message.as_deref(),
            Some("订单已关闭")
        );
        assert_eq!(
            x("弹出一个窗口「账号异常」").error_message.as_deref(),
            Some("账号异常")
        );
        assert_eq!(
            x("报错:'invalid card'").error_message.as_deref(),
            Some("invalid card")
        );
    }

    #[test]
    fn unquoted_error_message() {
        assert_eq!(
            x("提示账号不存在,充值失败了").error_message.as_deref(),
            Some("账号不存在")
        );
        assert_eq!(
            x("报错:余额不足。").error_message.as_deref(),
            Some("余额不足")
        );
        assert_eq!(
            x("提示充值成功但是没到账").error_message.as_deref(),
            Some("充值成功")
        );
        assert_eq!(x("没提示任何东西,就是没到").error_message, None);
    }

    #[test]
    fn error_codes() {
        assert_eq!(
            x("错误代码E1003").error_message.as_deref(),
            Some("错误代码E1003")
        );
        assert_eq!(x("返回500错误").error_message.as_deref(), Some("500错误"));
        assert_eq!(
            x("接口error 502了").error_message.as_deref(),
            Some("error 502")
        );
        assert_eq!(
            x("错误码:1003").error_message.as_deref(),
            Some("错误码:1003")
        );
        assert_eq!(x("订单号20241125000错误").error_message, None);
        assert_eq!(x("买了100元点卡").error_message, None);
    }

    // --- steps tried ---

    #[test]
    fn steps_are_clauses_in_order_without_duplicates() {
        assert_eq!(
            x("已刷新页面3次未生效").steps_tried,
            vec!["已刷新页面3次未生效"]
        );
        assert_eq!(
            x("点卡没到,我重新登录了,也清除缓存了,还联系过客服。我重新登录了").steps_tried,
            vec!["我重新登录了", "也清除缓存了", "还联系过客服"]
        );
        assert_eq!(
            x("刷新、重启都试了,没用").steps_tried,
            vec!["刷新、重启都试了"]
        );
        assert_eq!(x("换了浏览器 还是不行").steps_tried, vec!["换了浏览器"]);
        assert_eq!(x("以经联系客服了").steps_tried, vec!["已经联系客服了"]);
        assert_eq!(x("已经等了两个小时").steps_tried, vec!["已经等了两个小时"]);
        assert_eq!(
            x("问过客服,说已经提交了").steps_tried,
            vec!["问过客服", "说已经提交了"]
        );
    }

    #[test]
    fn steps_not_done() {
        assert!(x("还没刷新").steps_tried.is_empty());
        assert!(x("需要重启吗").steps_tried.is_empty());
        assert!(x("还没联系客服").steps_tried.is_empty());
        assert!(x("我想联系客服").steps_tried.is_empty());
        assert!(x("要不要清除缓存?").steps_tried.is_empty());
        assert!(x("系统提示\"充值失败,请稍后重试\"").steps_tried.is_empty());
        assert!(x("买了100元点卡没到账").steps_tried.is_empty());
        assert_eq!(x("版本1.2.3,刷新了").steps_tried, vec!["刷新了"]);
    }

    // --- demand ---

    #[test]
    fn demand_by_first_word() {
        assert_eq!(x("我要退款").demand, Some(Demand::Refund));
        assert_eq!(x("把钱退给我").demand, Some(Demand::Refund));
        assert_eq!(x("请尽快补发").demand, Some(Demand::Resend));
        assert_eq!(x("重新发一下卡密").demand, Some(Demand::Resend));
        assert_eq!(x("要求赔偿").demand, Some(Demand::Compensation));
        assert_eq!(x("帮我改一下充值账号").demand, Some(Demand::Modify));
        assert_eq!(x("更改订单信息").demand, Some(Demand::Modify));
        assert_eq!(x("帳號被凍結,請解凍").demand, Some(Demand::Restore));
        assert_eq!(x("希望恢复帐号").demand, Some(Demand::Restore));
        assert_eq!(x("补发或者退款都行").demand, Some(Demand::Resend));
    }

    #[test]
    fn demand_negatives() {
        assert_eq!(x("不要退款,请补发").demand, Some(Demand::Resend));
        assert_eq!(x("密码被修改了").demand, None);
        assert_eq!(x("点卡没到账").demand, None);
    }

    // --- the whole story ---

    #[test]
    fn whole_story() {
        let e = x("5月20日下午3点购买100元游戏点卡,订单号KM88230145,系统提示\"充值失败,请稍后重试\",已刷新页面3次未生效,要求退款");
        assert_eq!(e.order_id.as_deref(), Some("KM88230145"));
        assert_eq!(e.amount, yuan(100));
        assert_eq!(e.product.as_deref(), Some("游戏点卡"));
        assert_eq!(e.occurred_at, at(2026, 5, 20, 15, 0, 0));
        assert_eq!(e.error_message.as_deref(), Some("充值失败,请稍后重试"));
        assert_eq!(e.steps_tried, vec!["已刷新页面3次未生效"]);
        assert_eq!(e.demand, Some(Demand::Refund));
    }

    #[test]
    fn empty_and_odd_input() {
        assert_eq!(x(""), Extracted::default());
        let _ = x("\u{0}\u{FFFF}💥,,,。。。\"\"“”");
        let _ = x("٣٤٥٦٧٨٩٠١٢٣元 ٣:٤٥");
    }
}
