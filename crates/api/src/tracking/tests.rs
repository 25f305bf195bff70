//! The tracking screens against a real store (and vault) in a temporary folder, with
//! keyring-core's in-memory keychain and a recording helpdesk.

use crate::Call;
use std::sync::{Arc, Mutex, Once};

use chrono::{DateTime, Duration, FixedOffset};
use reachright_connectors::{Created, Cursor, Helpdesk, NewTicket, Poll};
use reachright_core::Lang;
use reachright_engine::{secrets, FakeClock};
use reachright_store::Store;
use reachright_vault::{Unlock, Vault};

use crate::tracking::*;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-20T15:00:00+08:00").expect("now")
}

pub(crate) fn keychain() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| secrets::use_mock_keychain().expect("mock keychain"));
}

const STORY: &str = "订单号20261120001,今天下午2点半买了100元的游戏点卡,付款成功了但是一直没到账";

struct Fixture {
    dir: tempfile::TempDir,
    store: Arc<Store>,
    vault: Vault,
    case_id: String,
}

fn fixture() -> Fixture {
    keychain();
    let dir = tempfile::tempdir().expect("tmp");
    let store = Arc::new(Store::open(dir.path()).expect("store"));
    let unlock = Unlock {
        keychain: Some(keyring_core::mock::Store::new().expect("mock")),
        ..Unlock::default()
    };
    let (vault, _) = Vault::open(store.clone(), &unlock).expect("vault");
    let case = crate::evidence::create_from_story(&Call::new(&store, now(), Lang::Zh), STORY)
        .expect("case");
    Fixture {
        dir,
        store,
        vault,
        case_id: case.summary.id,
    }
}

/// A ticket the user submitted on the platform's site and types in by hand.
fn open_manual_ticket(remote_id: &str) -> ManualTicketForm {
    ManualTicketForm {
        helpdesk: None,
        remote_id: remote_id.into(),
        status: "open".into(),
        url: String::new(),
    }
}

/// Accepts every ticket and keeps what it was sent.
#[derive(Default)]
struct Recorder(Mutex<Vec<NewTicket>>);

impl Helpdesk for Recorder {
    async fn create_ticket(&self, t: &NewTicket) -> reachright_connectors::Result<Created> {
        let mut sent = self.0.lock().expect("lock");
        sent.push(t.clone());
        Ok(Created {
            id: format!("{}", 100 + sent.len()),
            url: Some("https://help.example.com/t/101".into()),
        })
    }
    async fn poll(&self, _: &str, c: &Cursor) -> reachright_connectors::Result<Poll> {
        Ok(Poll {
            changed: false,
            updates: Vec::new(),
            cursor: c.clone(),
        })
    }
    async fn reply(&self, _: &str, _: &str) -> reachright_connectors::Result<()> {
        Ok(())
    }
}

fn rt_form(name: &str, token: Option<&str>) -> HelpdeskForm {
    HelpdeskForm {
        name: name.into(),
        kind: "rt".into(),
        url: "https://rt.example.com/".into(),
        queue: Some("General".into()),
        email: Some("me@example.com".into()),
        token: token.map(Into::into),
    }
}

#[test]
fn helpdesk_tokens_go_to_the_keychain_only() {
    let f = fixture();
    let v = helpdesks::add(
        &Call::new(&f.store, now(), Lang::Zh),
        &rt_form("rt-a", Some(" s3cr3t-token \n")),
    )
    .expect("add");
    assert_eq!(v.url, "https://rt.example.com");
    assert_eq!(v.kind.label, "Request Tracker");
    assert!(v.needs_token);
    assert_eq!(v.token_saved, Some(true));
    assert_eq!(
        secrets::token("rt-a").expect("read").as_deref(),
        Some("s3cr3t-token")
    );
    // Nowhere in the data folder.
    for entry in std::fs::read_dir(f.store.dir()).expect("dir") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            let bytes = std::fs::read(&path).expect("read");
            assert!(
                !String::from_utf8_lossy(&bytes).contains("s3cr3t-token"),
                "{path:?}"
            );
        }
    }
    // Updating without a token keeps the saved one; a new name needs one.
    let mut changed = rt_form("rt-a", None);
    changed.queue = Some("VIP".into());
    assert_eq!(
        helpdesks::add(&Call::new(&f.store, now(), Lang::Zh), &changed)
            .expect("update")
            .queue
            .as_deref(),
        Some("VIP")
    );
    let e = helpdesks::add(
        &Call::new(&f.store, now(), Lang::Zh),
        &rt_form("rt-b", None),
    )
    .expect_err("no token");
    assert_eq!((e.code(), e.field()), ("invalid_field", Some("token")));
    assert!(secrets::token("rt-b").expect("read").is_none());
    // A bad address is refused before the keychain is touched.
    let mut bad = rt_form("rt-c", Some("t"));
    bad.url = "ftp://x".into();
    assert!(helpdesks::add(&Call::new(&f.store, now(), Lang::Zh), &bad).is_err());
    assert!(secrets::token("rt-c").expect("read").is_none());
    // Manual needs no token.
    let m = HelpdeskForm {
        name: "电话".into(),
        kind: "manual".into(),
        ..HelpdeskForm::default()
    };
    let mv = helpdesks::add(&Call::new(&f.store, now(), Lang::Zh), &m).expect("manual");
    assert_eq!((mv.kind.label.as_str(), mv.token_saved), ("手动记录", None));
    assert_eq!(
        helpdesks::list(&Call::new(&f.store, now(), Lang::En))
            .expect("list")
            .len(),
        2
    );
    helpdesks::remove(&f.store, "rt-a").expect("remove");
    assert!(secrets::token("rt-a").expect("read").is_none());
    assert_eq!(
        helpdesks::list(&Call::new(&f.store, now(), Lang::Zh))
            .expect("list")
            .len(),
        1
    );
    let json = serde_json::to_string(
        &helpdesks::list(&Call::new(&f.store, now(), Lang::Zh)).expect("list"),
    )
    .expect("json");
    assert!(!json.contains("token\":\""));
}

/// A real PNG with an `eXIf` chunk holding a GPS IFD (the latitude's hemisphere).
fn png_with_gps() -> Vec<u8> {
    let mut plain = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(6, 4, image::Rgb([9, 8, 7]))
        .write_to(&mut plain, image::ImageFormat::Png)
        .expect("png");
    let plain = plain.into_inner();
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&1u16.to_be_bytes());
    tiff.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26]);
    tiff.extend_from_slice(&0u32.to_be_bytes());
    tiff.extend_from_slice(&1u16.to_be_bytes());
    tiff.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    tiff.extend_from_slice(&0u32.to_be_bytes());
    let mut chunk = u32::try_from(tiff.len())
        .expect("len")
        .to_be_bytes()
        .to_vec();
    chunk.extend_from_slice(b"eXIf");
    chunk.extend_from_slice(&tiff);
    let mut crc = flate2_crc(&chunk[4..]);
    chunk.append(&mut crc);
    let ihdr_end = 8 + 12 + 13;
    [&plain[..ihdr_end], &chunk, &plain[ihdr_end..]].concat()
}

fn flate2_crc(data: &[u8]) -> Vec<u8> {
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 == 1 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    (!c).to_be_bytes().to_vec()
}

/// Issue 10: evidence attached to a ticket went to the helpdesk as stored, GPS and all. It now
/// goes through the export's removal: a photo leaves without its location, and one whose
/// location cannot be removed (a HEIC) is not sent but listed with why.
#[tokio::test]
async fn attached_photos_lose_their_location_or_are_not_sent() {
    let f = fixture();
    let call = Call::new(&f.store, now(), Lang::En);
    helpdesks::add(&call, &rt_form("rt-g", Some("tok"))).expect("add");
    let gps = f.dir.path().join("付款截图.png");
    std::fs::write(&gps, png_with_gps()).expect("write");
    assert!(reachright_vault::strip::has_gps(
        &std::fs::read(&gps).expect("read")
    ));
    let heic = f.dir.path().join("实拍.heic");
    std::fs::write(&heic, b"\0\0\0\x18ftypheic\0\0\0\0mif1heic\0\0\0\x08meta").expect("write");
    for p in [&gps, &heic] {
        f.vault
            .import(
                &f.case_id,
                reachright_vault::Source::File(p),
                &reachright_vault::ImportOptions::default(),
                now().with_timezone(&chrono::Utc),
            )
            .expect("import");
    }
    let desk = Recorder::default();
    let out = tickets::create_on(&call, Some(&f.vault), "rt-g", &desk, &f.case_id)
        .await
        .expect("create");
    assert_eq!(out.attached, ["付款截图.png"]);
    assert_eq!(out.location_removed, ["付款截图.png"]);
    let sent = desk.0.lock().expect("lock").clone();
    assert_eq!(sent[0].attachments.len(), 1);
    assert!(!reachright_vault::strip::has_gps(
        &sent[0].attachments[0].bytes
    ));
    assert!(image::load_from_memory(&sent[0].attachments[0].bytes).is_ok());
    assert_eq!(out.skipped.len(), 1);
    let s = &out.skipped[0];
    assert_eq!(
        (s.name.as_str(), s.code.as_str()),
        ("实拍.heic", "location_not_removed")
    );
    assert!(s.reason.contains("HEIC"), "{}", s.reason);
}

#[tokio::test]
async fn a_ticket_carries_the_evidence_within_20_mb() {
    let f = fixture();
    helpdesks::add(
        &Call::new(&f.store, now(), Lang::Zh),
        &rt_form("rt-t", Some("tok")),
    )
    .expect("add");
    let small = f.dir.path().join("付款截图.txt");
    std::fs::write(&small, "微信付款 100 元").expect("write");
    let big = f.dir.path().join("录屏.bin");
    std::fs::write(&big, vec![7u8; 21 * 1024 * 1024]).expect("write");
    for p in [&small, &big] {
        f.vault
            .import(
                &f.case_id,
                reachright_vault::Source::File(p),
                &reachright_vault::ImportOptions::default(),
                now().with_timezone(&chrono::Utc),
            )
            .expect("import");
    }
    let desk = Recorder::default();
    let out = tickets::create_on(
        &Call::new(&f.store, now(), Lang::Zh),
        Some(&f.vault),
        "rt-t",
        &desk,
        &f.case_id,
    )
    .await
    .expect("create");
    assert_eq!(out.attached, ["付款截图.txt"]);
    assert_eq!(out.skipped.len(), 1);
    assert_eq!(
        (out.skipped[0].name.as_str(), out.skipped[0].code.as_str()),
        ("录屏.bin", "too_large")
    );
    let sent = desk.0.lock().expect("lock").clone();
    assert_eq!(sent[0].attachments[0].bytes, "微信付款 100 元".as_bytes());
    assert!(
        sent[0].subject.contains("20261120001"),
        "{}",
        sent[0].subject
    );
    assert_eq!(sent[0].requester.as_deref(), Some("me@example.com"));
    let t = &out.ticket;
    assert_eq!(
        (t.remote_id.as_str(), t.manual, t.status.is_none()),
        ("101", false, true)
    );
    assert!(t.next_sync_at.is_some());

    // Without the vault the ticket still goes, and says so.
    let out = tickets::create_on(
        &Call::new(&f.store, now(), Lang::En),
        None,
        "rt-t",
        &desk,
        &f.case_id,
    )
    .await
    .expect("create");
    assert_eq!(out.skipped[0].code, "vault_locked");

    let panel =
        panel::case_panel(&Call::new(&f.store, now(), Lang::Zh), &f.case_id).expect("panel");
    assert_eq!(panel.tickets.len(), 2);
    assert_eq!(panel.helpdesks.len(), 1);
    assert!(panel
        .deadlines
        .iter()
        .any(|d| d.kind.code == DeadlineKind::TicketSla && !d.passed));
    assert_eq!(panel.vip_callback_minutes, 10);
    assert_eq!(panel.manual_statuses.len(), 5);
    // The real connector needs its token; a manual helpdesk cannot open tickets.
    assert!(tickets::connect(&f.store, "rt-t").is_ok());
    assert!(tickets::connect(&f.store, "nope").is_err());
}

#[tokio::test]
async fn manual_tickets_are_recorded_and_set_by_hand() {
    let f = fixture();
    let form = ManualTicketForm {
        helpdesk: None,
        remote_id: " A-778 ".into(),
        status: "open".into(),
        url: "https://kf.example.com/t/A-778".into(),
    };
    let t = tickets::record_manual(&Call::new(&f.store, now(), Lang::Zh), &f.case_id, &form)
        .await
        .expect("record");
    assert_eq!(t.remote_id, "A-778");
    assert!(t.manual);
    assert_eq!(t.helpdesk, "manual");
    assert_eq!(t.status.as_ref().map(|s| s.label.as_str()), Some("处理中"));
    assert_eq!(t.url.as_deref(), Some("https://kf.example.com/t/A-778"));
    assert!(t.next_sync_at.is_none());
    let t =
        tickets::set_status(&Call::new(&f.store, now(), Lang::En), t.id, "resolved").expect("set");
    assert_eq!(t.status.expect("status").label, "resolved");
    assert!(tickets::set_status(&Call::new(&f.store, now(), Lang::En), t.id, "bogus").is_err());
    let empty = ManualTicketForm::default();
    let e = tickets::record_manual(&Call::new(&f.store, now(), Lang::Zh), &f.case_id, &empty)
        .await
        .expect_err("empty");
    assert_eq!(e.field(), Some("remote_id"));
    // A synced ticket's status is not set by hand.
    helpdesks::add(
        &Call::new(&f.store, now(), Lang::Zh),
        &rt_form("rt-m", Some("tok")),
    )
    .expect("add");
    let rt = tickets::create_on(
        &Call::new(&f.store, now(), Lang::Zh),
        None,
        "rt-m",
        &Recorder::default(),
        &f.case_id,
    )
    .await
    .expect("create");
    assert!(tickets::set_status(
        &Call::new(&f.store, now(), Lang::Zh),
        rt.ticket.id,
        "closed"
    )
    .is_err());
}

/// Stops a ticket as the tracker would after a poll that failed with `why`.
fn stop_ticket(store: &Store, id: i64, why: &str) {
    store
        .apply_ticket_poll(&reachright_store::TicketPoll {
            ticket_id: id,
            at: "2026-11-20T06:00:00Z".into(),
            status: None,
            cursor_json: None,
            next_poll_at: None,
            failures: 1,
            last_error: Some(why.into()),
            stopped: Some(why.into()),
            replied_at: None,
            clear_marks: Vec::new(),
            events: Vec::new(),
            notifications: Vec::new(),
            read: None,
        })
        .expect("stop");
}

#[test]
fn stopped_tickets_resume_by_hand_and_when_the_helpdesk_is_fixed() {
    let f = fixture();
    helpdesks::add(
        &Call::new(&f.store, now(), Lang::Zh),
        &rt_form("rt-s", Some("tok")),
    )
    .expect("add");
    let mut ids = Vec::new();
    for (n, why) in ["auth", "not_found", "invalid", "closed"]
        .iter()
        .enumerate()
    {
        let t = f
            .store
            .add_ticket(&reachright_store::NewTicket {
                case_id: f.case_id.clone(),
                helpdesk: "rt-s".into(),
                remote_id: format!("{}", 200 + n),
                url: None,
                subject: "s".into(),
                submitted_at: "2026-11-20T05:00:00Z".into(),
                status: Some("open".into()),
                next_poll_at: Some("2026-11-20T05:10:00Z".into()),
            })
            .expect("ticket");
        stop_ticket(&f.store, t.id, why);
        ids.push(t.id);
    }
    // "重新检查" on one ticket: polled at once, the problem gone.
    let v = panel::ticket_view(
        &Call::new(&f.store, now(), Lang::Zh),
        &f.store.ticket(ids[1]).expect("t"),
    )
    .expect("view");
    assert_eq!(v.problem_code.as_deref(), Some("not_found"));
    let v = tickets::resume(&Call::new(&f.store, now(), Lang::Zh), ids[1]).expect("resume");
    assert_eq!(v.problem_code, None);
    assert_eq!(v.next_sync_at.as_deref(), Some("2026-11-20T07:00:00Z"));
    stop_ticket(&f.store, ids[1], "not_found");
    assert_eq!(
        tickets::resume(&Call::new(&f.store, now(), Lang::Zh), 9999)
            .expect_err("missing")
            .code(),
        "not_found"
    );
    // Correcting the address (on the same origin: another one needs the token again) without
    // re-entering the token resumes auth/not_found/invalid, never a closed ticket.
    let mut fixed = rt_form("rt-s", None);
    fixed.url = "https://rt.example.com/rt".into();
    helpdesks::add(&Call::new(&f.store, now(), Lang::Zh), &fixed).expect("update");
    let stopped: Vec<Option<String>> = ids
        .iter()
        .map(|id| f.store.ticket(*id).expect("t").stopped)
        .collect();
    assert_eq!(stopped, [None, None, None, Some("closed".to_string())]);
}

#[tokio::test]
async fn a_manual_ticket_is_not_resumed() {
    let f = fixture();
    let form = open_manual_ticket("A-1");
    let t = tickets::record_manual(&Call::new(&f.store, now(), Lang::Zh), &f.case_id, &form)
        .await
        .expect("record");
    let e = tickets::resume(&Call::new(&f.store, now(), Lang::Zh), t.id).expect_err("manual");
    assert_eq!((e.code(), e.field()), ("invalid_field", Some("ticket")));
}

/// "等待回电" from the home screen: no story needed; a case titled after the wait, waiting, with
/// the countdown running. A form the callback refuses opens nothing.
#[test]
fn a_callback_awaited_without_a_case_opens_one_titled_after_the_wait() {
    let f = fixture();
    let call = Call::new(&f.store, now(), Lang::Zh);
    let before = f.store.list_cases().expect("cases").len();
    let form = CallbackForm {
        channel: "vip_exclusive".into(),
        promise_minutes: Some(10),
        ..CallbackForm::default()
    };
    let awaited = callbacks::await_call(&call, None, &form).expect("await");
    let case = f.store.get_case(&awaited.case_id).expect("case");
    let name = reachright_core::PlatformProfile::default().name;
    assert_eq!(case.title, format!("等待{name}回电"));
    assert_eq!(case.status, "waiting");
    assert_eq!(awaited.callback.seconds_left, 600);
    let line = callbacks::tray_line(&call).expect("tray").expect("line");
    assert!(line.contains("等待"), "{line}");
    // The case page reads like any other (the story can follow).
    crate::cases::detail(&call, &awaited.case_id).expect("detail");

    for bad in [
        CallbackForm {
            channel: " ".into(),
            ..form.clone()
        },
        CallbackForm {
            requested_at: "yesterday".into(),
            ..form.clone()
        },
    ] {
        assert!(callbacks::await_call(&call, None, &bad).is_err());
    }
    assert_eq!(
        f.store.list_cases().expect("cases").len(),
        before + 1,
        "no case for a refused form"
    );
}

#[test]
fn callbacks_count_down_and_close_with_an_outcome() {
    let f = fixture();
    let form = CallbackForm {
        channel: "vip_exclusive".into(),
        promise_minutes: None,
        requested_at: String::new(),
        note: "专属客服".into(),
    };
    let cb = callbacks::request(&Call::new(&f.store, now(), Lang::Zh), &f.case_id, &form)
        .expect("request");
    assert_eq!((cb.seconds_left, cb.state.code.as_str()), (600, "waiting"));
    assert_eq!(cb.due_at, "2026-11-20T07:10:00Z");
    let line = callbacks::tray_line(&Call::new(&f.store, now(), Lang::Zh))
        .expect("tray")
        .expect("line");
    assert!(line.starts_with("回电倒计时 10 分钟"), "{line}");
    let later = now() + Duration::minutes(25);
    let late = callbacks::tray_line(&Call::new(&f.store, later, Lang::En))
        .expect("tray")
        .expect("line");
    assert!(late.starts_with("Callback late by 15 min"), "{late}");
    let typed = CallbackForm {
        channel: "hotline".into(),
        promise_minutes: Some(120),
        requested_at: "2026-11-20T14:30".into(),
        note: String::new(),
    };
    let cb2 = callbacks::request(&Call::new(&f.store, now(), Lang::Zh), &f.case_id, &typed)
        .expect("typed");
    assert_eq!(cb2.due_at, "2026-11-20T08:30:00Z");
    let bad = CallbackForm {
        requested_at: "yesterday".into(),
        ..typed.clone()
    };
    assert_eq!(
        callbacks::request(&Call::new(&f.store, now(), Lang::Zh), &f.case_id, &bad)
            .expect_err("bad")
            .field(),
        Some("requested_at")
    );
    let done = callbacks::log_outcome(
        &Call::new(&f.store, later, Lang::Zh),
        cb.id,
        "called",
        "已补发",
    )
    .expect("outcome");
    assert_eq!(done.state.code, "done");
    assert_eq!(done.outcome.expect("outcome").label, "已回电");
    assert!(
        callbacks::log_outcome(&Call::new(&f.store, later, Lang::Zh), cb.id, "missed", "").is_err()
    );
    let panel =
        panel::case_panel(&Call::new(&f.store, later, Lang::Zh), &f.case_id).expect("panel");
    assert_eq!(panel.callbacks.len(), 2);
    assert_eq!(panel.callbacks[0].state.code, "done");
    assert_eq!(panel.callback_outcomes.len(), 3);
}

#[tokio::test]
async fn order_watches_notify_and_open_a_case() {
    let f = fixture();
    let form = OrderWatchForm {
        order_id: "DD-9".into(),
        product: "月卡".into(),
        amount: "30".into(),
        platform_id: None,
        paid_at: "2026-11-20T14:50".into(),
        within_minutes: 15,
    };
    let w = orders::watch(&Call::new(&f.store, now(), Lang::Zh), &form).expect("watch");
    assert_eq!((w.state.label.as_str(), w.seconds_left), ("等待到账", 300));
    assert!(orders::watch(
        &Call::new(&f.store, now(), Lang::Zh),
        &OrderWatchForm {
            within_minutes: 0,
            ..form.clone()
        }
    )
    .is_err());
    let other = orders::watch(&Call::new(&f.store, now(), Lang::Zh), &form).expect("watch 2");
    assert_eq!(
        orders::list(&Call::new(&f.store, now(), Lang::Zh))
            .expect("list")
            .len(),
        2
    );
    assert_eq!(
        orders::confirm(&Call::new(&f.store, now(), Lang::Zh), other.id)
            .expect("confirm")
            .state
            .code,
        "delivered"
    );

    // The tracker's pass raises "not delivered", kept in the in-app list.
    let clock = FakeClock::new((now() + Duration::minutes(10)).with_timezone(&chrono::Utc));
    let desks: std::collections::HashMap<String, Recorder> = Default::default();
    let report = reachright_engine::sync_once(&f.store, &desks, &clock)
        .await
        .expect("sync");
    assert_eq!(report.notifications.len(), 1);
    let list = notifications::list(&Call::new(&f.store, now(), Lang::Zh)).expect("list");
    assert_eq!(list.unread, 1);
    let n = &list.items[0];
    assert_eq!(
        (n.kind.code.code(), n.order_watch_id),
        ("order_late", Some(w.id))
    );
    assert_eq!(n.kind.label, "订单未按时到账");
    assert_eq!(notifications::mark_read(&f.store, n.id).expect("read"), 0);

    let detail = orders::open_case(
        &Call::new(&f.store, now() + Duration::minutes(12), Lang::Zh),
        w.id,
    )
    .expect("case");
    assert_ne!(detail.summary.id, f.case_id);
    let all = f.store.open_order_watches().expect("open");
    assert!(all.is_empty());
}

#[test]
fn notification_list_and_prefs() {
    let f = fixture();
    let raised = f
        .store
        .raise_notifications(&[
            reachright_store::NewNotification {
                at: "2026-11-20T06:00:00Z".into(),
                kind: "staff_reply".into(),
                case_id: Some(f.case_id.clone()),
                title: "点卡未到账".into(),
                body: "客服回复:已补发".into(),
                data_json: None,
                mark: None,
            },
            reachright_store::NewNotification {
                at: "2026-11-20T06:05:00Z".into(),
                kind: "status_change".into(),
                case_id: Some(f.case_id.clone()),
                title: "点卡未到账".into(),
                body: "工单 #1 状态:已解决".into(),
                data_json: None,
                mark: None,
            },
        ])
        .expect("raise");
    assert_eq!(raised.len(), 2);
    let list = notifications::list(&Call::new(&f.store, now(), Lang::En)).expect("list");
    assert_eq!(list.unread, 2);
    assert_eq!(
        list.items[0].kind.code.code(),
        "status_change",
        "newest first"
    );
    assert_eq!(
        list.items[0].body, "工单 #1 状态:已解决",
        "kept in one language: shown as raised"
    );
    assert_eq!(notifications::mark_all_read(&f.store).expect("all"), 0);
    assert!(notifications::list(&Call::new(&f.store, now(), Lang::Zh))
        .expect("list")
        .items
        .iter()
        .all(|n| n.read));

    let p = notifications::prefs(&Call::new(&f.store, now(), Lang::Zh)).expect("prefs");
    assert_eq!(p.kinds.len(), 8);
    assert!(p.kinds.iter().all(|k| k.enabled));
    let p = notifications::save_prefs(
        &Call::new(&f.store, now(), Lang::Zh),
        &["staff_reply".into(), "callback_due".into()],
    )
    .expect("save");
    assert_eq!(p.kinds.iter().filter(|k| k.enabled).count(), 2);
    assert!(!reachright_engine::Prefs::load(&f.store)
        .expect("load")
        .wants(reachright_engine::Kind::StatusChange));
    let e = notifications::save_prefs(&Call::new(&f.store, now(), Lang::Zh), &["fax".into()])
        .expect_err("bad");
    assert_eq!(e.field(), Some("kinds"));
}

/// A notification raised while the app was in English reads in Chinese once the user switches: the
/// list shows the language of now, not of the moment it was raised.
#[tokio::test]
async fn the_list_speaks_the_language_of_now() {
    let f = fixture();
    let form = open_manual_ticket("A-1");
    tickets::record_manual(&Call::new(&f.store, now(), Lang::En), &f.case_id, &form)
        .await
        .expect("record");
    let later = (now() + chrono::Duration::days(30)).to_utc();
    let raised = reachright_engine::check_due(&f.store, later, Lang::En).expect("due");
    assert!(!raised.is_empty(), "a month later, a deadline has passed");
    let title = f.store.get_case(&f.case_id).expect("case").title;
    let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    for lang in Lang::ALL {
        let list = notifications::list(&Call::new(&f.store, now(), lang)).expect("list");
        for r in &raised {
            let shown = list.items.iter().find(|n| n.id == r.id).expect("listed");
            assert_eq!(shown.title, title, "a case's own title is never translated");
            match lang {
                Lang::Zh | Lang::ZhHant => {
                    assert!(cjk(&shown.body) && shown.body != r.body, "{}", shown.body)
                }
                Lang::En => assert_eq!(shown.body, r.body, "raised in English"),
            }
        }
    }
    assert!(
        raised.iter().all(|r| !cjk(&r.body)),
        "the OS was shown English"
    );
}

#[test]
fn moving_a_helpdesk_to_another_origin_asks_for_the_token_again() {
    let f = fixture();
    let call = Call::new(&f.store, now(), Lang::Zh);
    helpdesks::add(&call, &rt_form("rt-move", Some("moving-token"))).expect("add");
    // Another path on the same origin keeps the token.
    let mut same = rt_form("rt-move", None);
    same.url = "https://rt.example.com:443/rt".into();
    assert_eq!(
        helpdesks::add(&call, &same)
            .expect("same origin")
            .token_saved,
        Some(true)
    );
    // Another host without a token: refused, naming both origins, and nothing changed.
    let mut moved = rt_form("rt-move", None);
    moved.url = "https://attacker.example.net".into();
    let e = helpdesks::add(&call, &moved).expect_err("another origin");
    assert_eq!((e.code(), e.field()), ("token_origin", Some("token")));
    let msg = e.to_string();
    assert!(
        msg.contains("saved for https://rt.example.com;")
            && msg.contains("again for https://attacker.example.net"),
        "{msg}"
    );
    assert!(!msg.contains("moving-token"));
    assert_eq!(
        f.store.helpdesk("rt-move").expect("row").url,
        "https://rt.example.com:443/rt"
    );
    // The connector is not built with the old token for the new address either.
    let mut row = f.store.helpdesk("rt-move").expect("row");
    row.url = "https://attacker.example.net".into();
    assert!(matches!(
        reachright_engine::desks::connect(&row),
        Err(reachright_engine::Error::TokenOrigin { .. })
    ));
    // With the token entered again for the new address, it is saved and bound there.
    moved.token = Some("new-token".into());
    let v = helpdesks::add(&call, &moved).expect("moved with a token");
    assert_eq!(v.token_saved, Some(true));
    assert_eq!(
        secrets::token_for("rt-move", "https://attacker.example.net")
            .expect("read")
            .as_deref(),
        Some("new-token")
    );
}

/// A helpdesk whose first answer is lost after it created the ticket (a timeout), and that
/// keeps one ticket per key, as Zendesk's idempotency and RT's look-up before a retry do.
#[derive(Default)]
struct LosesFirstAnswer {
    attempts: Mutex<Vec<reachright_connectors::Attempt>>,
    tickets: Mutex<Vec<String>>,
}

impl Helpdesk for LosesFirstAnswer {
    async fn create_ticket(&self, _: &NewTicket) -> reachright_connectors::Result<Created> {
        panic!("a create must go through create_ticket_once");
    }
    async fn create_ticket_once(
        &self,
        _: &NewTicket,
        attempt: &reachright_connectors::Attempt,
    ) -> reachright_connectors::Result<Created> {
        let first = {
            let mut seen = self.attempts.lock().expect("lock");
            seen.push(attempt.clone());
            seen.len() == 1
        };
        let mut tickets = self.tickets.lock().expect("lock");
        if !tickets.contains(&attempt.key) {
            tickets.push(attempt.key.clone());
        }
        let id = tickets
            .iter()
            .position(|k| k == &attempt.key)
            .expect("kept")
            + 500;
        if first {
            return Err(reachright_connectors::Error::Timeout);
        }
        Ok(Created {
            id: id.to_string(),
            url: None,
        })
    }
    async fn poll(&self, _: &str, c: &Cursor) -> reachright_connectors::Result<Poll> {
        Ok(Poll::unchanged(c))
    }
    async fn reply(&self, _: &str, _: &str) -> reachright_connectors::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn a_create_retried_after_a_lost_answer_opens_one_ticket() {
    let f = fixture();
    let call = Call::new(&f.store, now(), Lang::Zh);
    helpdesks::add(&call, &rt_form("rt-once", Some("tok"))).expect("add");
    let desk = LosesFirstAnswer::default();
    let lost = tickets::create_on(&call, None, "rt-once", &desk, &f.case_id).await;
    assert_eq!(lost.map(|_| ()).map_err(|e| e.code()), Err("helpdesk"));
    // The user tries again (later: the pending row survives a restart, it is in the database).
    let later = Call::new(&f.store, now() + Duration::minutes(3), Lang::Zh);
    let out = tickets::create_on(&later, None, "rt-once", &desk, &f.case_id)
        .await
        .expect("retry");
    assert_eq!(out.ticket.remote_id, "500");
    let attempts = desk.attempts.lock().expect("lock").clone();
    assert_eq!(attempts.len(), 2);
    assert_eq!(
        attempts[0].key, attempts[1].key,
        "the same key on the retry"
    );
    assert_eq!((attempts[0].retry, attempts[1].retry), (false, true));
    assert_eq!(
        attempts[1].since, "2026-11-20 06:50:00",
        "the first attempt's moment, UTC, 10 minutes early for clock skew"
    );
    assert_eq!(desk.tickets.lock().expect("lock").len(), 1, "one ticket");
    // Recorded: the next ticket for the case is a new create, with a new key.
    tickets::create_on(&later, None, "rt-once", &desk, &f.case_id)
        .await
        .expect("a second ticket on purpose");
    let attempts = desk.attempts.lock().expect("lock").clone();
    assert_ne!(attempts[2].key, attempts[0].key);
    assert!(!attempts[2].retry);
}
