//! Property tests for `normalize` and `extract`: whatever a user pastes (any Unicode, absurd
//! numbers, impossible dates, half-typed keywords), they must not panic, must give the same answer
//! twice, and every text they return must come from the (normalised) input.
#![allow(clippy::unwrap_used)] // a test that cannot set up should fail loudly

use chrono::{DateTime, TimeZone};
use proptest::prelude::*;
use reachright_core::extract::{extract, Extracted};
use reachright_core::normalize::{lower, normalize};
use reachright_core::Money;
use reachright_tz::Tz;

/// The words the rules react to, and the things that try to break them.
const VOCAB: &[&str] = &[
    // labels, products, units
    "订单号",
    "订单编号",
    "单号",
    "订单",
    "交易号",
    "流水号",
    // issue 15: bare amounts, ranges, separators, dollars, dates, contacts, shorthand
    "刚冲了",
    "充了",
    "两三百",
    "1,000",
    ",",
    "$",
    "美元",
    "刀",
    "号",
    ".",
    "11.25",
    "25号",
    "客服",
    "kf",
    "tk",
    "电话",
    "邮件",
    "没人理",
    "占线",
    "机器人",
    "不能退",
    "三次",
    "order id",
    "order#",
    "：",
    ":",
    "是",
    "为",
    "点卡",
    "游戏点卡",
    "点券",
    "Q币",
    "QQ会员",
    "会员",
    "VIP",
    "月卡",
    "年卡",
    "激活码",
    "充值卡",
    "礼品卡",
    "一卡通",
    "话费",
    "钻石",
    "元宝",
    "皮肤",
    "创世结晶",
    "CDK",
    "兑换码",
    "卡密",
    "王者荣耀",
    "steam",
    "网易",
    "元",
    "块",
    "块钱",
    "圆",
    "¥",
    "￥",
    "RMB",
    "rmb",
    "CNY",
    "金额",
    "多",
    "%",
    "次",
    "分钟",
    "小时",
    "个", // numbers
    "0",
    "1",
    "5",
    "12",
    "20",
    "25",
    "30",
    "99",
    "100",
    "100.5",
    "2024",
    "13",
    "45",
    "99999999999999999999",
    "KM88230145",
    "DD2024112501",
    "13812345678",
    "E1003",
    "一",
    "两",
    "十",
    "二十",
    "百",
    "千",
    "万",
    "半",
    "零", // time
    "月",
    "日",
    "号",
    "年",
    "-",
    "/",
    ".",
    "点",
    "时",
    "分",
    "刻",
    "钟",
    "前",
    "以前",
    "了",
    "等了",
    "已经",
    "今天",
    "昨天",
    "前天",
    "大前天",
    "昨晚",
    "今早",
    "上午",
    "下午",
    "中午",
    "晚上",
    "凌晨",
    "早",
    "晚",
    "刚才",
    "刚刚",
    "天",
    "周",
    "个月",
    "后",
    "内", // errors, steps, demands
    "提示",
    "显示",
    "报错",
    "弹出",
    "错误",
    "错误代码",
    "错误码",
    "返回",
    "error",
    "code",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "'",
    "「",
    "」",
    "刷新",
    "重试",
    "重新登录",
    "清除缓存",
    "联系过客服",
    "试了",
    "没",
    "请",
    "吗",
    "退款",
    "补发",
    "重发",
    "补偿",
    "赔偿",
    "修改",
    "解冻",
    "被",
    "不要",
    // traditional script, typos, odd characters
    "帳號",
    "訂單",
    "還沒",
    "到帐",
    "冲值",
    "卡蜜",
    "以经",
    "己经",
    "可以经",
    "自己经",
    "，",
    "。",
    "！",
    "？",
    "、",
    "…",
    " ",
    "\u{3000}",
    "\n",
    "\u{200B}",
    "\u{FEFF}",
    "ＫＭ",
    "１２",
    "💥",
];

fn vocab_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(VOCAB), 0..40).prop_map(|words| words.concat())
}

/// Arbitrary Unicode, vocabulary soup, or the two interleaved.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        vocab_text(),
        (vocab_text(), any::<String>(), vocab_text()).prop_map(|(a, b, c)| format!("{a}{b}{c}")),
    ]
}

/// Any moment from 1900 to 2200, in zones with and without DST.
fn any_now() -> impl Strategy<Value = DateTime<Tz>> {
    let zones = prop::sample::select(vec![
        reachright_tz::Tz::SHANGHAI,
        reachright_tz::Tz::UTC,
        "America/New_York".parse::<Tz>().unwrap(),
        "Australia/Lord_Howe".parse::<Tz>().unwrap(),
    ]);
    (zones, -2_208_988_800i64..7_258_118_400i64)
        .prop_map(|(tz, secs)| tz.timestamp_opt(secs, 0).single().expect("in range"))
}

fn assert_from_input(e: &Extracted, canonical: &str) {
    for s in [&e.order_id, &e.product, &e.error_message]
        .into_iter()
        .flatten()
    {
        assert!(
            canonical.contains(s.as_str()),
            "{s:?} is not in {canonical:?}"
        );
    }
    for s in e.contacts.iter().map(|c| &c.matched).chain(&e.steps_tried) {
        assert!(
            canonical.contains(s.as_str()),
            "{s:?} is not in {canonical:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn normalize_never_panics_and_is_idempotent(text in any_text()) {
        let once = normalize(&text);
        prop_assert_eq!(normalize(&once), once.clone());
        prop_assert_eq!(lower(&text), once.to_ascii_lowercase());
    }

    #[test]
    fn extract_never_panics_and_is_deterministic(text in any_text(), now in any_now()) {
        let first = extract(&text, now);
        let second = extract(&text, now);
        prop_assert_eq!(&first, &second);
        assert_from_input(&first, &normalize(&text));
    }

    #[test]
    fn amounts_are_positive(text in vocab_text(), now in any_now()) {
        if let Some(m) = extract(&text, now).amount {
            prop_assert!(m.fen() > 0);
        }
    }

    #[test]
    fn steps_are_unique(text in vocab_text(), now in any_now()) {
        let steps = extract(&text, now).steps_tried;
        for (i, s) in steps.iter().enumerate() {
            prop_assert!(!steps[..i].contains(s), "duplicate step {:?}", s);
        }
    }
}

#[test]
fn hostile_inputs_do_not_panic() {
    let now = reachright_tz::Tz::SHANGHAI
        .with_ymd_and_hms(2026, 11, 25, 12, 0, 0)
        .single()
        .expect("valid");
    let long = "订单号KM88230145,5月20日下午3点买了100元点卡,".repeat(500);
    for text in [
        "99999999999999999999元",
        "2024-13-45",
        "25:99",
        "0月0日",
        "99999999999999999999天前",
        "999999个月前",
        "二十万万万万万万万万万万万万元",
        "9999-99-99 99:99:99",
        "2月30日",
        "晚上99点",
        "¥",
        "提示\"",
        "“",
        long.as_str(),
    ] {
        let _ = extract(text, now);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// Whatever the number, a bare amount after a top-up verb is that many yuan, one with a
    /// thousands separator reads whole, and dollars are never yuan.
    #[test]
    fn colloquial_amounts_read_exactly(n in 1u64..=999_999, now in any_now()) {
        let yuan = Some(Money::from_yuan(i64::try_from(n).unwrap()));
        prop_assert_eq!(extract(&format!("刚冲了{n} 一直没到账"), now).amount, yuan);
        prop_assert_eq!(extract(&format!("充了{n}的点券"), now).amount, yuan);
        let grouped = format!("{},{:03}元", n / 1000, n % 1000);
        if n >= 1000 {
            prop_assert_eq!(extract(&grouped, now).amount, yuan);
        }
        let e = extract(&format!("paid ${n} for a gift card"), now);
        prop_assert_eq!(e.amount, None);
        prop_assert_eq!(e.amount_foreign.map(|a| a.value), yuan);
        prop_assert_eq!(extract(&format!("充了{n}次"), now).amount, None);
    }

    /// A dotted month.day or a day of the month alone is never in the future (beyond the day of
    /// tolerance), and falls on that day.
    #[test]
    fn dotted_and_day_only_dates_are_recent(mo in 1u32..=12, d in 1u32..=31, now in any_now()) {
        for text in [format!("{mo}.{d:02}买的"), format!("{d}号买的")] {
            if let Some(t) = extract(&text, now).occurred_at {
                prop_assert!(t <= now + chrono::Duration::days(2), "{} gave {}", text, t);
                prop_assert_eq!(chrono::Datelike::day(&t), d);
            }
        }
    }
}
