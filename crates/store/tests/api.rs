//! Every public method against a real SQLite file in a temp directory.

use reachright_store::{
    CaseUpdate, Error, NewCase, NewContact, NewEvent, NewReminder, PlatformRow, Store,
    MAX_TEXT_BYTES,
};
use tempfile::TempDir;

fn store() -> (TempDir, Store) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = Store::open(tmp.path()).expect("open");
    (tmp, store)
}

fn new_case(at: &str, title: &str) -> NewCase {
    NewCase {
        at: at.into(),
        title: title.into(),
        platform_id: None,
        intake_json: r#"{"problem":"refund"}"#.into(),
    }
}

fn contact(at: &str, channel: &str) -> NewContact {
    NewContact {
        at: at.into(),
        channel: channel.into(),
        outcome: "no_answer".into(),
        note: String::new(),
        reference: None,
        status: None,
    }
}

fn event(at: &str, kind: &str, summary: &str) -> NewEvent {
    NewEvent {
        at: at.into(),
        kind: kind.into(),
        summary: summary.into(),
        data_json: None,
    }
}

fn reminder(due_at: &str, message: &str) -> NewReminder {
    NewReminder {
        due_at: due_at.into(),
        kind: "phone_opens".into(),
        message: message.into(),
    }
}

fn update(at: &str) -> CaseUpdate {
    CaseUpdate {
        at: at.into(),
        ..CaseUpdate::default()
    }
}

fn assert_invalid<T: std::fmt::Debug>(r: Result<T, Error>, want: &str) {
    match r {
        Err(Error::Invalid { field, .. }) => assert_eq!(field, want),
        other => panic!("expected Invalid({want}), got {other:?}"),
    }
}

fn assert_not_found<T: std::fmt::Debug>(r: Result<T, Error>, want: &str) {
    match r {
        Err(Error::NotFound { what, .. }) => assert_eq!(what, want),
        other => panic!("expected NotFound({want}), got {other:?}"),
    }
}

// ---- cases ----

#[test]
fn create_case_roundtrips_and_starts_open() {
    let (_tmp, s) = store();
    let c = s
        .create_case(&new_case("2026-03-01T10:00:00Z", "耳机退款"))
        .expect("create");
    assert_eq!(c.id.len(), 16);
    assert!(
        c.id.chars().all(|ch| matches!(ch, '0'..='9' | 'a'..='f')),
        "{}",
        c.id
    );
    assert_eq!(c.status, "open");
    assert_eq!(c.created_at, "2026-03-01T10:00:00Z");
    assert_eq!(c.updated_at, c.created_at);
    assert_eq!(c.platform_id, None);
    assert_eq!(s.get_case(&c.id).expect("get"), c);
}

#[test]
fn case_ids_differ() {
    let (_tmp, s) = store();
    let a = s
        .create_case(&new_case("2026-03-01T10:00:00Z", "a"))
        .expect("a");
    let b = s
        .create_case(&new_case("2026-03-01T10:00:00Z", "b"))
        .expect("b");
    assert_ne!(a.id, b.id);
}

#[test]
fn create_case_records_created_event_with_title() {
    let (_tmp, s) = store();
    let c = s
        .create_case(&new_case("2026-03-01T10:00:00Z", "Late parcel"))
        .expect("create");
    let t = s.timeline(&c.id).expect("timeline");
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].kind, "created");
    assert_eq!(t[0].summary, "Late parcel");
    assert_eq!(t[0].at, "2026-03-01T10:00:00Z");
    assert_eq!(t[0].case_id, c.id);
}

#[test]
fn create_case_refuses_empty_title_and_huge_fields() {
    let (_tmp, s) = store();
    assert_invalid(
        s.create_case(&new_case("2026-03-01T10:00:00Z", "")),
        "title",
    );
    assert_invalid(
        s.create_case(&new_case("2026-03-01T10:00:00Z", "   ")),
        "title",
    );
    let mut big = new_case("2026-03-01T10:00:00Z", "ok");
    big.intake_json = "x".repeat(MAX_TEXT_BYTES + 1);
    assert_invalid(s.create_case(&big), "intake_json");
    assert_invalid(s.create_case(&new_case("", "ok")), "at");
    assert!(
        s.list_cases().expect("list").is_empty(),
        "nothing half-written"
    );
}

#[test]
fn create_case_with_unknown_platform_is_invalid() {
    let (_tmp, s) = store();
    let mut n = new_case("2026-03-01T10:00:00Z", "x");
    n.platform_id = Some("nope".into());
    assert_invalid(s.create_case(&n), "platform_id");
}

#[test]
fn chinese_text_roundtrips() {
    let (_tmp, s) = store();
    let mut n = new_case("2026-03-01T10:00:00Z", "京东：空调安装费多收 ¥200 😤");
    n.intake_json = r#"{"描述":"师傅说要加收\"高空费\"，订单号 JD12345"}"#.into();
    let c = s.create_case(&n).expect("create");
    let got = s.get_case(&c.id).expect("get");
    assert_eq!(got.title, n.title);
    assert_eq!(got.intake_json, n.intake_json);
    let mut k = contact("2026-03-02T09:00:00Z", "电话");
    k.note = "客服说三个工作日内回电".into();
    k.reference = Some("工单-7788".into());
    s.add_contact(&c.id, &k).expect("contact");
    let cs = s.contacts(&c.id).expect("contacts");
    assert_eq!(cs[0].note, "客服说三个工作日内回电");
    assert_eq!(cs[0].reference.as_deref(), Some("工单-7788"));
    s.set_setting("联系人", "张三 138-0000-0000").expect("set");
    assert_eq!(
        s.setting("联系人").expect("get").as_deref(),
        Some("张三 138-0000-0000")
    );
}

#[test]
fn get_unknown_case_is_not_found() {
    let (_tmp, s) = store();
    assert_not_found(s.get_case("0000000000000000"), "case");
}

#[test]
fn update_case_changes_only_given_fields() {
    let (_tmp, s) = store();
    let c = s
        .create_case(&new_case("2026-03-01T10:00:00Z", "old"))
        .expect("create");
    let mut u = update("2026-03-05T08:00:00Z");
    u.status = Some("waiting".into());
    let got = s.update_case(&c.id, &u).expect("update");
    assert_eq!(got.status, "waiting");
    assert_eq!(got.title, "old");
    assert_eq!(got.intake_json, c.intake_json);
    assert_eq!(got.updated_at, "2026-03-05T08:00:00Z");
    assert_eq!(got.created_at, c.created_at);
    assert_eq!(s.get_case(&c.id).expect("get"), got);

    let mut u = update("2026-03-06T08:00:00Z");
    u.title = Some("new".into());
    u.intake_json = Some("{}".into());
    let got = s.update_case(&c.id, &u).expect("update");
    assert_eq!(
        (got.title.as_str(), got.intake_json.as_str()),
        ("new", "{}")
    );
    assert_eq!(got.status, "waiting", "status kept");
}

#[test]
fn update_case_sets_and_clears_platform() {
    let (_tmp, s) = store();
    let p = s
        .create_platform("Taobao", "", false, true, "2026-01-01T00:00:00Z")
        .expect("platform");
    let c = s
        .create_case(&new_case("2026-03-01T10:00:00Z", "x"))
        .expect("create");
    let mut u = update("2026-03-02T00:00:00Z");
    u.platform_id = Some(Some(p.id.clone()));
    assert_eq!(
        s.update_case(&c.id, &u).expect("set").platform_id,
        Some(p.id.clone())
    );
    // None leaves it alone.
    let kept = s
        .update_case(&c.id, &update("2026-03-03T00:00:00Z"))
        .expect("keep");
    assert_eq!(kept.platform_id, Some(p.id));
    let mut u = update("2026-03-04T00:00:00Z");
    u.platform_id = Some(None);
    assert_eq!(s.update_case(&c.id, &u).expect("clear").platform_id, None);
    let mut u = update("2026-03-05T00:00:00Z");
    u.platform_id = Some(Some("ghost".into()));
    assert_invalid(s.update_case(&c.id, &u), "platform_id");
}

#[test]
fn update_case_validates() {
    let (_tmp, s) = store();
    let c = s
        .create_case(&new_case("2026-03-01T10:00:00Z", "x"))
        .expect("create");
    let mut u = update("2026-03-02T00:00:00Z");
    u.status = Some("done".into());
    assert_invalid(s.update_case(&c.id, &u), "status");
    let mut u = update("2026-03-02T00:00:00Z");
    u.title = Some(String::new());
    assert_invalid(s.update_case(&c.id, &u), "title");
    assert_eq!(
        s.get_case(&c.id).expect("get"),
        c,
        "unchanged after refusals"
    );
    for status in ["open", "waiting", "resolved", "closed"] {
        let mut u = update("2026-03-02T00:00:00Z");
        u.status = Some(status.into());
        assert_eq!(s.update_case(&c.id, &u).expect(status).status, status);
    }
}

#[test]
fn update_unknown_case_is_not_found() {
    let (_tmp, s) = store();
    assert_not_found(
        s.update_case("missing", &update("2026-03-02T00:00:00Z")),
        "case",
    );
}

#[test]
fn list_cases_most_recently_updated_first() {
    let (_tmp, s) = store();
    let a = s
        .create_case(&new_case("2026-03-01T00:00:00Z", "a"))
        .expect("a");
    let b = s
        .create_case(&new_case("2026-03-02T00:00:00Z", "b"))
        .expect("b");
    let c = s
        .create_case(&new_case("2026-03-03T00:00:00Z", "c"))
        .expect("c");
    let ids = |s: &Store| -> Vec<String> {
        s.list_cases()
            .expect("list")
            .into_iter()
            .map(|c| c.id)
            .collect()
    };
    assert_eq!(ids(&s), [c.id.clone(), b.id.clone(), a.id.clone()]);
    s.update_case(&a.id, &update("2026-03-04T00:00:00Z"))
        .expect("touch a");
    assert_eq!(ids(&s), [a.id.clone(), c.id.clone(), b.id.clone()]);
    // A contact bumps the case too.
    s.add_contact(&b.id, &contact("2026-03-05T00:00:00Z", "phone"))
        .expect("contact");
    assert_eq!(ids(&s), [b.id, a.id, c.id]);
}

#[test]
fn delete_case_cascades() {
    let (_tmp, s) = store();
    let c = s
        .create_case(&new_case("2026-03-01T00:00:00Z", "x"))
        .expect("create");
    let keep = s
        .create_case(&new_case("2026-03-01T00:00:00Z", "keep"))
        .expect("keep");
    s.add_contact(&c.id, &contact("2026-03-02T00:00:00Z", "phone"))
        .expect("contact");
    s.add_event(&c.id, &event("2026-03-02T00:00:00Z", "note", "n"))
        .expect("event");
    s.add_reminder(&c.id, &reminder("2026-03-03T09:00:00Z", "call"))
        .expect("reminder");
    s.add_reminder(&keep.id, &reminder("2026-03-04T09:00:00Z", "keep"))
        .expect("reminder");
    s.delete_case(&c.id).expect("delete");
    assert_not_found(s.get_case(&c.id), "case");
    assert_not_found(s.contacts(&c.id), "case");
    assert_not_found(s.timeline(&c.id), "case");
    assert_not_found(s.reminders(&c.id), "case");
    let pending = s.pending_reminders().expect("pending");
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].case_id, keep.id);
    assert_eq!(s.timeline(&keep.id).expect("timeline").len(), 2);
    assert_not_found(s.delete_case(&c.id), "case");
}

// ---- contacts ----

#[test]
fn add_contact_writes_event_and_bumps_case() {
    let (_tmp, s) = store();
    let c = s
        .create_case(&new_case("2026-03-01T00:00:00Z", "x"))
        .expect("create");
    let mut k = contact("2026-03-02T10:00:00Z", "phone");
    k.reference = Some("T-42".into());
    let row = s.add_contact(&c.id, &k).expect("contact");
    assert_eq!(row.case_id, c.id);
    assert_eq!(row.channel, "phone");
    assert_eq!(row.reference.as_deref(), Some("T-42"));
    let t = s.timeline(&c.id).expect("timeline");
    assert_eq!(t.len(), 2);
    assert_eq!(t[1].kind, "contact");
    assert_eq!(t[1].at, "2026-03-02T10:00:00Z");
    let data = t[1].data_json.as_deref().expect("data");
    assert!(
        data.contains(&format!("\"contact_id\":{}", row.id)),
        "{data}"
    );
    assert!(data.contains("\"reference\":\"T-42\""), "{data}");
    assert_eq!(
        s.get_case(&c.id).expect("get").updated_at,
        "2026-03-02T10:00:00Z"
    );
}

#[test]
fn contact_with_a_status_changes_it_in_the_same_write() {
    let (_tmp, s) = store();
    let c = s
        .create_case(&new_case("2026-03-01T00:00:00Z", "x"))
        .expect("create");
    let mut k = contact("2026-03-02T10:00:00Z", "ticket");
    k.status = Some("waiting".into());
    s.add_contact(&c.id, &k).expect("contact");
    assert_eq!(s.get_case(&c.id).expect("get").status, "waiting");
    let kinds: Vec<_> = s
        .timeline(&c.id)
        .expect("timeline")
        .into_iter()
        .map(|e| (e.kind, e.summary))
        .collect();
    assert_eq!(
        kinds[1..],
        [
            ("contact".to_string(), "ticket: no_answer".to_string()),
            ("status".to_string(), "waiting".to_string())
        ]
    );
    // The same status again is no change and no event; a bad status writes nothing at all.
    s.add_contact(&c.id, &k).expect("again");
    assert_eq!(s.timeline(&c.id).expect("timeline").len(), 4);
    k.status = Some("lost".into());
    assert_invalid(s.add_contact(&c.id, &k), "status");
    assert_eq!(s.contacts(&c.id).expect("contacts").len(), 2);
}

#[test]
fn set_status_records_only_real_changes() {
    let (_tmp, s) = store();
    let c = s
        .create_case(&new_case("2026-03-01T00:00:00Z", "x"))
        .expect("create");
    assert!(!s
        .set_status(&c.id, "open", "2026-03-02T00:00:00Z")
        .expect("same"));
    assert!(s
        .set_status(&c.id, "resolved", "2026-03-03T00:00:00Z")
        .expect("change"));
    let row = s.get_case(&c.id).expect("get");
    assert_eq!(
        (row.status.as_str(), row.updated_at.as_str()),
        ("resolved", "2026-03-03T00:00:00Z")
    );
    let t = s.timeline(&c.id).expect("timeline");
    assert_eq!(t.len(), 2);
    assert_eq!(
        (t[1].kind.as_str(), t[1].summary.as_str()),
        ("status", "resolved")
    );
    assert_invalid(
        s.set_status(&c.id, "lost", "2026-03-04T00:00:00Z"),
        "status",
    );
    assert_not_found(
        s.set_status("0000000000000000", "open", "2026-03-04T00:00:00Z"),
        "case",
    );
}

#[test]
fn update_case_writes_its_event_with_it() {
    let (_tmp, s) = store();
    let c = s
        .create_case(&new_case("2026-03-01T00:00:00Z", "x"))
        .expect("create");
    let mut upd = update("2026-03-02T00:00:00Z");
    upd.title = Some("y".into());
    upd.event = Some(event("2026-03-02T00:00:00Z", "edited", ""));
    s.update_case(&c.id, &upd).expect("update");
    let t = s.timeline(&c.id).expect("timeline");
    assert_eq!(t.last().map(|e| e.kind.as_str()), Some("edited"));
    // An invalid event refuses the whole update.
    upd.title = Some("z".into());
    upd.event = Some(event("", "edited", ""));
    assert_invalid(s.update_case(&c.id, &upd), "at");
    assert_eq!(s.get_case(&c.id).expect("get").title, "y");
}

#[test]
fn backdated_contact_does_not_move_updated_at_backwards() {
    let (_tmp, s) = store();
    let c = s
        .create_case(&new_case("2026-03-10T00:00:00Z", "x"))
        .expect("create");
    s.add_contact(&c.id, &contact("2026-03-01T00:00:00Z", "phone"))
        .expect("contact");
    assert_eq!(
        s.get_case(&c.id).expect("get").updated_at,
        "2026-03-10T00:00:00Z"
    );
}

#[test]
fn contacts_ordered_by_time_then_id() {
    let (_tmp, s) = store();
    let c = s
        .create_case(&new_case("2026-03-01T00:00:00Z", "x"))
        .expect("create");
    s.add_contact(&c.id, &contact("2026-03-03T00:00:00Z", "late"))
        .expect("1");
    s.add_contact(&c.id, &contact("2026-03-02T00:00:00Z", "early-a"))
        .expect("2");
    s.add_contact(&c.id, &contact("2026-03-02T00:00:00Z", "early-b"))
        .expect("3");
    let channels: Vec<String> = s
        .contacts(&c.id)
        .expect("contacts")
        .into_iter()
        .map(|k| k.channel)
        .collect();
    assert_eq!(channels, ["early-a", "early-b", "late"]);
}

#[test]
fn contact_errors() {
    let (_tmp, s) = store();
    assert_not_found(
        s.add_contact("nope", &contact("2026-03-02T00:00:00Z", "phone")),
        "case",
    );
    assert_not_found(s.contacts("nope"), "case");
    let c = s
        .create_case(&new_case("2026-03-01T00:00:00Z", "x"))
        .expect("create");
    let mut k = contact("2026-03-02T00:00:00Z", "phone");
    k.note = "n".repeat(MAX_TEXT_BYTES + 1);
    assert_invalid(s.add_contact(&c.id, &k), "note");
    assert_invalid(
        s.add_contact(&c.id, &contact("2026-03-02T00:00:00Z", "")),
        "channel",
    );
    assert!(s.contacts(&c.id).expect("contacts").is_empty());
    assert_eq!(
        s.timeline(&c.id).expect("timeline").len(),
        1,
        "no stray event"
    );
}

// ---- timeline ----

#[test]
fn events_roundtrip_and_order() {
    let (_tmp, s) = store();
    let c = s
        .create_case(&new_case("2026-03-01T00:00:00Z", "x"))
        .expect("create");
    let mut e = event("2026-03-05T00:00:00Z", "status", "open → waiting");
    e.data_json = Some(r#"{"from":"open","to":"waiting"}"#.into());
    let row = s.add_event(&c.id, &e).expect("event");
    assert_eq!(row.case_id, c.id);
    assert_eq!(row.data_json, e.data_json);
    s.add_event(&c.id, &event("2026-03-03T00:00:00Z", "note", "earlier"))
        .expect("event");
    let kinds: Vec<String> = s
        .timeline(&c.id)
        .expect("timeline")
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(kinds, ["created", "note", "status"]);
}

#[test]
fn event_errors() {
    let (_tmp, s) = store();
    assert_not_found(
        s.add_event("nope", &event("2026-03-01T00:00:00Z", "note", "x")),
        "case",
    );
    assert_not_found(s.timeline("nope"), "case");
    let c = s
        .create_case(&new_case("2026-03-01T00:00:00Z", "x"))
        .expect("create");
    assert_invalid(
        s.add_event(&c.id, &event("2026-03-01T00:00:00Z", "", "x")),
        "kind",
    );
    let big = "s".repeat(MAX_TEXT_BYTES + 1);
    assert_invalid(
        s.add_event(&c.id, &event("2026-03-01T00:00:00Z", "note", &big)),
        "summary",
    );
}

// ---- reminders ----

#[test]
fn reminders_roundtrip_with_timeline_event() {
    let (_tmp, s) = store();
    let c = s
        .create_case(&new_case("2026-03-01T00:00:00Z", "x"))
        .expect("create");
    let r = s
        .add_reminder(
            &c.id,
            &reminder("2026-03-02T09:00:00Z", "客服电话 9 点开通"),
        )
        .expect("reminder");
    assert!(!r.done);
    assert_eq!(r.case_id, c.id);
    assert_eq!(s.reminders(&c.id).expect("list"), vec![r.clone()]);
    let t = s.timeline(&c.id).expect("timeline");
    assert_eq!(t.len(), 2);
    assert_eq!(t[1].kind, "reminder");
    assert_eq!(t[1].summary, "客服电话 9 点开通");
    assert_eq!(t[1].at, "2026-03-02T09:00:00Z");
    let data = t[1].data_json.as_deref().expect("data");
    assert!(
        data.contains(&format!("\"reminder_id\":{}", r.id)),
        "{data}"
    );
}

#[test]
fn pending_reminders_across_cases_by_due_time() {
    let (_tmp, s) = store();
    let a = s
        .create_case(&new_case("2026-03-01T00:00:00Z", "a"))
        .expect("a");
    let b = s
        .create_case(&new_case("2026-03-01T00:00:00Z", "b"))
        .expect("b");
    let r1 = s
        .add_reminder(&a.id, &reminder("2026-03-05T09:00:00Z", "a-late"))
        .expect("r1");
    let r2 = s
        .add_reminder(&b.id, &reminder("2026-03-02T09:00:00Z", "b-early"))
        .expect("r2");
    let r3 = s
        .add_reminder(&a.id, &reminder("2026-03-03T09:00:00Z", "a-mid"))
        .expect("r3");
    let ids =
        |v: Vec<reachright_store::ReminderRow>| v.into_iter().map(|r| r.id).collect::<Vec<_>>();
    assert_eq!(
        ids(s.pending_reminders().expect("pending")),
        [r2.id, r3.id, r1.id]
    );
    s.complete_reminder(r3.id).expect("complete");
    s.complete_reminder(r3.id).expect("complete twice is fine");
    assert_eq!(ids(s.pending_reminders().expect("pending")), [r2.id, r1.id]);
    let of_a = s.reminders(&a.id).expect("of a");
    assert_eq!(
        ids(of_a.clone()),
        [r3.id, r1.id],
        "done ones still listed per case"
    );
    assert!(of_a[0].done);
    assert_not_found(s.complete_reminder(9999), "reminder");
}

#[test]
fn reminder_errors() {
    let (_tmp, s) = store();
    assert_not_found(
        s.add_reminder("nope", &reminder("2026-03-02T09:00:00Z", "x")),
        "case",
    );
    assert_not_found(s.reminders("nope"), "case");
    let c = s
        .create_case(&new_case("2026-03-01T00:00:00Z", "x"))
        .expect("create");
    assert_invalid(s.add_reminder(&c.id, &reminder("", "x")), "due_at");
}

// ---- drafts ----

#[test]
fn drafts_upsert_load_delete() {
    let (_tmp, s) = store();
    assert_eq!(s.load_draft("wizard").expect("load"), None);
    s.save_draft("wizard", r#"{"step":1}"#, "2026-03-01T00:00:00Z")
        .expect("save");
    s.save_draft(
        "wizard",
        r#"{"step":2,"text":"我买的耳机"}"#,
        "2026-03-01T00:01:00Z",
    )
    .expect("overwrite");
    s.save_draft("case:abc", "other", "2026-03-01T00:02:00Z")
        .expect("save other");
    let d = s.load_draft("wizard").expect("load").expect("present");
    assert_eq!(d.key, "wizard");
    assert_eq!(d.body, r#"{"step":2,"text":"我买的耳机"}"#);
    assert_eq!(d.updated_at, "2026-03-01T00:01:00Z");
    s.delete_draft("wizard").expect("delete");
    assert_eq!(s.load_draft("wizard").expect("load"), None);
    s.delete_draft("wizard").expect("deleting again is fine");
    assert!(
        s.load_draft("case:abc").expect("load").is_some(),
        "other draft kept"
    );
    assert_invalid(s.save_draft("", "x", "2026-03-01T00:00:00Z"), "key");
    let big = "b".repeat(MAX_TEXT_BYTES + 1);
    assert_invalid(s.save_draft("wizard", &big, "2026-03-01T00:00:00Z"), "body");
}

// ---- platforms ----

fn platform(id: &str, name: &str) -> PlatformRow {
    PlatformRow {
        id: id.into(),
        name: name.into(),
        profile_toml: "name = \"x\"\n".into(),
        vip: false,
        verified: true,
        updated_at: "2026-01-01T00:00:00Z".into(),
    }
}

#[test]
fn platforms_upsert_get_list_by_name() {
    let (_tmp, s) = store();
    s.upsert_platform(&platform("jd", "JD")).expect("jd");
    s.upsert_platform(&platform("alipay", "Alipay"))
        .expect("alipay");
    let created = s
        .create_platform("Meituan 美团", "k = 1", true, false, "2026-02-01T00:00:00Z")
        .expect("create");
    assert_eq!(created.id.len(), 16);
    assert!(created.vip && !created.verified);
    assert_eq!(s.get_platform(&created.id).expect("get"), created);
    let names: Vec<String> = s
        .list_platforms()
        .expect("list")
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Alipay", "JD", "Meituan 美团"]);

    let mut jd = platform("jd", "JD.com");
    jd.vip = true;
    s.upsert_platform(&jd).expect("update");
    assert_eq!(s.get_platform("jd").expect("get"), jd);
    assert_eq!(s.list_platforms().expect("list").len(), 3);
}

#[test]
fn upsert_platform_keeps_cases_linked() {
    let (_tmp, s) = store();
    s.upsert_platform(&platform("jd", "JD")).expect("jd");
    let mut n = new_case("2026-03-01T00:00:00Z", "x");
    n.platform_id = Some("jd".into());
    let c = s.create_case(&n).expect("create");
    s.upsert_platform(&platform("jd", "JD renamed"))
        .expect("upsert");
    assert_eq!(
        s.get_case(&c.id).expect("get").platform_id.as_deref(),
        Some("jd")
    );
}

#[test]
fn delete_platform_unlinks_cases() {
    let (_tmp, s) = store();
    let p = s
        .create_platform("Pinduoduo", "", false, false, "2026-01-01T00:00:00Z")
        .expect("platform");
    let mut n = new_case("2026-03-01T00:00:00Z", "x");
    n.platform_id = Some(p.id.clone());
    let c = s.create_case(&n).expect("create");
    s.add_contact(&c.id, &contact("2026-03-02T00:00:00Z", "chat"))
        .expect("contact");
    s.delete_platform(&p.id).expect("delete");
    assert_not_found(s.get_platform(&p.id), "platform");
    let got = s.get_case(&c.id).expect("case survives");
    assert_eq!(got.platform_id, None);
    assert_eq!(s.contacts(&c.id).expect("contacts").len(), 1);
    assert_not_found(s.delete_platform(&p.id), "platform");
}

#[test]
fn platform_errors() {
    let (_tmp, s) = store();
    assert_invalid(s.upsert_platform(&platform("", "x")), "id");
    assert_invalid(s.upsert_platform(&platform("x", "")), "name");
    assert_invalid(
        s.create_platform("", "", false, false, "2026-01-01T00:00:00Z"),
        "name",
    );
    let big = "t".repeat(MAX_TEXT_BYTES + 1);
    assert_invalid(
        s.create_platform("x", &big, false, false, "2026-01-01T00:00:00Z"),
        "profile_toml",
    );
    assert!(s.list_platforms().expect("list").is_empty());
}

// ---- settings ----

#[test]
fn settings_upsert_and_list_by_key() {
    let (_tmp, s) = store();
    assert_eq!(s.setting("lang").expect("get"), None);
    s.set_setting("lang", "en").expect("set");
    s.set_setting("lang", "zh-CN").expect("overwrite");
    s.set_setting("font_size", "large").expect("set");
    assert_eq!(s.setting("lang").expect("get").as_deref(), Some("zh-CN"));
    assert_eq!(
        s.settings().expect("all"),
        vec![
            ("font_size".to_string(), "large".to_string()),
            ("lang".to_string(), "zh-CN".to_string())
        ]
    );
    assert_invalid(s.set_setting("", "x"), "key");
    assert_invalid(s.set_setting("k", &"v".repeat(MAX_TEXT_BYTES + 1)), "value");
}

#[test]
fn settings_saved_together_are_all_or_nothing() {
    let (_tmp, s) = store();
    s.set_settings(&[("lang", "en"), ("theme", "dark")])
        .expect("set");
    let huge = "v".repeat(MAX_TEXT_BYTES + 1);
    assert_invalid(
        s.set_settings(&[("lang", "zh-CN"), ("theme", &huge)]),
        "value",
    );
    assert_eq!(s.setting("lang").expect("get").as_deref(), Some("en"));
    assert_eq!(s.setting("theme").expect("get").as_deref(), Some("dark"));
}

// ---- persistence ----

#[test]
fn data_survives_reopen() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let id = {
        let s = Store::open(tmp.path()).expect("open");
        let c = s
            .create_case(&new_case("2026-03-01T00:00:00Z", "persist"))
            .expect("create");
        s.add_contact(&c.id, &contact("2026-03-02T00:00:00Z", "phone"))
            .expect("contact");
        s.set_setting("theme", "dark").expect("set");
        c.id
    };
    let s = Store::open(tmp.path()).expect("reopen");
    assert_eq!(s.get_case(&id).expect("get").title, "persist");
    assert_eq!(s.contacts(&id).expect("contacts").len(), 1);
    assert_eq!(s.setting("theme").expect("get").as_deref(), Some("dark"));
}

#[test]
fn store_is_usable_from_many_threads() {
    let (_tmp, s) = store();
    let s = std::sync::Arc::new(s);
    let c = s
        .create_case(&new_case("2026-03-01T00:00:00Z", "x"))
        .expect("create");
    let handles: Vec<_> = (0..4)
        .map(|t| {
            let s = s.clone();
            let id = c.id.clone();
            std::thread::spawn(move || {
                for i in 0..10 {
                    s.add_contact(
                        &id,
                        &contact(&format!("2026-03-02T00:00:{i:02}Z"), &format!("t{t}")),
                    )
                    .expect("contact");
                }
            })
        })
        .collect();
    for h in handles {
        h.join().expect("thread");
    }
    assert_eq!(s.contacts(&c.id).expect("contacts").len(), 40);
    assert_eq!(s.timeline(&c.id).expect("timeline").len(), 41);
}

// A case's history read a page at a time, newest first, in the order of its instants.

/// A case opened on 1 March with events written in two UTC offsets, as earlier versions did:
/// by text, "10:00+08:00" sorts after "03:00Z"; by instant (02:00Z) it comes before.
fn case_with_offsets(s: &Store) -> String {
    let c = s
        .create_case(&NewCase {
            at: "2026-03-01T00:00:00Z".into(),
            title: "t".into(),
            platform_id: None,
            intake_json: "{}".into(),
        })
        .expect("create");
    for (at, summary) in [
        ("2026-03-02T03:00:00Z", "third"),
        ("2026-03-02T10:00:00+08:00", "second"),
        ("2026-03-02T01:30:00.250Z", "first"),
        ("2026-03-02T03:00:00Z", "fourth, same time as third"),
    ] {
        s.add_event(&c.id, &event(at, "note", summary))
            .expect("event");
    }
    c.id
}

fn summaries(events: &[reachright_store::EventRow]) -> Vec<&str> {
    events.iter().map(|e| e.summary.as_str()).collect()
}

#[test]
fn history_is_in_the_order_of_its_instants() {
    let (_tmp, s) = store();
    let c = case_with_offsets(&s);
    let all = s.timeline(&c).expect("timeline");
    assert_eq!(all[0].kind, "created");
    assert_eq!(
        summaries(&all[1..]),
        ["first", "second", "third", "fourth, same time as third"]
    );
}

#[test]
fn pages_walk_back_from_the_newest_without_gaps_or_repeats() {
    let (_tmp, s) = store();
    let c = case_with_offsets(&s);
    let all = s.timeline(&c).expect("timeline");

    let newest = s.timeline_page(&c, 0, 2).expect("page");
    assert_eq!(newest.total, 5);
    assert_eq!(
        summaries(&newest.events),
        ["third", "fourth, same time as third"]
    );

    let mut walked = Vec::new();
    for skip in (0..6).step_by(2).rev() {
        walked.extend(s.timeline_page(&c, skip, 2).expect("page").events);
    }
    assert_eq!(
        walked, all,
        "pages from the oldest to the newest are the whole history"
    );
    assert!(s
        .timeline_page(&c, 5, 2)
        .expect("past the end")
        .events
        .is_empty());
}

#[test]
fn an_unknown_case_is_not_found_and_kinds_are_looked_up() {
    let (_tmp, s) = store();
    let c = case_with_offsets(&s);
    assert!(matches!(
        s.timeline_page("nope", 0, 10),
        Err(Error::NotFound { .. })
    ));
    assert!(s.has_event(&c, "note").expect("has"));
    assert!(!s.has_event(&c, "selfhelp").expect("has"));
}

/// The page is read off the index in its order: no sort of the case's whole history.
#[test]
fn a_page_is_read_off_the_index_without_sorting() {
    let (tmp, s) = store();
    case_with_offsets(&s);
    drop(s);
    let conn = rusqlite::Connection::open(tmp.path().join(reachright_store::DB_FILE)).expect("raw");
    let plan: Vec<String> = conn
        .prepare(
            "EXPLAIN QUERY PLAN SELECT id FROM events WHERE case_id = 'x'
             ORDER BY unixepoch(at) DESC, at DESC, id DESC LIMIT 100",
        )
        .expect("explain")
        .query_map([], |r| r.get::<_, String>(3))
        .expect("plan")
        .collect::<Result<_, _>>()
        .expect("rows");
    let plan = plan.join("\n");
    assert!(plan.contains("events_by_case_instant"), "{plan}");
    assert!(!plan.contains("TEMP B-TREE"), "{plan}");
}
