//! The composer through the crate's public API only, as the CLI and the desktop app will use it.
//! (Test names start with `compose` so `cargo test -p reachright-core compose` runs them.)
#![allow(clippy::unwrap_used)] // a test that cannot set up should fail loudly

use chrono::DateTime;
use reachright_core::compose::{
    compose, compose_all, has_placeholders, redact_for_public, ComposeInput, ComposeKind,
};
use reachright_core::recommend::recommend;
use reachright_core::scenario::{Case, ContactAttempt, ContactDetails, Customer, TriageResult};
use reachright_core::taxonomy::Demand;
use reachright_core::{Channel, Lang, Money, Outcome, PlatformProfile, ProblemType};
use reachright_tz::Tz;

fn at(s: &str) -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("test time")
}

/// A stolen card key, with the key itself written into the symptom as users do.
fn stolen_key_case() -> Case {
    Case {
        problem_type: ProblemType::CardKeyStolen,
        confidence: 0.9,
        alternative: None,
        description: None,
        order_id: Some("20240601088".into()),
        product: Some("Steam充值卡".into()),
        amount: Some(Money::from_fen(9950)),
        amount_foreign: None,
        occurred_at: Some(at("2024-06-01T20:15:00+08:00").with_timezone(&Tz::SHANGHAI)),
        symptom: Some("收到卡密ABCD1234EFGH5678后立即兑换,提示该卡密已被使用".into()),
        error_message: Some("该卡密已被使用".into()),
        steps_tried: vec!["联系在线客服".into()],
        demand: Some(Demand::Resend),
        evidence: vec!["卡密发放页面截图".into(), "兑换失败截图".into()],
        customer: Customer::default(),
        history: vec![ContactAttempt {
            channel: Channel::Email,
            at: at("2024-06-03T10:00:00+08:00"),
            outcome: Outcome::NoResponse,
        }],
        suggested_contacts: vec![],
        contact: ContactDetails {
            name: Some("李四".into()),
            phone: Some("13912345678".into()),
            email: Some("lisi@example.com".into()),
            account: None,
        },
    }
}

/// The real triage result for a hand-made case.
fn result_for(case: &Case) -> TriageResult {
    let now = at("2024-06-12T14:00:00+08:00").with_timezone(&Tz::SHANGHAI);
    let rec = recommend(case, &PlatformProfile::default(), now, Lang::Zh);
    TriageResult::from_case(None, case, &rec)
}

#[test]
fn compose_all_gives_five_texts_with_subjects_where_they_belong() {
    let case = stolen_key_case();
    let result = result_for(&case);
    let profile = PlatformProfile::default();
    let now = at("2024-06-12T14:00:00+08:00").with_timezone(&Tz::SHANGHAI);
    let texts = compose_all(&ComposeInput {
        case: &case,
        result: &result,
        profile: &profile,
        now,
        lang: Lang::Zh,
    });
    let kinds: Vec<ComposeKind> = texts.iter().map(|t| t.kind).collect();
    assert_eq!(kinds, ComposeKind::ALL);
    for t in &texts {
        let has_subject = matches!(
            t.kind,
            ComposeKind::Email | ComposeKind::Ticket | ComposeKind::Complaint
        );
        assert_eq!(t.subject.is_some(), has_subject, "{:?}", t.kind);
        assert!(
            t.body.contains("20240601088") && t.body.contains("99.5元"),
            "{:?}:\n{}",
            t.kind,
            t.body
        );
        assert!(
            t.body.contains("重发/补发有效的商品或卡密"),
            "{:?}:\n{}",
            t.kind,
            t.body
        );
    }
    let json = serde_json::to_value(&texts[2]).expect("serialises");
    assert_eq!(json["kind"], "email");
    assert_eq!(json["subject"], "20240601088-卡密被盗用-紧急");
    // The e-mail of June 3rd (Monday) was due on Thursday June 6th; by June 12th it is overdue.
    let letter = &texts[4].body;
    assert!(
        letter.contains("2024年6月3日 10:00 通过邮件联系，结果：无回应，已超过3个工作日"),
        "{letter}"
    );
    assert!(
        letter.contains("第五十五条") && letter.contains("第二十五条"),
        "{letter}"
    );
    assert!(
        letter.contains("1. 卡密发放页面截图\n2. 兑换失败截图"),
        "{letter}"
    );
    // No account was given: the user is told what to fill in.
    assert!(
        has_placeholders(&texts[2].body) && texts[2].body.ends_with("平台账号：【请填写平台账号】")
    );
}

#[test]
fn compose_complaint_for_12315_keeps_details_and_public_version_masks_them() {
    let case = stolen_key_case();
    let result = result_for(&case);
    let profile = PlatformProfile {
        name: "某某卡盟".into(),
        ..Default::default()
    };
    let now = at("2024-06-12T14:00:00+08:00").with_timezone(&Tz::SHANGHAI);
    let input = ComposeInput {
        case: &case,
        result: &result,
        profile: &profile,
        now,
        lang: Lang::Zh,
    };
    let letter = compose(ComposeKind::Complaint, &input).body;
    assert!(letter.contains("ABCD1234EFGH5678") && letter.contains("13912345678"));
    let public = redact_for_public(&letter);
    for secret in ["ABCD1234EFGH5678", "13912345678", "lisi@", "李四"] {
        assert!(!public.contains(secret), "{secret} leaked:\n{public}");
    }
    for kept in [
        "卡密ABCD**********78",
        "139****5678",
        "l***@example.com",
        "姓名：李*",
        "20240601088",
        "某某卡盟",
        "99.5元",
    ] {
        assert!(public.contains(kept), "{kept} missing:\n{public}");
    }
}
