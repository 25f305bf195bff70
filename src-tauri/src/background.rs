//! The tracker loop, run by the shell on Tauri's tokio runtime: one `sync_once` pass, the
//! notifications the user wants shown on the desktop (`deliver` honouring `Prefs`), an event so
//! the UI refreshes, then sleep until the pass's `next_wake` (at most 10 minutes) or until a
//! command wakes it ([`crate::AppState::wake_tracker`]).
//!
//! Errors end a pass, never the loop, and are logged by their stable code only (no case titles,
//! ticket texts, URLs or tokens). Keychain reads and desktop notifications are blocking D-Bus
//! calls, so they run on the blocking pool.
//!
//! Where the platform supports notification actions (Linux), each shown notification gets a
//! default action and a thread waiting for it: a click brings the window forward and emits
//! [`OPEN_CASE`] naming the case.

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
    let mut keychain = false;
    let mut keychain_said = false;
    loop {
        if !keychain {
            match tauri::async_runtime::spawn_blocking(use_os_keychain).await {
                Ok(Ok(())) => keychain = true,
                Ok(Err(code)) if !keychain_said => {
                    keychain_said = true;
                    log(&format!(
                        "no keychain ({code}): helpdesks with tokens wait; alarms continue"
                    ));
                }
                _ => {}
            }
        }
        let next = match pass(&app, &store, keychain).await {
            Ok(next) => next,
            Err(code) => {
                log(&format!("pass failed ({code}); trying again later"));
                None
            }
        };
        crate::tray::refresh(&app);
        let wait = next.map_or(MAX_SLEEP, |t| {
            (t - Utc::now()).to_std().unwrap_or_default().min(MAX_SLEEP)
        });
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            () = wake.notified() => {}
        }
    }
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

/// One pass; answers when to wake next.
async fn pass<R: Runtime>(
    app: &AppHandle<R>,
    store: &Arc<Store>,
    keychain: bool,
) -> Result<Option<DateTime<Utc>>, String> {
    let s = store.clone();
    let desks = tauri::async_runtime::spawn_blocking(move || connect(&s, keychain))
        .await
        .map_err(|_| "join".to_string())??;
    let (notes, changed, next) = match desks {
        Some(desks) => {
            let report = reachright_tracker::sync_once(store, &desks, &SystemClock)
                .await
                .map_err(|e| e.code().to_string())?;
            let cases: BTreeSet<String> = report.changes.iter().map(|c| c.case.clone()).collect();
            (report.notifications, cases, report.next_wake)
        }
        None => {
            let lang = reachright_cases::settings::lang(store).unwrap_or(reachright_core::Lang::Zh);
            let notes = reachright_tracker::check_due(store, Utc::now(), lang)
                .map_err(|e| e.code().to_string())?;
            (notes, BTreeSet::new(), None)
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
        let shown = tauri::async_runtime::spawn_blocking(move || {
            reachright_tracker::deliver(&notifier, &prefs, &notes)
        })
        .await
        .map_err(|_| "join".to_string())?;
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

#[cfg(target_os = "linux")]
fn server_parses_markup() -> bool {
    static MARKUP: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *MARKUP.get_or_init(|| {
        notify_rust::get_capabilities()
            .map(|caps| caps.iter().any(|c| c == "body-markup"))
            .unwrap_or(true)
    })
}

impl<R: Runtime> Notifier for Clickable<R> {
    #[cfg(target_os = "linux")]
    fn notify(&self, n: &NotificationRow) -> Result<(), String> {
        use reachright_tracker::desktop::{plain_body, APP_NAME};
        let lang = self.app.state::<AppState>().lang();
        let handle = notify_rust::Notification::new()
            .appname(APP_NAME)
            .summary(&n.title)
            .body(&plain_body(&n.body, server_parses_markup()))
            .action("default", lang.pick("查看", "Show"))
            .show()
            .map_err(|e| format!("desktop notification not shown: {e}"))?;
        let app = self.app.clone();
        let req = open_request(n);
        // One thread per shown notification; it ends when the notification is clicked, closed
        // or expires.
        let _ = std::thread::Builder::new()
            .name("notification-action".into())
            .spawn(move || {
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
