//! Two sync passes at once (the CLI from cron and the app's loop) must not report the same news
//! twice, and a pass must not overwrite a resume done while it was polling.

use reachright_store::{
    HelpdeskRow, NewCase, NewEvent, NewNotification, NewTicket, PollBase, Store, TicketPoll,
};

fn setup() -> (tempfile::TempDir, Store, i64, String) {
    let tmp = tempfile::tempdir().expect("tmp");
    let store = Store::open(tmp.path()).expect("store");
    let case = store
        .create_case(&NewCase {
            at: "2026-11-20T01:00:00Z".into(),
            title: "点卡未到账".into(),
            platform_id: None,
            intake_json: "{}".into(),
        })
        .expect("case")
        .id;
    store
        .save_helpdesk(&HelpdeskRow {
            name: "rt".into(),
            kind: "rt".into(),
            url: "http://127.0.0.1:9".into(),
            queue: None,
            email: None,
            created_at: "2026-11-20T01:00:00Z".into(),
        })
        .expect("helpdesk");
    let t = store
        .add_ticket(&NewTicket {
            case_id: case.clone(),
            helpdesk: "rt".into(),
            remote_id: "42".into(),
            url: None,
            subject: "s".into(),
            submitted_at: "2026-11-20T01:00:00Z".into(),
            status: Some("new".into()),
            next_poll_at: Some("2026-11-20T01:00:00Z".into()),
        })
        .expect("ticket")
        .id;
    (tmp, store, t, case)
}

fn reply_poll(t: i64, case: &str, read: PollBase, at: &str) -> TicketPoll {
    TicketPoll {
        ticket_id: t,
        at: at.into(),
        status: Some("open".into()),
        cursor_json: Some(r#"{"etag":"\"2\"","seen":"9"}"#.into()),
        next_poll_at: Some("2026-11-20T01:10:00Z".into()),
        events: vec![NewEvent {
            at: at.into(),
            kind: "ticket_reply".into(),
            summary: "已为您补发".into(),
            data_json: None,
        }],
        notifications: vec![NewNotification {
            at: at.into(),
            kind: "staff_reply".into(),
            case_id: Some(case.into()),
            title: "点卡未到账".into(),
            body: "已为您补发".into(),
            data_json: None,
            mark: None,
        }],
        read: Some(read),
        ..TicketPoll::default()
    }
}

fn replies(store: &Store, case: &str) -> usize {
    store
        .timeline(case)
        .expect("timeline")
        .iter()
        .filter(|e| e.kind == "ticket_reply")
        .count()
}

#[test]
fn two_polls_from_the_same_read_report_once() {
    let (_tmp, store, t, case) = setup();
    let read = PollBase::of(&store.ticket(t).expect("row"));
    let first = store
        .apply_ticket_poll(&reply_poll(t, &case, read.clone(), "2026-11-20T01:05:00Z"))
        .expect("first");
    assert_eq!(first.map(|n| n.len()), Some(1));
    // The other pass read the same row before the first one wrote: its news is the same news.
    let second = store
        .apply_ticket_poll(&reply_poll(t, &case, read, "2026-11-20T01:05:01Z"))
        .expect("second");
    assert_eq!(second, None, "dropped");
    assert_eq!(replies(&store, &case), 1);
    assert_eq!(store.unread_notifications().expect("unread"), 1);
    let row = store.ticket(t).expect("row");
    assert_eq!(row.last_polled_at.as_deref(), Some("2026-11-20T01:05:00Z"));
}

#[test]
fn a_resume_meanwhile_is_not_overwritten() {
    let (_tmp, store, t, case) = setup();
    // Stopped on an auth error.
    store
        .apply_ticket_poll(&TicketPoll {
            ticket_id: t,
            at: "2026-11-20T01:01:00Z".into(),
            failures: 1,
            last_error: Some("auth".into()),
            stopped: Some("auth".into()),
            ..TicketPoll::default()
        })
        .expect("stop")
        .expect("applied");
    let read = PollBase::of(&store.ticket(t).expect("row"));
    // While a pass polls with what it read, the user resumes the ticket.
    store
        .resume_ticket(t, "2026-11-20T01:02:00Z")
        .expect("resume");
    let stale = TicketPoll {
        ticket_id: t,
        at: "2026-11-20T01:03:00Z".into(),
        failures: 2,
        last_error: Some("auth".into()),
        stopped: Some("auth".into()),
        read: Some(read),
        ..TicketPoll::default()
    };
    assert_eq!(store.apply_ticket_poll(&stale).expect("apply"), None);
    let row = store.ticket(t).expect("row");
    assert_eq!((row.stopped, row.failures), (None, 0));
    assert_eq!(row.next_poll_at.as_deref(), Some("2026-11-20T01:02:00Z"));
    assert_eq!(replies(&store, &case), 0);
}
