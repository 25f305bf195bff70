//! Property tests: no input makes the classifier or the whole triage panic, and results repeat.
#![allow(clippy::unwrap_used)] // a test that cannot set up should fail loudly

use chrono::DateTime;
use proptest::prelude::*;
use reachright_core::classify::classify;
use reachright_core::scenario::Scenario;
use reachright_core::triage::triage;
use reachright_core::Lang;

/// Text made of the domain's own words, digits and punctuation: it reaches the interesting paths.
fn domain_text() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "充值",
        "失败",
        "未到账",
        "订单号",
        "卡密",
        "冻结",
        "被盗",
        "已被使用",
        "退款",
        "买错",
        "处理中",
        "接口",
        "api",
        "说好",
        "不满意",
        "发票",
        "元",
        "块",
        "¥",
        "昨晚",
        "十点",
        "5月20日",
        "14:30",
        "半小时前",
        "*",
        "\"",
        "，",
        "。",
        "2024-05-20",
        "KM88230145",
        "999999999999999999999",
        "0",
        "\u{0}",
        "\u{200b}",
        "帳號",
        "ＡＰＩ",
    ]);
    prop::collection::vec(words, 0..30).prop_map(|w| w.concat())
}

proptest! {
    #[test]
    fn classify_never_panics_and_is_deterministic(text in prop_oneof![any::<String>(), domain_text()]) {
        let a = classify(&text);
        prop_assert!((0.0..=1.0).contains(&a.confidence));
        prop_assert_eq!(a, classify(&text));
    }

    #[test]
    fn triage_of_any_description_never_panics(text in prop_oneof![any::<String>(), domain_text()]) {
        let now = DateTime::parse_from_rfc3339("2026-11-25T12:00:00+08:00").unwrap();
        let scenario = Scenario::from_value(&serde_json::json!({"description": text})).unwrap();
        let a = triage(&scenario, now, Lang::Zh).unwrap().result;
        let b = triage(&scenario, now, Lang::Zh).unwrap().result;
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(a.ladder[0], a.primary);
    }
}
