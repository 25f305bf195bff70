//! The product bought: a product keyword extended leftwards over its brand or game name.

use super::*;

/// Product keywords, longest first within a family so the regex prefers 游戏点卡 over 点卡.
pub(super) const PRODUCTS: &[&str] = &[
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
    "授权码",
    "序列号",
    "会员码",
    "钱包码",
    "gift card",
    "订阅",
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
pub(super) const LAST_RESORT_PRODUCT: &str = "卡密";

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
pub(super) const NAME_STOP_CHARS: &str = "的了着过买购充冲给在元块圆个张份次件套我你他她它们是把被从用要想帮替到没未不已还也都就才又再说问拿领抢送发该这那吗呢吧啊呀哦嘛月年日号及或跟";
pub(super) const NAME_STOP_WORDS: &[&str] = &[
    "今天", "昨天", "前天", "刚才", "刚刚", "已经", "一直", "还是", "但是", "可是", "然后", "结果",
    "之前", "以前", "上午", "下午", "晚上", "早上", "中午", "凌晨", "充值", "兑换", "开通", "续费",
    "订购", "领取", "下单", "支付", "付款", "花了", "拍了", "一个", "一张", "这个", "那个",
];
/// A name longer than this is a sentence, not a brand: the keyword is used alone. ASCII letters are
/// counted apart, as brands written in Latin letters are longer (App Store, PlayStation).
pub(super) const MAX_NAME_CJK: usize = 8;
pub(super) const MAX_NAME_ASCII: usize = 20;

/// The product: a keyword from [`PRODUCTS`] extended leftwards over the brand or game name that
/// precedes it (王者荣耀点券, steam充值卡, 爱奇艺会员). The most specific wins: anything before the
/// last resort 卡密, then the longest name, then the first in the text.
pub(super) fn product(t: &str) -> Option<String> {
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
pub(super) fn is_false_product(t: &str, start: usize, end: usize, kw: &str) -> bool {
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
pub(super) fn name_start(t: &str, kw_start: usize) -> usize {
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
pub(super) fn ascii_letters_around_space(t: &str, space_end: usize) -> bool {
    let space_start = space_end - 1;
    char_before(t, space_start).is_some_and(|c| c.is_ascii_alphabetic())
        && char_after(t, space_end).is_some_and(|c| c.is_ascii_alphabetic())
}

pub(super) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}
