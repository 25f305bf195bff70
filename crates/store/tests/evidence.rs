//! The evidence index against a real SQLite file: dedupe per case, timeline entries, removal
//! telling whether the file is still used, cascade on case deletion, validation naming the field.

use reachright_store::{Error, NewCase, NewEvidence, Store};
use tempfile::TempDir;

fn store() -> (TempDir, Store) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = Store::open(tmp.path()).expect("open");
    (tmp, store)
}

fn case(s: &Store, title: &str) -> String {
    s.create_case(&NewCase {
        at: "2026-11-01T02:00:00Z".into(),
        title: title.into(),
        platform_id: None,
        intake_json: "{}".into(),
    })
    .expect("case")
    .id
}

fn item(sha_digit: char, name: &str) -> NewEvidence {
    NewEvidence {
        added_at: "2026-11-01T03:00:00Z".into(),
        sha256: std::iter::repeat_n(sha_digit, 64).collect(),
        kind: "chat".into(),
        caption: "客服说会退款".into(),
        original_name: name.into(),
        size: 1234,
        media_type: "image/png".into(),
        width: Some(1080),
        height: Some(2400),
        taken_at: Some("2026-10-31T12:00:00Z".into()),
        taken_source: "exif".into(),
        has_thumbnail: true,
    }
}

#[test]
fn same_file_twice_in_a_case_is_one_item_and_one_event() {
    let (_t, s) = store();
    let c = case(&s, "充值未到账");
    let (first, new) = s.add_evidence(&c, &item('a', "聊天.png")).expect("add");
    assert!(new);
    let (again, new_again) = s
        .add_evidence(&c, &item('a', "copy.png"))
        .expect("add again");
    assert!(!new_again);
    assert_eq!(again.id, first.id);
    assert_eq!(again.original_name, "聊天.png");
    assert_eq!(s.evidence(&c).expect("list").len(), 1);
    let events: Vec<_> = s
        .timeline(&c)
        .expect("timeline")
        .into_iter()
        .filter(|e| e.kind == "evidence")
        .collect();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].summary, "聊天.png");
}

#[test]
fn removing_reports_whether_the_file_is_still_used_elsewhere() {
    let (_t, s) = store();
    let a = case(&s, "a");
    let b = case(&s, "b");
    let (in_a, _) = s.add_evidence(&a, &item('b', "x.png")).expect("a");
    let (in_b, _) = s.add_evidence(&b, &item('b', "x.png")).expect("b");
    assert_eq!(s.evidence_hashes().expect("hashes").len(), 1);
    let (_, unused) = s
        .remove_evidence(&in_a.id, "2026-11-02T00:00:00Z")
        .expect("rm a");
    assert!(!unused, "case b still uses the file");
    let (_, unused) = s
        .remove_evidence(&in_b.id, "2026-11-02T00:00:00Z")
        .expect("rm b");
    assert!(unused);
    assert!(s.evidence_hashes().expect("hashes").is_empty());
    assert_eq!(
        s.remove_evidence(&in_b.id, "2026-11-02T00:00:00Z")
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[test]
fn deleting_a_case_deletes_its_rows_so_the_files_become_orphans() {
    let (_t, s) = store();
    let c = case(&s, "a");
    s.add_evidence(&c, &item('c', "x.png")).expect("add");
    s.delete_case(&c).expect("delete");
    assert!(s.all_evidence().expect("all").is_empty());
    assert!(s.evidence_hashes().expect("hashes").is_empty());
}

#[test]
fn bad_values_name_the_field() {
    let (_t, s) = store();
    let c = case(&s, "a");
    let mut bad = item('d', "x.png");
    bad.kind = "selfie".into();
    assert!(matches!(
        s.add_evidence(&c, &bad),
        Err(Error::Invalid { field: "kind", .. })
    ));
    let mut bad = item('d', "x.png");
    bad.sha256 = "ABC".into();
    assert!(matches!(
        s.add_evidence(&c, &bad),
        Err(Error::Invalid {
            field: "sha256",
            ..
        })
    ));
    let mut bad = item('d', "");
    bad.original_name = " ".into();
    assert!(matches!(
        s.add_evidence(&c, &bad),
        Err(Error::Invalid {
            field: "original_name",
            ..
        })
    ));
    assert_eq!(
        s.add_evidence("nope", &item('d', "x")).unwrap_err().code(),
        "not_found"
    );
    let (row, _) = s.add_evidence(&c, &item('d', "x.png")).expect("add");
    let edited = s
        .update_evidence(&row.id, "transfer", "付款记录")
        .expect("edit");
    assert_eq!(
        (edited.kind.as_str(), edited.caption.as_str()),
        ("transfer", "付款记录")
    );
    assert!(matches!(
        s.update_evidence(&row.id, "x", ""),
        Err(Error::Invalid { field: "kind", .. })
    ));
}
