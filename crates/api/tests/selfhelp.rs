//! Self-help in the app: entries in the user's language, the 帮助 search, and "这样解决了"
//! closing a case without a contact, against a real store in a temporary folder.

#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

use chrono::{DateTime, FixedOffset};
use reachright_api::models::Intake;
use reachright_api::{cases, selfhelp, Call, Status, Store};
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
        story: "卡密显示已使用，但我没用过".into(),
        problem_type: Some("card_invalid".into()),
        order_id: "20240520001".into(),
        product: "游戏点卡".into(),
        amount: "100".into(),
        ..Intake::default()
    }
}

#[test]
fn an_entry_comes_in_the_users_language_and_an_unknown_type_names_the_field() {
    let (_dir, store) = store();
    let zh = Call::new(&store, at("2026-05-20T10:00:00+08:00"), Lang::Zh);
    let en = Call::new(&store, zh.now, Lang::En);
    let e = selfhelp::get(&zh, "refund_request").unwrap();
    assert_eq!(e.problem_type.code, "refund_request");
    assert!(e.rules.iter().any(|r| r.source.contains("第二十五条")));
    let e = selfhelp::get(&en, "refund_request").unwrap();
    assert!(e.rules.iter().any(|r| r.source.contains("Art. 25")));
    let err = selfhelp::get(&zh, "lost_parcel").unwrap_err();
    assert_eq!(err.field(), Some("problem_type"));
}

#[test]
fn search_ranks_and_an_empty_search_lists_every_entry() {
    let (_dir, store) = store();
    let call = Call::new(&store, at("2026-05-20T10:00:00+08:00"), Lang::Zh);
    let found = selfhelp::search(&call, "卡密显示已使用").unwrap();
    assert_eq!(found.entries[0].problem_type.code, "card_key_stolen");
    assert_eq!(selfhelp::search(&call, "  ").unwrap().entries.len(), 13);
    assert!(selfhelp::search(&call, "，。").unwrap().entries.is_empty());
    assert_eq!(found.resolved_count, 0);
}

#[test]
fn resolving_a_saved_case_closes_it_with_a_note_and_counts_once() {
    let (_dir, store) = store();
    let call = Call::new(&store, at("2026-05-20T10:00:00+08:00"), Lang::Zh);
    let case = cases::create(&call, &intake()).unwrap();
    let later = Call::new(&store, at("2026-05-20T10:05:00+08:00"), Lang::Zh);
    let done = selfhelp::resolve_case(&later, &case.summary.id).unwrap();
    assert_eq!(done.summary.status.code, Status::Resolved);
    assert!(done.contacts.is_empty(), "nobody was contacted");
    let note = done.timeline.last().unwrap();
    assert_eq!(note.kind, selfhelp::EVENT_KIND);
    assert!(note.text.contains("没有联系客服"), "{}", note.text);
    assert!(done.resolved_by_self_help);
    assert!(!case.resolved_by_self_help, "open, not yet resolved");
    assert_eq!(selfhelp::resolved_count(&store).unwrap(), 1);
    // Pressing it again does not count twice.
    selfhelp::resolve_case(&later, &case.summary.id).unwrap();
    assert_eq!(selfhelp::search(&later, "").unwrap().resolved_count, 1);
}

#[test]
fn resolving_in_the_wizard_saves_the_case_as_resolved() {
    let (_dir, store) = store();
    let call = Call::new(&store, at("2026-05-20T10:00:00+08:00"), Lang::En);
    let done = selfhelp::resolve_new(&call, &intake()).unwrap();
    assert_eq!(done.summary.status.code, Status::Resolved);
    assert_eq!(cases::list(&call).unwrap().len(), 1);
    assert!(done
        .timeline
        .iter()
        .any(|e| e.text.contains("without contacting")));
    assert_eq!(selfhelp::resolved_count(&store).unwrap(), 1);
    assert!(selfhelp::resolve_case(&call, "nope").is_err());
}
