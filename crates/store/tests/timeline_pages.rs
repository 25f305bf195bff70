//! A case's history read a page at a time, newest first, in the order of its instants.

use reachright_store::{Error, NewCase, NewEvent, Store, DB_FILE};

fn event(at: &str, kind: &str, summary: &str) -> NewEvent {
    NewEvent {
        at: at.into(),
        kind: kind.into(),
        summary: summary.into(),
        data_json: None,
    }
}

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
    let tmp = tempfile::tempdir().expect("tempdir");
    let s = Store::open(tmp.path()).expect("open");
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
    let tmp = tempfile::tempdir().expect("tempdir");
    let s = Store::open(tmp.path()).expect("open");
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
    let tmp = tempfile::tempdir().expect("tempdir");
    let s = Store::open(tmp.path()).expect("open");
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
    let tmp = tempfile::tempdir().expect("tempdir");
    let s = Store::open(tmp.path()).expect("open");
    case_with_offsets(&s);
    drop(s);
    let conn = rusqlite::Connection::open(tmp.path().join(DB_FILE)).expect("raw");
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
