//! The tracker loop, run by the shell on Tauri's tokio runtime: one `sync_once` pass, the
//! notifications the user wants shown on the desktop (`deliver` honouring `Prefs`), an event so
//! the UI refreshes, then sleep until the pass's `next_wake` (at most 10 minutes) or until a
//! command wakes it ([`crate::AppState::wake_tracker`]).
//!
//! Errors end a pass, never the loop, and are logged by their stable code only (no case titles,
//! ticket texts, URLs or tokens).
//!
//! Each pass runs on the blocking pool, in a task of its own: SQLite, keychain reads and desktop
//! notifications are synchronous, and a panic in a pass is a failed pass (logged, retried with
//! [`backoff`]), never the end of tracking.
//!
//! Where the platform supports notification actions (Linux), a shown notification gets a
//! default action and a thread waiting for it, at most [`MAX_WAITING`] at once: a click brings
//! the window forward and emits [`OPEN_CASE`] naming the case.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use reachright_cases::tracking::{OpenRequest, TrackerChanged};
use reachright_connectors::AnyHelpdesk;
use reachright_store::{NotificationRow, Store};
use reachright_tracker::{desks, Notifier, Prefs, SystemClock};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::state::AppState;

/// Emitted after a pass that raised notifications or saw changes: payload [`TrackerChanged`].
pub const CHANGED: &str = "tracker://changed";
/// Emitted when the user clicks a desktop notification: payload [`OpenRequest`].
pub const OPEN_CASE: &str = "tracker://open-case";
/// The longest sleep: tickets and callbacks added by the CLI meanwhile are picked up by then.
pub const MAX_SLEEP: Duration = Duration::from_secs(10 * 60);

fn log(what: &str) {
    eprintln!("ReachRight tracker: {what}");
}

/// Choose the OS keychain for helpdesk tokens, once per process: the Secret Service on Linux
/// (the tracker's own setup), the platform stores the vault uses elsewhere (macOS Keychain,
/// Windows Credential Manager).
pub fn use_os_keychain() -> Result<(), String> {
    #[cfg(target_os = "linux")]
    {
        reachright_tracker::secrets::use_os_keychain().map_err(|e| e.code().to_string())
    }
    #[cfg(not(target_os = "linux"))]
    {
        let store = reachright_vault::keys::system_keychain().map_err(|e| e.code().to_string())?;
        keyring_core::set_default_store(store);
        Ok(())
    }
}

/// Longest wait between attempts while the keychain is missing, since tickets due for a poll
/// then stay due: alarms are still raised on time (to the minute), without spinning.
pub const NO_KEYCHAIN_MIN_SLEEP: Duration = Duration::from_secs(60);

/// The wait after the `failures`-th pass in a row that failed or panicked: 30 s, doubling,
/// at most [`MAX_SLEEP`].
pub fn backoff(failures: u32) -> Duration {
    let secs = 30u64.saturating_mul(1u64 << failures.saturating_sub(1).min(10));
    Duration::from_secs(secs).min(MAX_SLEEP)
}

/// Make sure this process has chosen its keychain (the OS one), once: a command that needs a
/// token before the loop's first pass (`helpdesk_add` right after start-up) sets it up itself.
/// A store already chosen (the OS one, or the mock one in tests) is kept.
pub fn ensure_keychain() -> Result<(), String> {
    ensure_keychain_with(use_os_keychain)
}

/// [`ensure_keychain`] with the set-up to run when none is chosen yet.
pub fn ensure_keychain_with(setup: impl FnOnce() -> Result<(), String>) -> Result<(), String> {
    static SETUP: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one_at_a_time = SETUP
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if keyring_core::get_default_store().is_some() {
        return Ok(());
    }
    setup()
}

/// Start the loop (from `setup`).
pub fn spawn<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move { run(app).await });
}

async fn run<R: Runtime>(app: AppHandle<R>) {
    let (store, wake) = {
        let state = app.state::<AppState>();
        (state.store.clone(), state.tracker_wake.clone())
    };
    let mut keychain_said = false;
    let mut failures: u32 = 0;
    loop {
        let keychain = match tauri::async_runtime::spawn_blocking(ensure_keychain).await {
            Ok(Ok(())) => true,
            Ok(Err(code)) => {
                if !keychain_said {
                    keychain_said = true;
                    log(&format!(
                        "no keychain ({code}): helpdesks with tokens wait; alarms continue"
                    ));
                }
                false
            }
            Err(_) => false,
        };
        // The pass runs on the blocking pool (SQLite, the keychain and D-Bus are synchronous;
        // the helpdesks' HTTP is driven from there), in a task of its own: a panic ends that
        // pass only, as a failed pass.
        let (a, s) = (app.clone(), store.clone());
        let outcome = isolated(move || pass(&a, &s, keychain)).await;
        let wait = match outcome {
            Ok(next) => {
                failures = 0;
                next.map_or(MAX_SLEEP, |t| {
                    (t - Utc::now()).to_std().unwrap_or_default().min(MAX_SLEEP)
                })
            }
            Err(code) => {
                failures = failures.saturating_add(1);
                let wait = backoff(failures);
                log(&format!(
                    "pass failed ({code}); trying again in {} s",
                    wait.as_secs()
                ));
                wait
            }
        };
        let a = app.clone();
        let _ = tauri::async_runtime::spawn_blocking(move || crate::tray::refresh(&a)).await;
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            () = wake.notified() => {}
        }
    }
}

/// Runs `work` on the blocking pool in a task of its own; a panic comes back as the error
/// `panic` (its message is not repeated: it may name a case or a ticket).
pub async fn isolated<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .unwrap_or_else(|_| Err("panic".to_string()))
}

/// The connectors by helpdesk name; `None` while tokens cannot be read (no keychain): then the
/// pass raises alarms only, so a locked keychain never stops every ticket.
fn connect(store: &Store, keychain: bool) -> Result<Option<HashMap<String, AnyHelpdesk>>, String> {
    let rows = store.helpdesks().map_err(|e| e.code().to_string())?;
    if rows.iter().any(desks::needs_token) && !keychain {
        return Ok(None);
    }
    match desks::connect_all(store) {
        Ok(c) => {
            if !c.unusable.is_empty() {
                log(&format!(
                    "{} helpdesks not usable (no token or bad settings)",
                    c.unusable.len()
                ));
            }
            Ok(Some(c.desks))
        }
        Err(reachright_tracker::Error::Keychain(_)) => Ok(None),
        Err(e) => Err(e.code().to_string()),
    }
}

/// One pass, on a blocking-pool thread; answers when to wake next.
fn pass<R: Runtime>(
    app: &AppHandle<R>,
    store: &Arc<Store>,
    keychain: bool,
) -> Result<Option<DateTime<Utc>>, String> {
    let desks = connect(store, keychain)?;
    let (notes, changed, next) = match desks {
        Some(desks) => {
            let report = tauri::async_runtime::block_on(reachright_tracker::sync_once(
                store,
                &desks,
                &SystemClock,
            ))
            .map_err(|e| e.code().to_string())?;
            let cases: BTreeSet<String> = report.changes.iter().map(|c| c.case.clone()).collect();
            (report.notifications, cases, report.next_wake)
        }
        None => {
            let now = Utc::now();
            let lang = reachright_cases::settings::lang(store).unwrap_or(reachright_core::Lang::Zh);
            let notes = reachright_tracker::check_due(store, now, lang)
                .map_err(|e| e.code().to_string())?;
            (notes, BTreeSet::new(), alarms_only_wake(store, now)?)
        }
    };
    if notes.is_empty() && changed.is_empty() {
        return Ok(next);
    }
    let mut cases = changed;
    cases.extend(notes.iter().filter_map(|n| n.case_id.clone()));
    if !notes.is_empty() {
        let prefs = Prefs::load(store).unwrap_or_default();
        let notifier = Clickable { app: app.clone() };
        let shown = reachright_tracker::deliver(&notifier, &prefs, &notes);
        if !shown.failed.is_empty() {
            log(&format!(
                "{} desktop notifications not shown (no notification service?); they are in the app's list",
                shown.failed.len()
            ));
        }
    }
    let unread = store.unread_notifications().unwrap_or(0);
    let _ = app.emit(
        CHANGED,
        TrackerChanged {
            unread,
            cases: cases.into_iter().collect(),
        },
    );
    Ok(next)
}

/// When to wake while tokens cannot be read: the next alarm (a callback due in 3 minutes wakes
/// the loop then, not after [`MAX_SLEEP`]); tickets due for a poll stay due meanwhile, so the
/// wait is at least [`NO_KEYCHAIN_MIN_SLEEP`] (the keychain is asked again at each wake).
pub fn alarms_only_wake(
    store: &Store,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, String> {
    let next = reachright_tracker::next_wake(store, now).map_err(|e| e.code().to_string())?;
    let floor = now + chrono::Duration::from_std(NO_KEYCHAIN_MIN_SLEEP).unwrap_or_default();
    Ok(next.map(|t| t.max(floor)))
}

/// What a click on notification `n` asks the UI to show.
pub fn open_request(n: &NotificationRow) -> OpenRequest {
    let order_watch_id = n
        .data_json
        .as_deref()
        .and_then(|d| serde_json::from_str::<serde_json::Value>(d).ok())
        .and_then(|d| d.get("order_watch_id").and_then(serde_json::Value::as_i64));
    OpenRequest {
        case_id: n.case_id.clone(),
        notification_id: n.id,
        order_watch_id,
    }
}

/// The user clicked a notification: window forward, then the UI opens the case.
pub fn open<R: Runtime>(app: &AppHandle<R>, req: &OpenRequest) {
    crate::tray::show_main(app);
    let _ = app.emit(OPEN_CASE, req);
}

/// The desktop notifier, with a click action where the platform has one.
struct Clickable<R: Runtime> {
    #[cfg_attr(not(target_os = "linux"), allow(dead_code))]
    app: AppHandle<R>,
}

/// The most threads waiting for a click at once. `wait_for_action` returns when the
/// notification is clicked, closed or expires, but some servers never say so for a notification
/// left in their history: beyond this many, notifications are shown without a click action
/// (the in-app list still opens the case).
pub const MAX_WAITING: usize = 8;

/// Counts the threads waiting for a click; a [`Slot`] is one of them, freed when it ends
/// (also by a panic).
pub struct Waiting {
    busy: std::sync::atomic::AtomicUsize,
    max: usize,
}

pub struct Slot<'a>(&'a Waiting);

impl Waiting {
    pub const fn new(max: usize) -> Waiting {
        Waiting {
            busy: std::sync::atomic::AtomicUsize::new(0),
            max,
        }
    }

    /// A slot, or `None` when `max` are taken.
    pub fn take(&self) -> Option<Slot<'_>> {
        use std::sync::atomic::Ordering;
        self.busy
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < self.max).then_some(n + 1)
            })
            .ok()
            .map(|_| Slot(self))
    }

    pub fn busy(&self) -> usize {
        self.busy.load(std::sync::atomic::Ordering::Acquire)
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        self.0
            .busy
            .fetch_sub(1, std::sync::atomic::Ordering::AcqRel);
    }
}

#[cfg(target_os = "linux")]
static WAITING: Waiting = Waiting::new(MAX_WAITING);

#[cfg(target_os = "linux")]
fn server_parses_markup() -> bool {
    static MARKUP: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *MARKUP.get_or_init(reachright_tracker::desktop::server_parses_markup)
}

impl<R: Runtime> Notifier for Clickable<R> {
    #[cfg(target_os = "linux")]
    fn notify(&self, n: &NotificationRow) -> Result<(), String> {
        let mut note = reachright_tracker::desktop::notification(n, server_parses_markup());
        let slot = WAITING.take();
        if slot.is_some() {
            let lang = self.app.state::<AppState>().lang();
            note.action("default", lang.pick("查看", "Show"));
        }
        let handle = note
            .show()
            .map_err(|e| format!("desktop notification not shown: {e}"))?;
        let Some(slot) = slot else {
            return Ok(());
        };
        let app = self.app.clone();
        let req = open_request(n);
        // Ends when the notification is clicked, closed or expires; at most MAX_WAITING at once.
        let _ = std::thread::Builder::new()
            .name("notification-action".into())
            .spawn(move || {
                let _slot = slot;
                handle.wait_for_action(|action| {
                    if action == "default" {
                        open(&app, &req);
                    }
                });
            });
        Ok(())
    }

    #[cfg(not(target_os = "linux"))]
    fn notify(&self, n: &NotificationRow) -> Result<(), String> {
        reachright_tracker::Desktop::new().notify(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_passes_back_off_up_to_the_longest_sleep() {
        let secs: Vec<u64> = (1..=7).map(|n| backoff(n).as_secs()).collect();
        assert_eq!(secs, [30, 60, 120, 240, 480, 600, 600]);
        assert_eq!(backoff(u32::MAX), MAX_SLEEP);
    }

    #[test]
    fn a_panicking_pass_is_a_failed_pass() {
        let out: Result<u8, String> =
            tauri::async_runtime::block_on(isolated(|| panic!("case 订单号 123")));
        assert_eq!(out, Err("panic".to_string()));
        let ok = tauri::async_runtime::block_on(isolated(|| Ok(7u8)));
        assert_eq!(ok, Ok(7));
    }

    #[test]
    fn click_waiters_are_capped() {
        let w = Waiting::new(MAX_WAITING);
        let mut slots: Vec<Slot<'_>> = (0..MAX_WAITING).filter_map(|_| w.take()).collect();
        assert_eq!(slots.len(), MAX_WAITING);
        assert!(w.take().is_none());
        drop(slots.pop());
        assert_eq!(w.busy(), MAX_WAITING - 1);
        let again = w.take();
        assert!(again.is_some());
        assert!(w.take().is_none());
        // A waiter that panics frees its slot too.
        let w = std::sync::Arc::new(Waiting::new(1));
        let w2 = w.clone();
        let _ = std::thread::spawn(move || {
            let _slot = w2.take();
            panic!("no action");
        })
        .join();
        assert_eq!(w.busy(), 0);
    }

    #[test]
    fn the_keychain_is_set_up_once_when_none_was_chosen() {
        keyring_core::unset_default_store();
        let mut calls = 0;
        ensure_keychain_with(|| {
            calls += 1;
            reachright_tracker::secrets::use_mock_keychain().map_err(|e| e.code().to_string())
        })
        .expect("setup");
        assert_eq!(calls, 1);
        ensure_keychain_with(|| panic!("a chosen keychain is kept")).expect("kept");
        reachright_tracker::secrets::save_token("bg-desk", "t").expect("save");
        assert_eq!(
            reachright_tracker::secrets::token("bg-desk")
                .expect("read")
                .as_deref(),
            Some("t")
        );
    }

    #[test]
    fn without_a_keychain_the_next_alarm_wakes_the_loop() {
        let dir = tempfile::tempdir().expect("tmp");
        let store = Store::open(dir.path()).expect("store");
        let now: DateTime<Utc> = "2026-11-20T07:00:00Z".parse().expect("now");
        let local = now.fixed_offset();
        assert_eq!(alarms_only_wake(&store, now).expect("wake"), None);
        let case = reachright_cases::evidence::create_from_story(
            &store,
            "订单号20261120001,付款成功了但是一直没到账",
            local,
            reachright_core::Lang::Zh,
        )
        .expect("case");
        let form = reachright_cases::tracking::CallbackForm {
            channel: "hotline".into(),
            promise_minutes: Some(3),
            requested_at: String::new(),
            note: String::new(),
        };
        reachright_tracking::callbacks::request(
            &store,
            &case.summary.id,
            &form,
            local,
            reachright_core::Lang::Zh,
        )
        .expect("callback");
        // Raise whatever is due now (the case's own deadlines), as the pass does.
        let _ = reachright_tracker::check_due(&store, now, reachright_core::Lang::Zh);
        let wake = alarms_only_wake(&store, now).expect("wake").expect("some");
        assert!(
            wake <= now + chrono::Duration::minutes(3),
            "a callback due in 3 min wakes by then: {wake}"
        );
        assert!(wake >= now + chrono::Duration::seconds(60), "{wake}");
        // A ticket due for a poll (it stays due without a keychain) does not make it spin.
        store
            .save_helpdesk(&reachright_store::HelpdeskRow {
                name: "rt".into(),
                kind: "rt".into(),
                url: "https://rt.example.com".into(),
                queue: Some("General".into()),
                email: None,
                created_at: "2026-11-20T06:00:00Z".into(),
            })
            .expect("helpdesk");
        store
            .add_ticket(&reachright_store::NewTicket {
                case_id: case.summary.id.clone(),
                helpdesk: "rt".into(),
                remote_id: "1".into(),
                url: None,
                subject: "s".into(),
                submitted_at: "2026-11-20T06:00:00Z".into(),
                status: Some("open".into()),
                next_poll_at: Some("2026-11-20T06:30:00Z".into()),
            })
            .expect("ticket");
        let wake = alarms_only_wake(&store, now).expect("wake").expect("some");
        assert_eq!(wake, now + chrono::Duration::seconds(60));
    }
}
