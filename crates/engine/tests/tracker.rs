//! The tracker against a real SQLite store on disk, a fake clock and a helpdesk double scripted
//! per call: no network, no window, no sleeping.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll as TaskPoll, Wake, Waker};
use std::time::Duration as Std;

use chrono::{DateTime, Duration, Utc};
use reachright_connectors::{
    Created, Cursor, Error as CE, Helpdesk, NewTicket as RemoteTicket, Poll, Result as CResult,
    Update,
};
use reachright_domain::Intake;
use reachright_engine::callbacks::{self, CountdownState};
use reachright_engine::clock::{parse, stamp};
use reachright_engine::orders::{self, OrderDetails};
use reachright_engine::schedule::{ACTIVE_INTERVAL, OFFLINE_MAX};
use reachright_engine::{
    case_deadlines, check_due, next_wake, sync_once, ChangeKind, Clock, DeadlineKind, FakeClock,
};
use reachright_store::{HelpdeskRow, NewCase, NewTicket, Store};

// ---- a minimal executor: the double's futures are ready at once ----

struct Noop;
impl Wake for Noop {
    fn wake(self: Arc<Self>) {}
}

fn block_on<F: Future>(f: F) -> F::Output {
    let waker = Waker::from(Arc::new(Noop));
    let mut cx = Context::from_waker(&waker);
    let mut f = pin!(f);
    loop {
        if let TaskPoll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

// ---- the helpdesk double ----

#[derive(Default)]
struct Scripted {
    answers: Mutex<HashMap<String, VecDeque<CResult<Poll>>>>,
    calls: Mutex<Vec<(String, Cursor)>>,
    created: Mutex<Vec<RemoteTicket>>,
}

impl Scripted {
    fn then(&self, id: &str, answer: CResult<Poll>) {
        self.answers
            .lock()
            .expect("lock")
            .entry(id.into())
            .or_default()
            .push_back(answer);
    }
    fn calls(&self) -> Vec<(String, Cursor)> {
        self.calls.lock().expect("lock").clone()
    }
}

impl Helpdesk for Scripted {
    async fn create_ticket(&self, t: &RemoteTicket) -> CResult<Created> {
        self.created.lock().expect("lock").push(t.clone());
        Ok(Created {
            id: "1001".into(),
            url: Some("http://127.0.0.1:9/Ticket/Display.html?id=1001".into()),
        })
    }
    fn poll(&self, id: &str, cursor: &Cursor) -> impl Future<Output = CResult<Poll>> + Send {
        self.calls
            .lock()
            .expect("lock")
            .push((id.to_string(), cursor.clone()));
        let answer = self
            .answers
            .lock()
            .expect("lock")
            .get_mut(id)
            .and_then(VecDeque::pop_front)
            .unwrap_or_else(|| {
                Ok(Poll {
                    changed: false,
                    updates: vec![],
                    cursor: cursor.clone(),
                })
            });
        async move { answer }
    }
    async fn reply(&self, _id: &str, _text: &str) -> CResult<()> {
        Ok(())
    }
}

fn changed(etag: &str, status: &str, updates: Vec<Update>) -> CResult<Poll> {
    Ok(Poll {
        changed: true,
        updates,
        cursor: Cursor {
            etag: Some(etag.into()),
            seen: Some(etag.into()),
            status: Some(status.into()),
        },
    })
}

fn status(s: &str) -> Update {
    Update::Status { status: s.into() }
}

fn reply(text: &str) -> Update {
    Update::Reply {
        author: "客服小王".into(),
        text: text.into(),
        at: None,
    }
}

// ---- fixtures ----

struct World {
    _tmp: tempfile::TempDir,
    store: Store,
    clock: FakeClock,
    desks: HashMap<String, Shared>,
}

/// A shared handle, so a test keeps the double it gave the tracker.
#[derive(Clone, Default)]
struct Shared(Arc<Scripted>);

impl Helpdesk for Shared {
    fn create_ticket(&self, t: &RemoteTicket) -> impl Future<Output = CResult<Created>> + Send {
        self.0.create_ticket(t)
    }
    fn poll(&self, id: &str, c: &Cursor) -> impl Future<Output = CResult<Poll>> + Send {
        self.0.poll(id, c)
    }
    fn reply(&self, id: &str, text: &str) -> impl Future<Output = CResult<()>> + Send {
        self.0.reply(id, text)
    }
}

// 2026-11-20 is a Friday; 17:00 in Shanghai.
const FRIDAY_5PM: &str = "2026-11-20T09:00:00Z";

fn world(now: &str) -> World {
    let tmp = tempfile::tempdir().expect("tmp");
    let store = Store::open(tmp.path()).expect("store");
    let mut desks = HashMap::new();
    for name in ["rt", "zd"] {
        store
            .save_helpdesk(&HelpdeskRow {
                name: name.into(),
                kind: if name == "rt" { "rt" } else { "zendesk" }.into(),
                url: "http://127.0.0.1:9".into(),
                queue: None,
                email: None,
                created_at: now.into(),
            })
            .expect("helpdesk");
        desks.insert(name.to_string(), Shared::default());
    }
    World {
        _tmp: tmp,
        store,
        clock: FakeClock::at(now),
        desks,
    }
}

impl World {
    fn desk(&self, name: &str) -> &Scripted {
        &self.desks.get(name).expect("desk").0
    }
    fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
    fn case(&self, title: &str, intake: &Intake) -> String {
        self.store
            .create_case(&NewCase {
                at: stamp(self.now()),
                title: title.into(),
                platform_id: None,
                intake_json: serde_json::to_string(intake).expect("json"),
            })
            .expect("case")
            .id
    }
    fn ticket(&self, case_id: &str, desk: &str, remote: &str) -> i64 {
        self.store
            .add_ticket(&NewTicket {
                case_id: case_id.into(),
                helpdesk: desk.into(),
                remote_id: remote.into(),
                url: None,
                subject: "20240520001-商品未到账-一般".into(),
                submitted_at: stamp(self.now()),
                status: Some("new".into()),
                next_poll_at: Some(stamp(self.now())),
            })
            .expect("ticket")
            .id
    }
    fn pass(&self) -> reachright_engine::SyncReport {
        block_on(sync_once(&self.store, &self.desks, &self.clock)).expect("pass")
    }
    fn advance(&self, d: Duration) {
        self.clock.advance(d);
    }
}

fn plain_case() -> Intake {
    Intake {
        story: "点卡付款后没到账".into(),
        problem_type: Some("delivery_delay".into()),
        ..Intake::default()
    }
}

fn kinds(r: &reachright_engine::SyncReport) -> Vec<String> {
    r.notifications.iter().map(|n| n.kind.clone()).collect()
}

// ---- polling ----

#[test]
fn status_change_and_reply_reach_timeline_changes_and_notifications() {
    let w = world(FRIDAY_5PM);
    let c = w.case("100元点卡未到账", &plain_case());
    let t = w.ticket(&c, "rt", "42");
    w.desk("rt").then(
        "42",
        changed(
            "\"e1\"",
            "open",
            vec![
                status("open"),
                reply("<p>您好,已为您补发卡密</p><p>请查收</p>"),
            ],
        ),
    );
    let r = w.pass();
    assert_eq!(r.polled, 1);
    assert_eq!(r.changes.len(), 2);
    assert_eq!(r.changes[0].kind, ChangeKind::Status);
    assert_eq!(r.changes[0].status.as_deref(), Some("open"));
    assert_eq!(r.changes[1].kind, ChangeKind::Reply);
    let line = serde_json::to_value(&r.changes[1]).expect("json");
    assert_eq!(line["case"], c.as_str());
    assert_eq!(line["ticket"], "42");
    assert_eq!(line["kind"], "reply");
    assert_eq!(line["status"], "open");
    assert_eq!(kinds(&r), ["status_change", "staff_reply"]);
    let reply_note = &r.notifications[1];
    assert_eq!(reply_note.title, "100元点卡未到账");
    assert_eq!(reply_note.body, "客服回复：您好,已为您补发卡密");
    assert_eq!(reply_note.case_id.as_deref(), Some(c.as_str()));

    let timeline: Vec<_> = w
        .store
        .timeline(&c)
        .expect("timeline")
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert!(timeline.ends_with(&["ticket_status".into(), "ticket_reply".into()]));
    let row = w.store.ticket(t).expect("ticket");
    assert_eq!(row.status.as_deref(), Some("open"));
    assert!(row.cursor_json.contains("e1"));
    assert_eq!(row.next_poll_at, Some(stamp(w.now() + ACTIVE_INTERVAL)));
    assert!(row.replied_at.is_some());
    // The pass says when to run again, as next_wake does.
    assert_eq!(r.next_wake, Some(w.now() + ACTIVE_INTERVAL));
    assert_eq!(next_wake(&w.store, w.now()).expect("wake"), r.next_wake);
    // Kept in the in-app list, unread.
    assert_eq!(w.store.unread_notifications().expect("unread"), 2);

    // Not due again for 5 minutes (minus the coalescing window).
    w.advance(Duration::minutes(4));
    assert_eq!(w.pass().polled, 0);
    w.advance(Duration::minutes(1));
    let r = w.pass();
    assert_eq!(r.polled, 1);
    assert!(r.changes.is_empty(), "a 304 changes nothing");
    // The cursor of the last good poll was handed back.
    let calls = w.desk("rt").calls();
    assert_eq!(calls[1].1.etag.as_deref(), Some("\"e1\""));
}

#[test]
fn a_repeated_status_is_not_a_change_and_closed_stops_polling() {
    let w = world(FRIDAY_5PM);
    let c = w.case("点卡", &plain_case());
    let t = w.ticket(&c, "rt", "5");
    w.desk("rt")
        .then("5", changed("a", "new", vec![status("new")]));
    assert!(w.pass().changes.is_empty());
    w.advance(ACTIVE_INTERVAL);
    w.desk("rt")
        .then("5", changed("b", "closed", vec![status("closed")]));
    let r = w.pass();
    assert_eq!(r.changes.len(), 1);
    let row = w.store.ticket(t).expect("row");
    assert_eq!(row.stopped.as_deref(), Some("closed"));
    assert_eq!(row.next_poll_at, None);
    w.advance(Duration::days(2));
    assert_eq!(w.pass().polled, 0);
}

#[test]
fn server_errors_back_off_exponentially_then_recover() {
    let w = world(FRIDAY_5PM);
    let c = w.case("点卡", &plain_case());
    let t = w.ticket(&c, "rt", "7");
    let mut waits = Vec::new();
    let mut sync_problems = 0;
    for _ in 0..6 {
        w.desk("rt").then("7", Err(CE::Server(503)));
        let r = w.pass();
        assert_eq!(r.failed, 1);
        sync_problems += kinds(&r).iter().filter(|k| *k == "sync_problem").count();
        let row = w.store.ticket(t).expect("row");
        let next = parse(row.next_poll_at.as_deref().expect("next")).expect("time");
        waits.push(next - w.now());
        w.clock.set(next);
    }
    // Equal jitter: the n-th wait lies in [base·2^(n-1) / 2, base·2^(n-1)].
    for (i, wait) in waits.iter().enumerate() {
        let full = Duration::minutes(1 << i);
        assert!(*wait >= full / 2 && *wait <= full, "wait {i}: {wait}");
    }
    assert_eq!(sync_problems, 1, "told once, at the 5th failure");
    assert_eq!(w.store.ticket(t).expect("row").failures, 6);
    assert_eq!(
        w.store.ticket(t).expect("row").last_error.as_deref(),
        Some("server")
    );
    // Recovery resets the count and forgets the "failing" mark.
    w.desk("rt")
        .then("7", changed("x", "open", vec![status("open")]));
    w.pass();
    let row = w.store.ticket(t).expect("row");
    assert_eq!((row.failures, row.last_error), (0, None));
    assert!(!w
        .store
        .has_mark(&format!("sync:ticket:{t}:failing"))
        .expect("mark"));
}

#[test]
fn retry_after_is_honoured_to_the_second() {
    let w = world(FRIDAY_5PM);
    let c = w.case("点卡", &plain_case());
    let t = w.ticket(&c, "zd", "88");
    w.desk("zd").then(
        "88",
        Err(CE::RateLimited {
            retry_after: Some(Std::from_secs(600)),
        }),
    );
    let start = w.now();
    w.pass();
    let row = w.store.ticket(t).expect("row");
    assert_eq!(
        row.next_poll_at,
        Some(stamp(start + Duration::seconds(600)))
    );
    assert_eq!(row.last_error.as_deref(), Some("rate_limited"));
    assert_eq!(
        next_wake(&w.store, w.now()).expect("wake"),
        Some(start + Duration::seconds(600))
    );
    w.clock.set(start + Duration::seconds(569));
    assert_eq!(
        w.pass().polled,
        0,
        "not before Retry-After (less the coalescing window)"
    );
    w.clock.set(start + Duration::seconds(600));
    assert_eq!(w.pass().polled, 1);
    assert_eq!(w.desk("zd").calls().len(), 2);
}

#[test]
fn offline_is_quiet_asks_each_helpdesk_once_per_pass_and_resumes() {
    let w = world(FRIDAY_5PM);
    let c = w.case("点卡", &plain_case());
    let a = w.ticket(&c, "rt", "1");
    let b = w.ticket(&c, "rt", "2");
    let mut total_notes = 0;
    for _ in 0..20 {
        w.desk("rt").then("1", Err(CE::Unreachable("dns".into())));
        w.desk("rt").then("2", Err(CE::Unreachable("dns".into())));
        let calls_before = w.desk("rt").calls().len();
        let r = w.pass();
        total_notes += r.notifications.len();
        assert!(
            w.desk("rt").calls().len() - calls_before <= 1,
            "one request to an offline helpdesk per pass"
        );
        let next = next_wake(&w.store, w.now()).expect("wake").expect("some");
        assert!(next - w.now() <= OFFLINE_MAX);
        w.clock.set(next);
    }
    assert_eq!(total_notes, 0, "offline never notifies");
    let last = w.pass();
    assert_eq!(last.next_wake, next_wake(&w.store, w.now()).expect("wake"));
    for id in [a, b] {
        let row = w.store.ticket(id).expect("row");
        assert_eq!(row.last_error.as_deref(), Some("unreachable"));
        assert!(row.stopped.is_none());
    }
    // Back online: both tickets are polled and the change comes through.
    *w.desk("rt").answers.lock().expect("lock") = HashMap::new();
    w.desk("rt")
        .then("1", changed("z", "resolved", vec![status("resolved")]));
    w.clock.advance(OFFLINE_MAX);
    let r = w.pass();
    assert_eq!(r.polled, 2);
    assert_eq!(r.changes.len(), 1);
    assert_eq!(w.store.ticket(a).expect("row").failures, 0);
}

#[test]
fn auth_failure_stops_the_helpdesk_tells_once_and_resumes_after_a_new_token() {
    let w = world(FRIDAY_5PM);
    let c = w.case("点卡", &plain_case());
    let a = w.ticket(&c, "rt", "1");
    let b = w.ticket(&c, "rt", "2");
    w.desk("rt").then("1", Err(CE::Auth("401".into())));
    w.desk("rt").then("2", Err(CE::Auth("401".into())));
    let r = w.pass();
    assert_eq!(
        kinds(&r),
        ["sync_problem"],
        "one notification for the helpdesk"
    );
    assert!(r.notifications[0].body.contains("rt"));
    for id in [a, b] {
        let row = w.store.ticket(id).expect("row");
        assert_eq!(row.stopped.as_deref(), Some("auth"));
        assert_eq!(row.next_poll_at, None);
    }
    w.advance(Duration::days(1));
    assert_eq!(w.pass().polled, 0, "a stopped ticket is not polled");
    // Nothing to poll; only the tickets' SLA warning (Tuesday 17:00) is left to wake for.
    assert_eq!(
        next_wake(&w.store, w.now()).expect("wake"),
        Some(local("2026-11-24T17:00:00+08:00"))
    );
    assert_eq!(
        w.store
            .resume_helpdesk("rt", &stamp(w.now()))
            .expect("resume"),
        2
    );
    assert_eq!(w.pass().polled, 2);
}

#[test]
fn not_found_stops_only_that_ticket_and_a_missing_token_counts_as_auth() {
    let w = world(FRIDAY_5PM);
    let c = w.case("点卡", &plain_case());
    let gone = w.ticket(&c, "rt", "404");
    let fine = w.ticket(&c, "rt", "200");
    w.desk("rt")
        .then("404", Err(CE::NotFound("ticket 404".into())));
    let r = w.pass();
    assert_eq!(kinds(&r), ["sync_problem"]);
    assert!(r.notifications[0].body.contains("#404"));
    assert_eq!(
        w.store.ticket(gone).expect("row").stopped.as_deref(),
        Some("not_found")
    );
    assert_eq!(w.store.ticket(fine).expect("row").stopped, None);

    // A helpdesk the runner has no connector for (no token in the keychain).
    w.store
        .save_helpdesk(&HelpdeskRow {
            name: "notoken".into(),
            kind: "rt".into(),
            url: "http://127.0.0.1:9".into(),
            queue: None,
            email: None,
            created_at: FRIDAY_5PM.into(),
        })
        .expect("helpdesk");
    let orphan = w.ticket(&c, "notoken", "9");
    w.pass();
    assert_eq!(
        w.store.ticket(orphan).expect("row").stopped.as_deref(),
        Some("auth")
    );
}

#[test]
fn state_survives_a_restart_from_disk() {
    let tmp = tempfile::tempdir().expect("tmp");
    let clock = FakeClock::at(FRIDAY_5PM);
    let shared = Shared::default();
    let desk = shared.0.clone();
    let desks: HashMap<String, Shared> = [("rt".to_string(), shared)].into();
    let (c, t) = {
        let store = Store::open(tmp.path()).expect("store");
        store
            .save_helpdesk(&HelpdeskRow {
                name: "rt".into(),
                kind: "rt".into(),
                url: "http://127.0.0.1:9".into(),
                queue: None,
                email: None,
                created_at: FRIDAY_5PM.into(),
            })
            .expect("helpdesk");
        let c = store
            .create_case(&NewCase {
                at: FRIDAY_5PM.into(),
                title: "点卡".into(),
                platform_id: None,
                intake_json: "{}".into(),
            })
            .expect("case")
            .id;
        let t = store
            .add_ticket(&NewTicket {
                case_id: c.clone(),
                helpdesk: "rt".into(),
                remote_id: "77".into(),
                url: None,
                subject: "s".into(),
                submitted_at: FRIDAY_5PM.into(),
                status: None,
                next_poll_at: Some(FRIDAY_5PM.into()),
            })
            .expect("ticket")
            .id;
        desk.then("77", changed("\"v1\"", "open", vec![status("open")]));
        desk.then("77", Err(CE::Timeout));
        block_on(sync_once(&store, &desks, &clock)).expect("pass 1");
        clock.advance(ACTIVE_INTERVAL);
        block_on(sync_once(&store, &desks, &clock)).expect("pass 2");
        (c, t)
    };
    // "Restart": a new Store on the same file, and time has moved on.
    let store = Store::open(tmp.path()).expect("reopen");
    let row = store.ticket(t).expect("row");
    assert_eq!(row.failures, 1, "the failure streak survived");
    assert_eq!(row.status.as_deref(), Some("open"));
    let next = parse(row.next_poll_at.as_deref().expect("next")).expect("time");
    assert!(next > clock.now(), "backoff survived");
    assert_eq!(next_wake(&store, clock.now()).expect("wake"), Some(next));
    clock.set(next);
    desk.then("77", changed("\"v2\"", "resolved", vec![reply("已处理")]));
    let r = block_on(sync_once(&store, &desks, &clock)).expect("pass 3");
    assert_eq!(r.changes.len(), 1);
    assert_eq!(r.changes[0].case, c);
    // The cursor stored before the restart was the one sent after it.
    let calls = desk.calls();
    assert_eq!(
        calls.last().expect("call").1.etag.as_deref(),
        Some("\"v1\"")
    );
}

// ---- deadlines ----

fn local(s: &str) -> DateTime<Utc> {
    parse(s).expect("time")
}

#[test]
fn ticket_sla_spans_the_weekend_and_warns_then_escalates_once() {
    // Submitted Friday 17:00 → due Wednesday 17:00 (3 business days), warned Tuesday 17:00.
    let w = world(FRIDAY_5PM);
    let c = w.case("100元点卡未到账", &plain_case());
    let t = w.ticket(&c, "rt", "42");
    let d = case_deadlines(&w.store, &c, w.now()).expect("deadlines");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].kind, DeadlineKind::TicketSla);
    assert_eq!(d[0].ticket_id, Some(t));
    assert_eq!(d[0].due_at, stamp(local("2026-11-25T17:00:00+08:00")));
    assert_eq!(d[0].warn_at, stamp(local("2026-11-24T17:00:00+08:00")));
    assert_eq!(d[0].seconds_left, 5 * 24 * 3600);

    // Stop polling so only the deadline is left to wake for.
    w.desk("rt").then("42", Err(CE::NotFound("x".into())));
    w.pass();
    assert_eq!(
        next_wake(&w.store, w.now()).expect("wake"),
        Some(local("2026-11-24T17:00:00+08:00"))
    );
    assert!(check_due(
        &w.store,
        local("2026-11-24T16:59:59+08:00"),
        reachright_core::Lang::Zh
    )
    .expect("check")
    .is_empty());
    let soon = check_due(
        &w.store,
        local("2026-11-24T17:00:00+08:00"),
        reachright_core::Lang::Zh,
    )
    .expect("check");
    assert_eq!(soon.len(), 1);
    assert_eq!(soon[0].kind, "deadline_soon");
    assert!(soon[0].body.contains("11-25 17:00"), "{}", soon[0].body);
    assert!(
        check_due(
            &w.store,
            local("2026-11-24T18:00:00+08:00"),
            reachright_core::Lang::Zh
        )
        .expect("check")
        .is_empty(),
        "said once"
    );
    assert_eq!(
        next_wake(&w.store, local("2026-11-24T18:00:00+08:00")).expect("wake"),
        Some(local("2026-11-25T17:00:00+08:00"))
    );
    let passed = check_due(
        &w.store,
        local("2026-11-25T17:00:00+08:00"),
        reachright_core::Lang::Zh,
    )
    .expect("check");
    assert_eq!(passed.len(), 1);
    assert_eq!(passed[0].kind, "deadline_passed");
    assert_eq!(
        passed[0].body,
        "工单 #42 3 个工作日未处理 — 可向12315投诉（投诉信和证据清单已备好）"
    );
    let data: serde_json::Value =
        serde_json::from_str(passed[0].data_json.as_deref().expect("data")).expect("json");
    assert_eq!(data["next_step"], "third_party_complaint");
    assert!(check_due(
        &w.store,
        local("2026-11-26T09:00:00+08:00"),
        reachright_core::Lang::Zh
    )
    .expect("check")
    .is_empty());
}

#[test]
fn ticket_sla_skips_national_day_and_counts_the_make_up_saturday() {
    // Wed 2026-09-30 17:00 + 3 business days: Thu 10-08, Fri 10-09, Sat 10-10 (调休).
    let w = world("2026-09-30T09:00:00Z");
    let c = w.case("点卡", &plain_case());
    w.ticket(&c, "rt", "1");
    let d = case_deadlines(&w.store, &c, w.now()).expect("deadlines");
    assert_eq!(d[0].due_at, stamp(local("2026-10-10T17:00:00+08:00")));
    // A user back after the holiday is told it passed, without a stale "about to pass".
    let raised = check_due(
        &w.store,
        local("2026-10-12T09:00:00+08:00"),
        reachright_core::Lang::En,
    )
    .expect("check");
    assert_eq!(raised.len(), 1);
    assert_eq!(raised[0].kind, "deadline_passed");
    assert!(raised[0].body.contains("12315"));
}

#[test]
fn a_staff_reply_or_resolution_meets_the_sla() {
    let w = world(FRIDAY_5PM);
    let c = w.case("点卡", &plain_case());
    w.ticket(&c, "rt", "1");
    w.desk("rt")
        .then("1", changed("a", "open", vec![reply("我们在处理")]));
    w.pass();
    assert!(case_deadlines(&w.store, &c, w.now()).expect("d").is_empty());
    let raised = check_due(
        &w.store,
        local("2026-12-01T09:00:00+08:00"),
        reachright_core::Lang::Zh,
    )
    .expect("check");
    assert!(raised.iter().all(|n| n.kind != "deadline_passed"));
}

#[test]
fn recharge_window_warns_six_hours_before_and_when_it_passed() {
    let w = world("2026-11-20T02:00:00Z");
    let intake = Intake {
        story: "充值失败,钱扣了".into(),
        problem_type: Some("recharge_failed".into()),
        occurred_at: "2026-11-20T10:00:00+08:00".into(),
        order_id: "20240520001".into(),
        ..Intake::default()
    };
    let c = w.case("Q币充值失败", &intake);
    let d = case_deadlines(&w.store, &c, w.now()).expect("deadlines");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].kind, DeadlineKind::RechargeWindow);
    assert_eq!(d[0].due_at, stamp(local("2026-11-21T10:00:00+08:00")));
    assert_eq!(d[0].warn_at, stamp(local("2026-11-21T04:00:00+08:00")));
    let at = local("2026-11-21T05:00:00+08:00");
    let soon = check_due(&w.store, at, reachright_core::Lang::Zh).expect("check");
    assert_eq!(soon.len(), 1);
    assert_eq!(soon[0].kind, "deadline_soon");
    assert!(soon[0].body.contains("还剩 5 小时"), "{}", soon[0].body);
    assert_eq!(soon[0].title, "Q币充值失败");
    let passed = check_due(
        &w.store,
        local("2026-11-21T10:00:00+08:00"),
        reachright_core::Lang::Zh,
    )
    .expect("check");
    assert_eq!(passed.len(), 1);
    assert_eq!(passed[0].kind, "deadline_passed");
    // Once said, the window is no longer a deadline to wake for.
    assert!(
        case_deadlines(&w.store, &c, local("2026-11-21T11:00:00+08:00"))
            .expect("d")
            .is_empty()
    );
    // A resolved case has no deadlines at all.
    w.store
        .set_status(&c, "resolved", &stamp(w.now()))
        .expect("resolve");
    assert!(case_deadlines(&w.store, &c, w.now()).expect("d").is_empty());
}

#[test]
fn a_pass_reaches_every_active_case_past_the_first_page() {
    // The pass reads active cases 200 at a time: 450 open cases with a recharge window make three
    // pages; every window must be said once, and a resolved case's never.
    let w = world("2026-11-20T02:00:00Z");
    let window = |i: usize| Intake {
        story: "充值失败,钱扣了".into(),
        problem_type: Some("recharge_failed".into()),
        occurred_at: "2026-11-20T10:00:00+08:00".into(),
        order_id: format!("2024052{i:04}"),
        ..Intake::default()
    };
    let open: std::collections::HashSet<String> = (0..450)
        .map(|i| w.case(&format!("case {i}"), &window(i)))
        .collect();
    let closed = w.case("resolved", &window(9999));
    w.store
        .set_status(&closed, "resolved", &stamp(w.now()))
        .expect("resolve");
    // The next wake is the windows' warning, six hours before they close.
    assert_eq!(
        next_wake(&w.store, w.now()).expect("wake"),
        Some(local("2026-11-21T04:00:00+08:00"))
    );
    let passed = check_due(
        &w.store,
        local("2026-11-21T10:00:00+08:00"),
        reachright_core::Lang::Zh,
    )
    .expect("check");
    let said: std::collections::HashSet<String> =
        passed.iter().filter_map(|n| n.case_id.clone()).collect();
    assert_eq!(passed.len(), 450, "each open window said once");
    assert_eq!(said, open);
    // Said: the next pass raises nothing.
    let again = check_due(
        &w.store,
        local("2026-11-21T10:05:00+08:00"),
        reachright_core::Lang::Zh,
    )
    .expect("check");
    assert!(again.is_empty());
}

// ---- callbacks ----

#[test]
fn vip_callback_counts_down_is_due_then_overdue_and_logs_its_outcome() {
    let w = world("2026-11-20T02:00:00Z");
    let c = w.case("账号被盗", &plain_case());
    // The default profile promises the exclusive agent's callback within 10 minutes.
    let cb =
        callbacks::request(&w.store, &c, "vip_exclusive", w.now(), None, "专属客服").expect("cb");
    assert_eq!(parse(&cb.due_at), Some(w.now() + Duration::minutes(10)));
    let cd = callbacks::countdown(&cb, w.now() + Duration::minutes(3));
    assert_eq!((cd.seconds_left, cd.state), (420, CountdownState::Waiting));
    assert_eq!(
        callbacks::countdown(&cb, w.now() + Duration::minutes(12)).state,
        CountdownState::Due
    );
    let late = callbacks::countdown(&cb, w.now() + Duration::minutes(25));
    assert_eq!(
        (late.seconds_left, late.state),
        (-900, CountdownState::Overdue)
    );
    // A 10-minute promise is shorter than 20 minutes: "soon" a quarter before, at 7½ minutes.
    let soon_at = w.now() + Duration::seconds(450);
    assert_eq!(next_wake(&w.store, w.now()).expect("wake"), Some(soon_at));

    let lang = reachright_core::Lang::Zh;
    assert!(check_due(&w.store, soon_at - Duration::seconds(1), lang)
        .expect("c")
        .is_empty());
    let soon = check_due(&w.store, soon_at, lang).expect("c");
    assert_eq!(soon.len(), 1);
    assert_eq!(soon[0].kind, "deadline_soon");
    assert_eq!(soon[0].title, "账号被盗");
    assert!(
        soon[0].body.starts_with("承诺的回电还有 3 分钟"),
        "{}",
        soon[0].body
    );
    assert_eq!(
        next_wake(&w.store, soon_at).expect("wake"),
        Some(w.now() + Duration::minutes(10))
    );
    assert!(check_due(&w.store, w.now() + Duration::minutes(9), lang)
        .expect("c")
        .is_empty());
    let due = check_due(&w.store, w.now() + Duration::minutes(10), lang).expect("c");
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].kind, "callback_due");
    assert_eq!(due[0].title, "账号被盗");
    assert!(check_due(&w.store, w.now() + Duration::minutes(15), lang)
        .expect("c")
        .is_empty());
    let over = check_due(&w.store, w.now() + Duration::minutes(20), lang).expect("c");
    assert_eq!(over.len(), 1);
    assert_eq!(over[0].kind, "callback_overdue");
    assert!(over[0].body.contains("10 分钟"), "{}", over[0].body);

    let done = callbacks::log_outcome(
        &w.store,
        cb.id,
        "called",
        w.now() + Duration::minutes(22),
        "已回电,答应今天补发",
    )
    .expect("outcome");
    assert_eq!(
        callbacks::countdown(&done, w.now()).state,
        CountdownState::Done
    );
    assert!(callbacks::waiting(&w.store, w.now()).expect("w").is_empty());
    let last = w.store.timeline(&c).expect("tl").pop().expect("event");
    assert_eq!(last.kind, "callback_outcome");
    assert!(last.summary.contains("已回电"));
    assert_eq!(next_wake(&w.store, w.now()).expect("wake"), None);
}

#[test]
fn callback_promise_can_be_given_and_is_checked() {
    let w = world("2026-11-20T02:00:00Z");
    let c = w.case("x", &plain_case());
    let cb = callbacks::request(&w.store, &c, "phone", w.now(), Some(Duration::hours(2)), "")
        .expect("cb");
    assert_eq!(parse(&cb.due_at), Some(w.now() + Duration::hours(2)));
    // Without a promise, a non-VIP channel takes the profile's vip_response_hours (2 h).
    let p = callbacks::profile_promise(&w.store, &c, "phone").expect("promise");
    assert_eq!(p, Duration::hours(2));
    assert!(
        callbacks::request(&w.store, &c, "phone", w.now(), Some(Duration::zero()), "").is_err()
    );
    // A user away past both alarms hears only that it is overdue.
    let raised = check_due(
        &w.store,
        w.now() + Duration::hours(5),
        reachright_core::Lang::En,
    )
    .expect("check");
    assert_eq!(raised.len(), 1);
    assert_eq!(raised[0].kind, "callback_overdue");
    assert!(raised[0].body.contains("3 h"), "{}", raised[0].body);
}

#[test]
fn a_callback_soon_is_said_once_five_minutes_before_and_follows_the_prefs() {
    use reachright_engine::notify::{deliver, Kind, Notifier, Prefs};
    use reachright_store::NotificationRow;
    use std::cell::RefCell;
    struct Rec(RefCell<Vec<String>>);
    impl Notifier for Rec {
        fn notify(&self, n: &NotificationRow) -> Result<(), String> {
            self.0.borrow_mut().push(n.kind.clone());
            Ok(())
        }
    }

    let w = world("2026-11-20T02:00:00Z");
    w.store.set_setting("lang", "en").expect("lang");
    let c = w.case("Hotline", &plain_case());
    let cb = callbacks::request(&w.store, &c, "phone", w.now(), Some(Duration::hours(2)), "")
        .expect("cb");
    let soon_at = w.now() + Duration::minutes(115);
    assert_eq!(next_wake(&w.store, w.now()).expect("wake"), Some(soon_at));
    let lang = reachright_core::Lang::En;
    assert!(check_due(&w.store, soon_at - Duration::seconds(1), lang)
        .expect("c")
        .is_empty());
    // Through a pass, as the shell runs it: the language setting, the mark, the report.
    w.advance(Duration::minutes(116));
    let r = w.pass();
    assert_eq!(kinds(&r), ["deadline_soon"]);
    let n = &r.notifications[0];
    assert_eq!(
        n.body,
        "The promised callback is due in 4 min (11-20 12:00) — keep your phone at hand"
    );
    let data: serde_json::Value =
        serde_json::from_str(n.data_json.as_deref().expect("data")).expect("json");
    assert_eq!(data["callback_id"], cb.id);
    assert_eq!(
        (data["deadline"].as_str(), data["stage"].as_str()),
        (Some("callback"), Some("soon"))
    );
    // Once: not again on the next pass, and the runner's next wake is the promised time.
    assert!(w.pass().notifications.is_empty());
    assert_eq!(
        next_wake(&w.store, w.now()).expect("wake"),
        Some(w.now() + Duration::minutes(4))
    );

    // The user's choice of kinds: "deadline approaching" off mutes it (still in the list).
    let rec = Rec(RefCell::new(Vec::new()));
    let mut prefs = Prefs::default();
    prefs.enabled.remove(&Kind::DeadlineSoon);
    let d = deliver(&rec, &prefs, &r.notifications);
    assert_eq!((d.shown, d.muted), (0, 1));
    let d = deliver(&rec, &Prefs::default(), &r.notifications);
    assert_eq!(d.shown, 1);
    assert_eq!(*rec.0.borrow(), ["deadline_soon"]);
}

#[test]
fn a_callback_already_due_is_not_announced_as_coming() {
    let w = world("2026-11-20T02:00:00Z");
    let c = w.case("x", &plain_case());
    callbacks::request(&w.store, &c, "phone", w.now(), Some(Duration::hours(2)), "").expect("cb");
    let raised = check_due(
        &w.store,
        w.now() + Duration::hours(2),
        reachright_core::Lang::Zh,
    )
    .expect("check");
    assert_eq!(raised.len(), 1);
    assert_eq!(raised[0].kind, "callback_due");
}

// ---- order watch ----

#[test]
fn late_order_notifies_once_and_opens_a_prefilled_case() {
    let w = world("2026-11-20T06:00:00Z");
    let order = OrderDetails {
        order_id: "20240520001".into(),
        product: "100元游戏点卡".into(),
        amount: "100".into(),
        platform_id: None,
    };
    let watch = orders::watch(&w.store, &order, w.now(), Duration::minutes(30)).expect("watch");
    assert_eq!(
        next_wake(&w.store, w.now()).expect("wake"),
        Some(w.now() + Duration::minutes(30))
    );
    let lang = reachright_core::Lang::Zh;
    assert!(check_due(&w.store, w.now() + Duration::minutes(29), lang)
        .expect("c")
        .is_empty());
    let late = check_due(&w.store, w.now() + Duration::minutes(30), lang).expect("c");
    assert_eq!(late.len(), 1);
    assert_eq!(late[0].kind, "order_late");
    assert_eq!(late[0].title, "100元游戏点卡");
    assert!(late[0].body.contains("20240520001"));
    assert!(late[0].body.contains("30 分钟"));
    let data: serde_json::Value =
        serde_json::from_str(late[0].data_json.as_deref().expect("data")).expect("json");
    assert_eq!(data["action"], "open_case");
    assert_eq!(data["order_watch_id"], watch.id);
    assert_eq!(w.store.order_watch(watch.id).expect("w").state, "late");
    assert!(check_due(&w.store, w.now() + Duration::hours(3), lang)
        .expect("c")
        .is_empty());

    let row =
        orders::open_case(&w.store, watch.id, w.now() + Duration::minutes(40), lang).expect("case");
    let intake = reachright_domain::stored::read_intake(&row).expect("form");
    assert_eq!(intake.order_id, "20240520001");
    assert_eq!(intake.problem_type.as_deref(), Some("delivery_delay"));
    assert_eq!(intake.amount, "100");
    assert_eq!(intake.symptom, "付款后40分钟仍未到账");
    let w2 = w.store.order_watch(watch.id).expect("w");
    assert_eq!(w2.state, "case_opened");
    assert_eq!(w2.case_id.as_deref(), Some(row.id.as_str()));
}

#[test]
fn a_delivered_order_never_notifies() {
    let w = world("2026-11-20T06:00:00Z");
    let order = OrderDetails {
        order_id: "A1".into(),
        ..OrderDetails::default()
    };
    let watch = orders::watch(&w.store, &order, w.now(), Duration::minutes(10)).expect("watch");
    orders::confirm_delivered(&w.store, watch.id, w.now() + Duration::minutes(5)).expect("ok");
    assert!(check_due(
        &w.store,
        w.now() + Duration::hours(1),
        reachright_core::Lang::Zh
    )
    .expect("c")
    .is_empty());
    assert_eq!(next_wake(&w.store, w.now()).expect("wake"), None);
    assert!(orders::watch(&w.store, &order, w.now(), Duration::zero()).is_err());
}

// ---- the runner's view ----

#[test]
fn next_wake_is_none_when_idle_and_never_in_the_past() {
    let w = world(FRIDAY_5PM);
    assert_eq!(next_wake(&w.store, w.now()).expect("wake"), None);
    let c = w.case("x", &plain_case());
    w.ticket(&c, "rt", "1");
    w.advance(Duration::hours(1));
    assert_eq!(next_wake(&w.store, w.now()).expect("wake"), Some(w.now()));
}

#[test]
fn notifications_follow_the_language_setting() {
    let w = world(FRIDAY_5PM);
    w.store.set_setting("lang", "en").expect("lang");
    let c = w.case("Game card", &plain_case());
    w.ticket(&c, "rt", "3");
    w.desk("rt")
        .then("3", changed("a", "resolved", vec![status("resolved")]));
    let r = w.pass();
    assert_eq!(r.notifications[0].body, "Ticket #3 is now resolved");
}

// ---- opening a ticket ----

#[test]
fn a_ticket_is_composed_created_linked_and_scheduled() {
    let w = world(FRIDAY_5PM);
    let intake = Intake {
        story: "5月20日14:30购买100元游戏点卡,支付成功后30分钟未到账".into(),
        problem_type: Some("delivery_delay".into()),
        order_id: "20240520001".into(),
        product: "100元游戏点卡".into(),
        amount: "100".into(),
        occurred_at: "2026-11-20T14:30".into(),
        ..Intake::default()
    };
    let c = reachright_domain::record::create(
        &w.store,
        &intake,
        w.now().fixed_offset(),
        reachright_core::Lang::Zh,
    )
    .expect("case")
    .id;
    // Created through the connector by `reachright_api::tracking::tickets::create_on` (with the
    // evidence attached); here: what it sends, and the link it stores.
    let (subject, body) =
        reachright_engine::tickets::compose(&w.store, &c, w.now(), reachright_core::Lang::Zh)
            .expect("compose");
    assert_eq!(subject, "20240520001-商品未到账-一般");
    assert!(body.contains("20240520001"), "{body}");
    let t = w
        .store
        .add_ticket(&NewTicket {
            case_id: c.clone(),
            helpdesk: "rt".into(),
            remote_id: "1001".into(),
            url: None,
            subject: subject.clone(),
            submitted_at: stamp(w.now()),
            status: None,
            next_poll_at: Some(stamp(w.now() + ACTIVE_INTERVAL)),
        })
        .expect("ticket");
    assert_eq!(t.subject, subject);
    let contacts = w.store.contacts(&c).expect("contacts");
    assert_eq!(
        contacts.last().expect("contact").reference.as_deref(),
        Some("1001")
    );
    // Its SLA is now a deadline of the case.
    let d = case_deadlines(&w.store, &c, w.now()).expect("deadlines");
    assert!(d
        .iter()
        .any(|d| d.kind == DeadlineKind::TicketSla && d.ticket_id == Some(t.id)));
}

// ---- a pass that meets trouble ----

/// A helpdesk whose every poll takes `per_poll` of the (fake) clock, or never answers.
struct Slow {
    clock: Arc<FakeClock>,
    per_poll: Duration,
    hang: bool,
    calls: Arc<Mutex<Vec<String>>>,
}

impl Helpdesk for Slow {
    async fn create_ticket(&self, _t: &RemoteTicket) -> CResult<Created> {
        Err(CE::Timeout)
    }
    fn poll(&self, id: &str, cursor: &Cursor) -> impl Future<Output = CResult<Poll>> + Send {
        self.calls.lock().expect("lock").push(id.to_string());
        self.clock.advance(self.per_poll);
        let hang = self.hang;
        let cursor = cursor.clone();
        async move {
            if hang {
                std::future::pending::<()>().await;
            }
            Ok(Poll {
                changed: false,
                updates: vec![],
                cursor,
            })
        }
    }
    async fn reply(&self, _id: &str, _text: &str) -> CResult<()> {
        Ok(())
    }
}

#[test]
fn a_timeout_skips_the_rest_of_that_helpdesk_quietly_and_others_go_on() {
    let w = world(FRIDAY_5PM);
    let c = w.case("点卡", &plain_case());
    let slow: Vec<i64> = ["1", "2", "3"]
        .iter()
        .map(|id| w.ticket(&c, "rt", id))
        .collect();
    let other = w.ticket(&c, "zd", "9");
    w.desk("rt").then("1", Err(CE::Timeout));
    w.desk("zd")
        .then("9", changed("e", "open", vec![status("open")]));
    let r = w.pass();
    assert_eq!(
        w.desk("rt").calls().len(),
        1,
        "one request to a slow helpdesk per pass"
    );
    assert_eq!(w.desk("zd").calls().len(), 1);
    assert_eq!(
        r.changes.len(),
        1,
        "the other helpdesk's news still comes through"
    );
    assert!(
        !kinds(&r).contains(&"sync_problem".to_string()),
        "{:?}",
        kinds(&r)
    );
    for id in &slow {
        let row = w.store.ticket(*id).expect("row");
        assert!(row.stopped.is_none());
        assert_eq!(row.failures, 1);
        let next = parse(row.next_poll_at.as_deref().expect("next")).expect("t");
        assert!(next > w.now(), "backed off");
    }
    assert_eq!(w.store.ticket(other).expect("row").failures, 0);
    // The same for a server error after the connector's own retries.
    let w = world(FRIDAY_5PM);
    let c = w.case("点卡", &plain_case());
    w.ticket(&c, "rt", "1");
    w.ticket(&c, "rt", "2");
    w.desk("rt").then("1", Err(CE::Server(502)));
    w.pass();
    assert_eq!(w.desk("rt").calls().len(), 1);
}

#[test]
fn a_hanging_helpdesk_does_not_hold_back_a_due_callback() {
    let clock = Arc::new(FakeClock::at("2026-11-20T02:00:00Z"));
    let w = world("2026-11-20T02:00:00Z");
    let c = w.case("账号被盗", &plain_case());
    callbacks::request(&w.store, &c, "vip_exclusive", w.now(), None, "专属客服").expect("cb");
    w.ticket(&c, "rt", "1");
    clock.advance(Duration::minutes(10));
    let mut desks = HashMap::new();
    desks.insert(
        "rt".to_string(),
        Slow {
            clock: clock.clone(),
            per_poll: Duration::zero(),
            hang: true,
            calls: Arc::default(),
        },
    );
    let pass = sync_once(&w.store, &desks, clock.as_ref());
    let mut pass = pin!(pass);
    let waker = Waker::from(Arc::new(Noop));
    let mut cx = Context::from_waker(&waker);
    for _ in 0..3 {
        assert!(
            pass.as_mut().poll(&mut cx).is_pending(),
            "the helpdesk hangs"
        );
    }
    let kinds: Vec<String> = w
        .store
        .notifications(50)
        .expect("list")
        .into_iter()
        .map(|n| n.kind)
        .collect();
    assert!(
        kinds.contains(&"callback_due".to_string()),
        "the alarm is raised before polling: {kinds:?}"
    );
}

#[test]
fn a_pass_polls_for_at_most_its_budget_and_leaves_the_rest_for_the_next() {
    let clock = Arc::new(FakeClock::at(FRIDAY_5PM));
    let w = world(FRIDAY_5PM);
    let c = w.case("点卡", &plain_case());
    for i in 1..=6 {
        w.ticket(&c, "rt", &i.to_string());
    }
    let calls: Arc<Mutex<Vec<String>>> = Arc::default();
    let mut desks = HashMap::new();
    desks.insert(
        "rt".to_string(),
        Slow {
            clock: clock.clone(),
            per_poll: Duration::seconds(50),
            hang: false,
            calls: calls.clone(),
        },
    );
    let r = block_on(sync_once(&w.store, &desks, clock.as_ref())).expect("pass");
    assert_eq!(
        r.polled, 3,
        "50 s each: the 2-minute budget is spent after 3"
    );
    assert_eq!(r.deferred, 3);
    assert_eq!(r.next_wake, Some(clock.now()), "the rest is due at once");
    let r = block_on(sync_once(&w.store, &desks, clock.as_ref())).expect("pass");
    assert_eq!((r.polled, r.deferred), (3, 0));
    let mut seen = calls.lock().expect("lock").clone();
    seen.sort();
    assert_eq!(seen, ["1", "2", "3", "4", "5", "6"], "each polled once");
}

#[test]
fn a_damaged_cursor_is_that_tickets_error_not_a_fresh_start() {
    let w = world(FRIDAY_5PM);
    let c = w.case("点卡", &plain_case());
    let bad = w.ticket(&c, "rt", "1");
    let good = w.ticket(&c, "rt", "2");
    w.store
        .apply_ticket_poll(&reachright_store::TicketPoll {
            ticket_id: bad,
            at: stamp(w.now()),
            cursor_json: Some("{not json".into()),
            next_poll_at: Some(stamp(w.now())),
            ..Default::default()
        })
        .expect("damage")
        .expect("applied");
    let r = w.pass();
    let asked: Vec<String> = w.desk("rt").calls().into_iter().map(|(id, _)| id).collect();
    assert_eq!(asked, ["2"], "the damaged one is not polled from scratch");
    assert!(r.changes.is_empty());
    let row = w.store.ticket(bad).expect("row");
    assert_eq!(row.stopped.as_deref(), Some("invalid"));
    assert_eq!(row.last_error.as_deref(), Some("invalid"));
    assert!(kinds(&r).contains(&"sync_problem".to_string()));
    assert!(w.store.ticket(good).expect("row").stopped.is_none());
}

#[test]
fn retry_after_zero_does_not_spin() {
    let w = world(FRIDAY_5PM);
    let c = w.case("点卡", &plain_case());
    let t = w.ticket(&c, "zd", "88");
    w.desk("zd").then(
        "88",
        Err(CE::RateLimited {
            retry_after: Some(Std::ZERO),
        }),
    );
    let r = w.pass();
    let next = parse(
        w.store
            .ticket(t)
            .expect("row")
            .next_poll_at
            .as_deref()
            .expect("next"),
    )
    .expect("t");
    assert!(
        next - w.now() >= Duration::seconds(30),
        "{}",
        next - w.now()
    );
    assert!(r.next_wake.expect("wake") > w.now());
    assert_eq!(w.pass().polled, 0, "not asked again at once");
}

#[test]
fn a_slow_helpdesk_cannot_spend_the_pass_while_another_waits() {
    let clock = Arc::new(FakeClock::at(FRIDAY_5PM));
    let w = world(FRIDAY_5PM);
    let c = w.case("点卡", &plain_case());
    // The slow helpdesk's six tickets come first in the due order (same moment, lower ids).
    for i in 1..=6 {
        w.ticket(&c, "rt", &format!("slow-{i}"));
    }
    for i in 1..=3 {
        w.ticket(&c, "zd", &format!("fast-{i}"));
    }
    let calls: Arc<Mutex<Vec<String>>> = Arc::default();
    let desk = |per_poll: i64| Slow {
        clock: clock.clone(),
        per_poll: Duration::seconds(per_poll),
        hang: false,
        calls: calls.clone(),
    };
    let mut desks = HashMap::new();
    desks.insert("rt".to_string(), desk(25));
    desks.insert("zd".to_string(), desk(0));
    let r = block_on(sync_once(&w.store, &desks, clock.as_ref())).expect("pass");
    let seen = calls.lock().expect("lock").clone();
    let fast = seen.iter().filter(|id| id.starts_with("fast-")).count();
    assert_eq!(
        fast, 3,
        "every ticket of the quick helpdesk was polled: {seen:?}"
    );
    // 25 s each: the slow one had its turns, then what the 2-minute budget left.
    assert_eq!(r.polled, 3 + 5, "{seen:?}");
    assert_eq!(r.deferred, 1);
}

// ---- a real connector against a helpdesk on loopback ----

/// A Request Tracker on loopback: each request (in a thread of its own) is answered with what
/// `answer` returns for its path and query, which may block (a slow helpdesk). It says which
/// paths arrived.
struct Loopback {
    base: String,
    arrived: std::sync::mpsc::Receiver<String>,
}

fn loopback(answer: impl Fn(&str) -> Vec<u8> + Send + Sync + 'static) -> Loopback {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let (tx, arrived) = std::sync::mpsc::channel();
    let answer = Arc::new(answer);
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let (answer, tx) = (answer.clone(), tx.clone());
            std::thread::spawn(move || {
                let mut head = Vec::new();
                let mut buf = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let head = String::from_utf8_lossy(&head).into_owned();
                let target = head.split_whitespace().nth(1).unwrap_or("").to_string();
                let _ = tx.send(target.clone());
                let _ = stream.write_all(&answer(&target));
            });
        }
    });
    Loopback { base, arrived }
}

fn http(status: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nETag: \"{}\"\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len(),
        body.len()
    )
    .into_bytes()
}

fn rt_at(base: &str) -> HashMap<String, reachright_connectors::Rt> {
    let rt = reachright_connectors::Rt::new(
        reachright_connectors::RtConfig {
            base_url: base.into(),
            queue: "General".into(),
            requestor: Some("me@example.com".into()),
        },
        &reachright_connectors::Secret::new("t0k3n"),
        reachright_connectors::HttpOptions {
            // The test decides when the slow helpdesk answers; no time limit of its own.
            timeout: Std::from_secs(600),
            poll_budget: Std::from_secs(600),
            ..reachright_connectors::HttpOptions::default()
        },
    )
    .expect("rt");
    HashMap::from([("rt".to_string(), rt)])
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

#[test]
fn a_callback_falling_due_while_a_helpdesk_is_slow_is_raised_at_its_moment() {
    let w = world("2026-11-20T02:00:00Z");
    let c = w.case("账号被盗", &plain_case());
    // The exclusive agent's callback is due at 02:10.
    callbacks::request(&w.store, &c, "vip_exclusive", w.now(), None, "专属客服").expect("cb");
    w.ticket(&c, "rt", "7");
    let clock = FakeClock::at("2026-11-20T02:09:00Z");
    // The helpdesk answers the poll only when the test says so.
    let (release, gate) = std::sync::mpsc::channel::<()>();
    let gate = Mutex::new(gate);
    let server = loopback(move |_| {
        let _ = gate.lock().expect("gate").recv();
        http("404 Not Found", r#"{"message":"No ticket"}"#)
    });
    let desks = rt_at(&server.base);
    let (shown, early) = std::sync::mpsc::channel::<Vec<String>>();
    let show = move |raised: &[reachright_store::NotificationRow]| {
        let _ = shown.send(raised.iter().map(|n| n.kind.clone()).collect());
    };
    let show: reachright_engine::EarlyAlarms<'_> = &show;
    std::thread::scope(|s| {
        let pass = s.spawn(|| {
            runtime().block_on(reachright_engine::sync_once_with(
                &w.store,
                &desks,
                &clock,
                Some(show),
            ))
        });
        let path = server
            .arrived
            .recv_timeout(Std::from_secs(120))
            .expect("the poll reached the helpdesk");
        assert!(path.contains("/ticket/7"), "{path}");
        // The poll is in flight (the helpdesk has not answered) when the callback falls due.
        clock.advance(Duration::minutes(2));
        let during = early.recv_timeout(Std::from_secs(120));
        release.send(()).expect("release the helpdesk");
        let report = pass.join().expect("pass").expect("sync");
        let during = during.expect("no alarm while the helpdesk was slow");
        assert!(
            during.contains(&"callback_due".to_string()),
            "raised at its moment: {during:?}"
        );
        assert!(
            !kinds(&report).contains(&"callback_due".to_string()),
            "shown once, not again with the pass: {:?}",
            kinds(&report)
        );
        let stored = w.store.notifications(50).expect("list");
        assert_eq!(
            stored.iter().filter(|n| n.kind == "callback_due").count(),
            1
        );
    });
}

#[test]
fn a_reply_on_two_pages_and_two_polls_is_reported_once() {
    let w = world(FRIDAY_5PM);
    let c = w.case("点卡", &plain_case());
    let t = w.ticket(&c, "rt", "7");
    // Every poll: the ticket (a new ETag each time, so the history is read again), then two
    // history pages on which staff reply 301 comes twice (a transaction added while paging
    // shifts the older ones down), then the reply's text.
    let polls = Arc::new(Mutex::new(0u32));
    let seen_polls = polls.clone();
    let server = loopback(move |target| {
        let path = target.split('?').next().unwrap_or("");
        if path.ends_with("/ticket/7") {
            let mut n = seen_polls.lock().expect("polls");
            *n += 1;
            let body = format!(
                r#"{{"Status":"open","Requestor":[{{"id":"me@example.com","type":"user"}}],"n":{n}}}"#
            );
            return http("200 OK", &body);
        }
        if path.ends_with("/ticket/7/history") {
            let item = |id: u32, kind: &str, who: &str| {
                format!(
                    r#"{{"Type":"{kind}","id":"{id}","Creator":{{"id":"{who}","type":"user"}},"Created":"2026-11-20T08:00:00Z"}}"#
                )
            };
            let page = if target.contains("&page=2") {
                format!(
                    r#"{{"page":2,"pages":2,"items":[{},{}]}}"#,
                    item(301, "Correspond", "staff"),
                    item(300, "Create", "me@example.com")
                )
            } else {
                format!(
                    r#"{{"page":1,"pages":2,"items":[{}]}}"#,
                    item(301, "Correspond", "staff")
                )
            };
            return http("200 OK", &page);
        }
        http(
            "200 OK",
            r#"{"items":[{"ContentType":"text/plain","Content":"您好，已为您补发点卡。"}]}"#,
        )
    });
    let desks = rt_at(&server.base);
    let rt = runtime();
    let first = rt
        .block_on(reachright_engine::sync_once(&w.store, &desks, &w.clock))
        .expect("pass");
    let replies = |r: &reachright_engine::SyncReport| {
        r.changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Reply)
            .count()
    };
    assert_eq!(replies(&first), 1, "{:?}", first.changes);
    // The next poll is due: the server sends the same pages again.
    let row = w.store.ticket(t).expect("row");
    w.clock
        .set(parse(row.next_poll_at.as_deref().expect("next")).expect("t"));
    let second = rt
        .block_on(reachright_engine::sync_once(&w.store, &desks, &w.clock))
        .expect("pass");
    assert_eq!(*polls.lock().expect("polls"), 2, "polled twice");
    assert_eq!(replies(&second), 0, "{:?}", second.changes);
    let on_timeline = w
        .store
        .timeline(&c)
        .expect("timeline")
        .into_iter()
        .filter(|e| e.kind == "ticket_reply")
        .count();
    assert_eq!(on_timeline, 1);
}
