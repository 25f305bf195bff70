//! The app's case workflow against a real SQLite store in a temporary folder, at fixed moments.

#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

use chrono::{DateTime, FixedOffset};
use reachright_api::models::{ContactInput, Intake, PlatformEntry, Settings};
use reachright_api::Call;
use reachright_api::Status;
use reachright_api::{cases, platforms, settings, Store};
use reachright_core::compose::ComposeKind;
use reachright_core::Lang;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    (dir, store)
}

fn intake() -> Intake {
    Intake {
        story: "买的100元游戏点卡一直没到账".into(),
        problem_type: Some("delivery_delay".into()),
        order_id: "20240520001".into(),
        occurred_at: "2024-05-20T14:30".into(),
        product: "游戏点卡".into(),
        amount: "100".into(),
        ..Intake::default()
    }
}

fn contact(channel: &str, at: &str, outcome: &str) -> ContactInput {
    ContactInput {
        channel: channel.into(),
        at: at.into(),
        outcome: outcome.into(),
        note: String::new(),
        reference: String::new(),
    }
}

#[test]
fn the_ladder_and_escalation_follow_the_logged_history() {
    let (_d, store) = store();
    let now = at("2024-05-20T15:30:00+08:00");
    let case = cases::create(&Call::new(&store, now, Lang::Zh), &intake()).unwrap();
    let id = case.summary.id.clone();
    assert_eq!(
        case.analysis.recommendation.primary.channel.code,
        "online_chat"
    );

    let d = cases::log_contact(
        &Call::new(&store, now, Lang::Zh),
        &id,
        &contact("online_chat", "2024-05-20T15:10", "unresolved"),
    )
    .unwrap();
    assert_ne!(
        d.analysis.recommendation.primary.channel.code,
        "online_chat"
    );
    assert_eq!(d.summary.status.code, Status::Open);

    // A ticket is pending: wait for it inside its SLA (3 business days) …
    let d = cases::log_contact(
        &Call::new(&store, now, Lang::Zh),
        &id,
        &contact("ticket", "2024-05-20T15:20", "pending"),
    )
    .unwrap();
    assert_eq!(d.summary.status.code, Status::Waiting);
    assert!(d.analysis.recommendation.sla_deadline.is_some());
    assert!(
        d.summary.next_step.contains("截止"),
        "{}",
        d.summary.next_step
    );

    // … and once the platform has had its chance, the complaint becomes the primary channel.
    let later = at("2024-05-30T10:00:00+08:00");
    let d = cases::detail(&Call::new(&store, later, Lang::Zh), &id).unwrap();
    assert!(d.analysis.recommendation.escalated);
    assert_eq!(
        d.analysis.recommendation.primary.channel.code,
        "third_party_complaint"
    );
    assert!(!d.analysis.recommendation.primary.links.is_empty());
    // The timeline holds the creation, both contacts and the status changes, in time order.
    let kinds: Vec<_> = d.timeline.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "contact").count(), 2);
    assert!(kinds.contains(&"created") && kinds.contains(&"status"));
    let times: Vec<_> = d.timeline.iter().map(|e| at(&e.at)).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
}

#[test]
fn resolved_contacts_close_the_case_and_future_contacts_are_refused() {
    let (_d, store) = store();
    let now = at("2024-05-20T15:00:00+08:00");
    let id = cases::create(&Call::new(&store, now, Lang::Zh), &intake())
        .unwrap()
        .summary
        .id;
    let err = cases::log_contact(
        &Call::new(&store, now, Lang::Zh),
        &id,
        &contact("phone", "2024-05-27T10:00", "resolved"),
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("at"));
    let err = cases::log_contact(
        &Call::new(&store, now, Lang::Zh),
        &id,
        &contact("carrier_pigeon", "", "resolved"),
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("channel"));
    // Refused input wrote nothing.
    assert!(cases::detail(&Call::new(&store, now, Lang::Zh), &id)
        .unwrap()
        .contacts
        .is_empty());
    let d = cases::log_contact(
        &Call::new(&store, now, Lang::Zh),
        &id,
        &contact("phone", "", "resolved"),
    )
    .unwrap();
    assert_eq!(d.summary.status.code, Status::Resolved);
    assert_eq!(d.summary.next_step, "");
    assert!(!d.summary.urgent);
}

#[test]
fn a_bad_form_is_refused_before_anything_is_saved() {
    let (_d, store) = store();
    let now = at("2024-05-20T15:00:00+08:00");
    let bad = Intake {
        amount: "很多".into(),
        ..intake()
    };
    assert_eq!(
        cases::create(&Call::new(&store, now, Lang::Zh), &bad)
            .unwrap_err()
            .field(),
        Some("amount")
    );
    assert!(cases::list(&Call::new(&store, now, Lang::Zh))
        .unwrap()
        .is_empty());
}

#[test]
fn editing_keeps_contacts_and_logs_an_edit() {
    let (_d, store) = store();
    let now = at("2024-05-20T15:00:00+08:00");
    let id = cases::create(&Call::new(&store, now, Lang::Zh), &intake())
        .unwrap()
        .summary
        .id;
    cases::log_contact(
        &Call::new(&store, now, Lang::Zh),
        &id,
        &contact("online_chat", "", "unresolved"),
    )
    .unwrap();
    let changed = Intake {
        product: "月卡会员".into(),
        ..intake()
    };
    let d = cases::update(&Call::new(&store, now, Lang::En), &id, &changed).unwrap();
    assert_eq!(d.summary.title, "月卡会员");
    assert_eq!(d.contacts.len(), 1);
    assert!(d
        .timeline
        .iter()
        .any(|e| e.kind == "edited" && e.text == "Edited the description"));
    // English labels for an English user; the texts to the platform stay Chinese.
    assert_eq!(d.contacts[0].channel.label, "Online chat");
    assert!(d
        .analysis
        .recommendation
        .texts
        .iter()
        .all(|t| t.body.contains("订单")));
}

#[test]
fn a_deleted_platform_leaves_its_cases_on_the_default_profile() {
    let (_d, store) = store();
    let now = at("2024-05-20T15:00:00+08:00");
    let mut form = platforms::default_form().unwrap();
    form.name = "某卡盟".into();
    form.links.chat_url = "https://kf.example.com/chat".into();
    let p = platforms::save(
        &Call::new(&store, now, Lang::Zh),
        &PlatformEntry {
            id: None,
            profile: form,
            vip: false,
            verified: true,
        },
    )
    .unwrap();
    let pid = p.id.clone().unwrap();
    let with_platform = Intake {
        platform_id: Some(pid.clone()),
        ..intake()
    };
    let d = cases::create(&Call::new(&store, now, Lang::Zh), &with_platform).unwrap();
    assert_eq!(d.summary.platform_name, "某卡盟");
    assert_eq!(
        d.analysis.recommendation.primary.url.as_deref(),
        Some("https://kf.example.com/chat")
    );
    platforms::delete(&store, &pid).unwrap();
    let list = cases::list(&Call::new(&store, now, Lang::Zh)).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].platform_name, "默认平台");
    // The form the case page gets back no longer names the platform, so saving it works.
    let d = cases::detail(&Call::new(&store, now, Lang::Zh), &d.summary.id).unwrap();
    assert_eq!(d.intake.platform_id, None);
    cases::update(&Call::new(&store, now, Lang::Zh), &d.summary.id, &d.intake).unwrap();
}

#[test]
fn a_contact_and_the_status_it_brings_are_one_step_on_the_timeline_in_order() {
    let (_d, store) = store();
    let now = at("2024-05-20T15:30:00+08:00");
    let id = cases::create(&Call::new(&store, now, Lang::Zh), &intake())
        .unwrap()
        .summary
        .id;
    // Logged "now" (no time given): the contact and the status change share a second.
    let d = cases::log_contact(
        &Call::new(&store, now, Lang::Zh),
        &id,
        &contact("ticket", "", "pending"),
    )
    .unwrap();
    let kinds: Vec<&str> = d.timeline.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["created", "contact", "status"]);
    assert_eq!(d.summary.status.code, Status::Waiting);
    // Stored in UTC whatever the offset of the moment given, so the store's text order is time order.
    assert_eq!(d.timeline[1].at, "2024-05-20T07:30:00Z");
    let later = at("2024-05-20T09:00:00+00:00"); // 17:00 in Beijing, later than `now`
    let d = cases::log_contact(
        &Call::new(&store, later, Lang::Zh),
        &id,
        &contact("phone", "", "resolved"),
    )
    .unwrap();
    assert_eq!(d.summary.updated_at, "2024-05-20T09:00:00Z");
    assert_eq!(d.timeline.last().unwrap().text, "状态改为：已解决");
}

#[test]
fn exported_profiles_import_as_equal_entries() {
    let (_d, store) = store();
    let now = at("2024-05-20T15:00:00+08:00");
    let mut form = platforms::default_form().unwrap();
    form.name = "导出测试".into();
    form.phone.peaks = vec!["09:00-10:00".into()];
    form.vip_threshold_cny = 299.5;
    let a = platforms::save(
        &Call::new(&store, now, Lang::Zh),
        &PlatformEntry {
            id: None,
            profile: form,
            vip: true,
            verified: false,
        },
    )
    .unwrap();
    let toml = platforms::export(&store, a.id.as_deref().unwrap()).unwrap();
    let b = platforms::import(&Call::new(&store, now, Lang::Zh), &toml).unwrap();
    assert_eq!(a.profile, b.profile);
    assert_ne!(a.id, b.id);
    // The user's standing is theirs, not part of the shared file.
    assert!(!b.vip);
    assert!(platforms::import(&Call::new(&store, now, Lang::Zh), "name = 1").is_err());
}

#[test]
fn contact_details_from_the_settings_sign_the_texts() {
    let (_d, store) = store();
    let now = at("2024-05-20T15:00:00+08:00");
    settings::save(
        &store,
        &Settings {
            contact_name: "王先生".into(),
            contact_phone: "13800000000".into(),
            ..Settings::default()
        },
    )
    .unwrap();
    let d = cases::create(&Call::new(&store, now, Lang::Zh), &intake()).unwrap();
    let email = d
        .analysis
        .recommendation
        .texts
        .iter()
        .find(|t| t.kind == ComposeKind::Email)
        .unwrap();
    assert!(email.body.contains("13800000000"), "{}", email.body);
    assert!(settings::save(
        &store,
        &Settings {
            text_scale: 5.0,
            ..Settings::default()
        }
    )
    .is_err());
}

#[test]
fn a_platform_added_in_one_field_keeps_what_the_user_had() {
    use reachright_api::platforms::{recognise, ContactAtHand as C};
    for (typed, want) in [
        (
            "https://kefu.example.com/chat",
            C::Web("https://kefu.example.com/chat".into()),
        ),
        ("www.example.com", C::Web("https://www.example.com".into())),
        ("kefu@example.com", C::Email("kefu@example.com".into())),
        ("400-123-4567", C::Phone("400-123-4567".into())),
        ("4001234567", C::Phone("4001234567".into())),
        ("13800138000", C::Phone("13800138000".into())),
        ("+86 10 1234 5678", C::Phone("+86 10 1234 5678".into())),
        ("123456789", C::Qq("123456789".into())),
        ("QQ: 13800138000", C::Qq("13800138000".into())),
    ] {
        assert_eq!(recognise(typed), Some(want), "{typed}");
    }
    for nothing in ["", "ask the boss", "qq 0123", "12 34"] {
        assert_eq!(recognise(nothing), None, "{nothing}");
    }

    let (_d, store) = store();
    let call = Call::new(&store, at("2026-12-03T10:00:00+08:00"), Lang::Zh);
    let p = platforms::quick_add(&call, " 某某卡盟 ", "QQ 800012345").unwrap();
    assert_eq!(p.profile.name, "某某卡盟");
    assert_eq!(p.profile.links.qq, "800012345");
    // Chat opens through QQ's web link when the platform has no chat page.
    let intake = Intake {
        platform_id: p.id.clone(),
        story: "买的点卡没到账".into(),
        ..Intake::default()
    };
    let d = cases::create(&call, &intake).unwrap();
    let chat = std::iter::once(&d.analysis.recommendation.primary)
        .chain(&d.analysis.recommendation.alternatives)
        .find(|a| a.channel.code == "online_chat")
        .unwrap();
    assert_eq!(
        chat.url.as_deref(),
        Some("https://wpa.qq.com/msgrd?v=3&uin=800012345&site=qq&menu=yes")
    );
    let e = platforms::quick_add(&call, "X", "ask the boss").unwrap_err();
    assert_eq!(e.field(), Some("contact"));
    assert!(
        platforms::quick_add(&call, " ", "400-123-4567").is_err(),
        "a name is needed"
    );
    assert_eq!(
        platforms::list(&store).unwrap().len(),
        1,
        "nothing saved for refused input"
    );
}

#[test]
fn a_pasted_wechat_qr_picture_is_kept_and_shown_with_the_chat() {
    let (_d, store) = store();
    let call = Call::new(&store, at("2026-12-03T10:00:00+08:00"), Lang::Zh);
    // A real PNG header, base64: what a paste of a screenshot gives.
    let png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    let p = platforms::quick_add(&call, "某卡盟", png).unwrap();
    assert_eq!(p.profile.links.contact_qr, png);
    let intake = Intake {
        platform_id: p.id.clone(),
        story: "买的点卡没到账".into(),
        ..Intake::default()
    };
    let d = cases::create(&call, &intake).unwrap();
    assert_eq!(
        d.analysis.recommendation.primary.channel.code,
        "online_chat"
    );
    assert_eq!(d.analysis.recommendation.primary.qr.as_deref(), Some(png));
    // A picture that is not what it says, or not a picture, is refused by name.
    for bad in [
        "data:image/png;base64,/9j/4AAQSkZJRg==",
        "data:image/svg+xml;base64,PHN2Zz4=",
        "data:image/png;base64,iVBORw0KGgo!!!!",
    ] {
        let e = platforms::quick_add(&call, "X", bad).unwrap_err();
        assert_eq!(e.field(), Some("platform.links.contact_qr"), "{bad}");
    }
}

#[test]
fn a_search_lists_the_matching_cases_with_their_next_step() {
    let (_d, store) = store();
    let call = Call::new(&store, at("2024-05-20T15:30:00+08:00"), Lang::Zh);
    let card = cases::create(&call, &intake()).unwrap();
    let other = Intake {
        story: "充值失败，钱扣了".into(),
        problem_type: Some("recharge_failed".into()),
        order_id: "20240601777".into(),
        product: "王者荣耀 点券".into(),
        ..Intake::default()
    };
    cases::create(&call, &other).unwrap();

    let hits = cases::search(&call, "20240520001", 0, 20).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, card.summary.id);
    // A hit is a full list row: the same status and next step the list shows.
    let listed = cases::list(&call).unwrap();
    let same = listed.iter().find(|s| s.id == card.summary.id).unwrap();
    assert_eq!(hits[0].next_step, same.next_step);
    assert_eq!(cases::search(&call, "点券 充值", 0, 20).unwrap().len(), 1);
    assert!(cases::search(&call, "没有这个词", 0, 20)
        .unwrap()
        .is_empty());
    assert!(
        cases::search(&call, "点卡", 0, 0).is_err(),
        "a zero page is refused"
    );
}

/// A case of years opens with its newest history entries and the count of all; earlier ones are
/// read a page at a time, and the export still carries the whole history.
#[test]
fn a_long_history_opens_with_its_newest_entries_and_pages_back() {
    let (_dir, store) = store();
    let opened = Call::new(&store, at("2024-05-20T15:00:00+08:00"), Lang::Zh);
    let id = cases::create(&opened, &intake()).unwrap().summary.id;
    let call = Call::new(&store, at("2024-05-25T10:00:00+08:00"), Lang::Zh);
    let n = cases::TIMELINE_FIRST as usize + 150;
    for i in 0..n {
        let mut c = contact(
            "online_chat",
            &format!("2024-05-21T{:02}:{:02}", i / 60, i % 60),
            "no_response",
        );
        c.note = format!("try {i}");
        cases::log_contact(&call, &id, &c).unwrap();
    }
    let d = cases::detail(&call, &id).unwrap();
    assert_eq!(
        d.timeline_total as usize,
        n + 1,
        "the creation and each contact"
    );
    assert_eq!(d.timeline.len(), cases::TIMELINE_FIRST as usize);
    assert!(d
        .timeline
        .last()
        .unwrap()
        .text
        .contains(&format!("try {}", n - 1)));
    assert!(d.timeline[0].text.contains(&format!("try {}", n - 100)));

    // The page before the newest: the rest, oldest first, creation included.
    let earlier = cases::timeline_page(&call, &id, cases::TIMELINE_FIRST, 500).unwrap();
    assert_eq!(earlier.len(), n + 1 - cases::TIMELINE_FIRST as usize);
    assert_eq!(earlier[0].kind, "created");
    assert!(earlier
        .last()
        .unwrap()
        .text
        .contains(&format!("try {}", n - 101)));
    assert!(
        cases::timeline_page(&call, &id, 0, 0).is_err(),
        "an empty page is refused"
    );
    assert!(cases::timeline_page(&call, &id, 0, cases::MAX_PAGE + 1).is_err());
    assert!(cases::timeline_page(&call, "nope", 0, 10).is_err());

    let texts = reachright_api::evidence::export_texts(&call, &id).unwrap();
    assert_eq!(
        texts.timeline.len(),
        n + 1,
        "the export has the whole history"
    );
}
