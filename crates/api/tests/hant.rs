//! Traditional Chinese through the facade: the settings, the labels and reasons in zh-Hant, and the
//! texts for platforms (simplified unless asked, and then only the app's words converted).

#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

use chrono::{DateTime, FixedOffset};
use reachright_api::models::{Intake, Settings};
use reachright_api::{cases, settings, views, Call, Store};
use reachright_core::compose::ComposeKind;
use reachright_core::Lang;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn intake() -> Intake {
    Intake {
        story: "买的100元游戏点卡一直没到账，订单页面显示处理中".into(),
        problem_type: Some("delivery_delay".into()),
        order_id: "20240520001".into(),
        occurred_at: "2024-05-20T14:30".into(),
        product: "游戏点卡（网络版）".into(),
        amount: "100".into(),
        ..Intake::default()
    }
}

#[test]
fn the_settings_keep_the_language_and_the_writing_for_platforms() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let first = settings::load(&store).unwrap();
    assert!(!first.lang_chosen, "a first start has no language yet");
    assert_eq!(first.send_lang, "zh-CN");
    let saved = settings::save(
        &store,
        &Settings {
            lang: "zh-Hant".into(),
            ..first
        },
    )
    .unwrap();
    assert!(saved.lang_chosen);
    assert_eq!(saved.lang, "zh-Hant");
    assert_eq!(settings::lang(&store).unwrap(), Lang::ZhHant);
    let bad = settings::save(
        &store,
        &Settings {
            send_lang: "en".into(),
            ..saved
        },
    )
    .unwrap_err();
    assert_eq!(bad.field(), Some("send_lang"));
}

#[test]
fn labels_and_reasons_come_in_traditional() {
    let vocab = views::vocabulary(Lang::ZhHant);
    let chat = vocab
        .channels
        .iter()
        .find(|c| c.code == "online_chat")
        .unwrap();
    assert_eq!(chat.label, "線上客服");
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let now = at("2024-05-20T15:30:00+08:00");
    let d = cases::create(&Call::new(&store, now, Lang::ZhHant), &intake()).unwrap();
    let rec = &d.analysis.recommendation;
    assert!(!rec.reasons.is_empty());
    for r in &rec.reasons {
        assert!(
            !r.contains("联系") && !r.contains("处理"),
            "simplified left in {r}"
        );
    }
}

#[test]
fn texts_for_platforms_stay_simplified_unless_the_user_asks() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let now = at("2024-05-20T15:30:00+08:00");
    let body = |store: &Store| {
        let d = cases::create(&Call::new(store, now, Lang::ZhHant), &intake()).unwrap();
        let email = d
            .analysis
            .recommendation
            .texts
            .iter()
            .find(|t| t.kind == ComposeKind::Email)
            .unwrap();
        email.body.clone()
    };
    let simplified = body(&store);
    assert!(simplified.contains("订单编号：20240520001"), "{simplified}");
    settings::save(
        &store,
        &Settings {
            send_lang: "zh-Hant".into(),
            ..settings::load(&store).unwrap()
        },
    )
    .unwrap();
    let traditional = body(&store);
    assert!(
        traditional.contains("訂單編號：20240520001"),
        "{traditional}"
    );
    assert!(!traditional.contains("订单编号"), "{traditional}");
    // The user's own words are sent as they typed them.
    assert!(traditional.contains("游戏点卡（网络版）"), "{traditional}");
    assert!(traditional.contains(&intake().story), "{traditional}");
}
