//! The tracker in the app: the engine's one loop ([`reachright_engine::runner::run`]) on Tauri's
//! tokio runtime, with what only the app does around a pass ([`AppHost`]): the OS keychain, the
//! notifications the user wants shown on the desktop (`deliver` honouring `Prefs`), a
//! [`UiEvent`] so the page refreshes, and the tray's countdown line.
//!
//! Where the platform supports notification actions (Linux), a shown notification gets a
//! default action and a thread waiting for it, at most [`MAX_WAITING`] at once: a click brings
//! the window forward and tells the page which case to open ([`UiEvent::OpenCase`]).

use std::collections::BTreeSet;
use std::sync::Arc;

use reachright_api::tracking::{OpenRequest, TrackerChanged, UiEvent};
use reachright_engine::runner::{self, Host};
use reachright_engine::{Notifier, Prefs, SyncReport, SystemClock};
use reachright_store::{NotificationRow, Store};
use tauri::{AppHandle, Manager, Runtime};

use crate::state::AppState;

/// Choose the OS keychain for helpdesk tokens, once per process: the Secret Service on Linux
/// (the engine's own setup), the platform stores the vault uses elsewhere (macOS Keychain,
/// Windows Credential Manager).
pub fn use_os_keychain() -> reachright_engine::Result<()> {
    #[cfg(target_os = "linux")]
    {
        reachright_engine::secrets::use_os_keychain()
    }
    #[cfg(not(target_os = "linux"))]
    {
        let store = reachright_vault::keys::system_keychain()
            .map_err(|e| reachright_engine::Error::Keychain(e.code().to_string()))?;
        keyring_core::set_default_store(store);
        Ok(())
    }
}

/// Make sure this process has chosen its keychain (the OS one), once: a command that needs a
/// token before the loop's first pass (`helpdesk_add` right after start-up) sets it up itself.
/// A store already chosen (the OS one, or the mock one in tests) is kept.
pub fn ensure_keychain() -> reachright_engine::Result<()> {
    ensure_keychain_with(use_os_keychain)
}

/// [`ensure_keychain`] with the set-up to run when none is chosen yet.
pub fn ensure_keychain_with(
    setup: impl FnOnce() -> reachright_engine::Result<()>,
) -> reachright_engine::Result<()> {
    static SETUP: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one_at_a_time = SETUP
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if keyring_core::get_default_store().is_some() {
        return Ok(());
    }
    setup()
}

/// Start the loop, the first time this is called in the process (the page reloading must not
/// start a second tracker).
pub fn spawn_once<R: Runtime>(app: &AppHandle<R>) {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| spawn(app));
}

/// Start the loop.
pub fn spawn<R: Runtime>(app: &AppHandle<R>) {
    let (store, wake) = {
        let state = app.state::<AppState>();
        (state.store.clone(), state.tracker_wake.clone())
    };
    let host = Arc::new(AppHost { app: app.clone() });
    tauri::async_runtime::spawn(runner::run(store, Arc::new(SystemClock), host, wake));
}

/// What the app does around a pass.
struct AppHost<R: Runtime> {
    app: AppHandle<R>,
}

impl<R: Runtime> Host for AppHost<R> {
    fn keychain(&self) -> reachright_engine::Result<()> {
        ensure_keychain()
    }

    fn after_pass(&self, store: &Store, report: &SyncReport) {
        let notes = &report.notifications;
        let mut cases: BTreeSet<String> = report.changes.iter().map(|c| c.case.clone()).collect();
        if notes.is_empty() && cases.is_empty() {
            return;
        }
        cases.extend(notes.iter().filter_map(|n| n.case_id.clone()));
        if !notes.is_empty() {
            let prefs = Prefs::load(store).unwrap_or_default();
            let notifier = Clickable {
                app: self.app.clone(),
            };
            let shown = reachright_engine::deliver(&notifier, &prefs, notes);
            if !shown.failed.is_empty() {
                tracing::warn!(
                    failed = shown.failed.len(),
                    "desktop notifications not shown (no notification service?); they are in the app's list"
                );
            }
        }
        let unread = store.unread_notifications().unwrap_or(0);
        let state = self.app.state::<AppState>();
        state
            .ui_events
            .send(UiEvent::TrackerChanged(TrackerChanged {
                unread,
                cases: cases.into_iter().collect(),
            }));
    }

    fn idle(&self) {
        crate::tray::refresh(&self.app);
    }

    fn vault(&self) -> Option<Arc<reachright_vault::Vault>> {
        self.app.state::<AppState>().open_vault_now()
    }
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
    let state = app.state::<AppState>();
    state.ui_events.send(UiEvent::OpenCase(req.clone()));
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
    *MARKUP.get_or_init(reachright_engine::desktop::server_parses_markup)
}

impl<R: Runtime> Notifier for Clickable<R> {
    #[cfg(target_os = "linux")]
    fn notify(&self, n: &NotificationRow) -> Result<(), String> {
        let mut note = reachright_engine::desktop::notification(n, server_parses_markup());
        let slot = WAITING.take();
        if slot.is_some() {
            let lang = self.app.state::<AppState>().lang();
            note.action("default", lang.pick("查看", "Show"));
        }
        let not_shown = |e: String| format!("desktop notification not shown: {e}");
        let Some(slot) = slot else {
            return note.show().map(drop).map_err(|e| not_shown(e.to_string()));
        };
        let app = self.app.clone();
        let req = open_request(n);
        // The notification is shown on the thread that waits for its click: the handle holds a
        // libdbus connection, which stays on the thread that opened it.
        let (shown_tx, shown) = std::sync::mpsc::channel();
        // Ends when the notification is clicked, closed or expires; at most MAX_WAITING at once.
        std::thread::Builder::new()
            .name("notification-action".into())
            .spawn(move || {
                let _slot = slot;
                let handle = match note.show() {
                    Ok(handle) => handle,
                    Err(e) => return drop(shown_tx.send(Err(e.to_string()))),
                };
                let _ = shown_tx.send(Ok(()));
                handle.wait_for_action(|action| {
                    if action == "default" {
                        open(&app, &req);
                    }
                });
            })
            .map_err(|e| not_shown(e.to_string()))?;
        shown
            .recv()
            .unwrap_or_else(|_| Err("the notification thread ended".into()))
            .map_err(not_shown)
    }

    #[cfg(not(target_os = "linux"))]
    fn notify(&self, n: &NotificationRow) -> Result<(), String> {
        reachright_engine::Desktop::new().notify(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

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
            reachright_engine::secrets::use_mock_keychain()
        })
        .expect("setup");
        assert_eq!(calls, 1);
        ensure_keychain_with(|| panic!("a chosen keychain is kept")).expect("kept");
        reachright_engine::secrets::save_token("bg-desk", "http://127.0.0.1:9", "t").expect("save");
        assert_eq!(
            reachright_engine::secrets::token("bg-desk")
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
        assert_eq!(runner::alarms_only_wake(&store, now).expect("wake"), None);
        let call = reachright_api::Call::new(&store, local, reachright_core::Lang::Zh);
        let case = reachright_api::evidence::create_from_story(
            &call,
            "订单号20261120001,付款成功了但是一直没到账",
        )
        .expect("case");
        let form = reachright_api::tracking::CallbackForm {
            channel: "hotline".into(),
            promise_minutes: Some(3),
            requested_at: String::new(),
            note: String::new(),
        };
        reachright_api::tracking::callbacks::request(&call, &case.summary.id, &form)
            .expect("callback");
        // Raise whatever is due now (the case's own deadlines), as the pass does.
        let _ = reachright_engine::check_due(&store, now, reachright_core::Lang::Zh);
        let wake = runner::alarms_only_wake(&store, now)
            .expect("wake")
            .expect("some");
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
        let wake = runner::alarms_only_wake(&store, now)
            .expect("wake")
            .expect("some");
        assert_eq!(wake, now + chrono::Duration::seconds(60));
    }
}
