//! The one tracker loop. The desktop app (on Tauri's tokio runtime) and `reachright-cli track`
//! (on a current-thread runtime) both start [`run`]; only what they do with a pass differs
//! ([`Host`]: desktop notifications and a UI event for the app, JSON lines for the CLI).
//!
//! A pass: choose the keychain (once per process), connect the helpdesks, [`sync_once_with`], hand
//! the report to the host, then sleep until the pass's next wake (at most [`MAX_SLEEP`]) or until
//! [`Wake::now`]. While tokens cannot be read (no keychain), a pass raises the alarms only, so a
//! locked keychain never silences a callback that is due; an alarm falling due while a helpdesk
//! is slow to answer goes to [`Host::alarms`] at its moment, not at the pass's end. A failed or panicking pass is retried
//! after [`backoff`]; nothing ends the loop. Failures are logged by their stable code only (no
//! case titles, ticket texts, URLs or tokens).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use reachright_connectors::AnyHelpdesk;
use reachright_store::{NotificationRow, Store};
use tokio::sync::Notify;

use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::sync::{sync_once_with, EarlyAlarms, SyncReport};
use crate::{check_due, desks};

/// The longest sleep: tickets and callbacks added by another process meanwhile are picked up
/// by then.
pub const MAX_SLEEP: Duration = Duration::from_secs(10 * 60);

/// The shortest wait while the keychain is missing, since tickets due for a poll then stay due:
/// alarms are still raised on time (to the minute), without spinning.
pub const NO_KEYCHAIN_MIN_SLEEP: Duration = Duration::from_secs(60);

/// The wait after the `failures`-th pass in a row that failed or panicked: 30 s, doubling,
/// at most [`MAX_SLEEP`].
pub fn backoff(failures: u32) -> Duration {
    let secs = 30u64.saturating_mul(1u64 << failures.saturating_sub(1).min(10));
    Duration::from_secs(secs).min(MAX_SLEEP)
}

/// What the shell or the CLI does around the loop. Called on a blocking-pool thread.
pub trait Host: Send + Sync + 'static {
    /// Choose this process's keychain for helpdesk tokens (a chosen one is kept); an error means
    /// "no keychain now" and the pass raises alarms only. Called before a pass only while some
    /// helpdesk needs a token.
    fn keychain(&self) -> Result<()>;
    /// After a pass that did not fail: show its notifications, print or announce its changes.
    fn after_pass(&self, store: &Store, pass: &SyncReport);
    /// After every pass, failed or not (the tray's countdown line).
    fn idle(&self) {}
    /// The evidence vault, if it can be opened now without asking the user (an answer's
    /// attachments are kept in it; without it they wait for a later pass).
    fn vault(&self) -> Option<Arc<reachright_vault::Vault>> {
        None
    }
    /// Alarms that fell due while the pass was still waiting on a helpdesk, at their moment
    /// (they are not in the pass's report again). By default shown as a pass holding only them.
    fn alarms(&self, store: &Store, raised: &[NotificationRow]) {
        self.after_pass(
            store,
            &SyncReport {
                notifications: raised.to_vec(),
                ..SyncReport::default()
            },
        );
    }
}

/// Wakes the loop before its sleep ends (a command added a ticket or a callback).
#[derive(Clone, Default)]
pub struct Wake(Arc<Notify>);

impl Wake {
    pub fn now(&self) {
        self.0.notify_one();
    }
}

/// One pass at the clock's now. `keychain`: whether helpdesk tokens can be read; without it,
/// helpdesks that need a token are not asked and only the alarms are raised. Alarms falling due
/// while a helpdesk is slow go to `early` at their moment (see [`sync_once_with`]).
pub async fn pass(
    store: &Store,
    clock: &dyn Clock,
    keychain: bool,
    early: Option<EarlyAlarms<'_>>,
    vault: crate::mail_files::VaultSource<'_>,
) -> Result<SyncReport> {
    let mut report = match connect(store, keychain)? {
        Some(desks) => sync_once_with(store, &desks, clock, early).await?,
        None => {
            let now = clock.now();
            let lang = reachright_domain::settings::lang(store)?;
            SyncReport {
                notifications: check_due(store, now, lang)?,
                next_wake: alarms_only_wake(store, now)?,
                ..SyncReport::default()
            }
        }
    };
    // The mailboxes, after the helpdesks (IMAP is blocking; the pass already runs on the
    // blocking pool). Without a keychain no password can be read: they wait like tokens do.
    let lang = reachright_domain::settings::lang(store)?;
    let mail = crate::mail::mail_once(store, clock.now(), lang, keychain, vault)?;
    report.notifications.extend(mail.notifications);
    report.mail.extend(mail.changes);
    report.polled += mail.polled;
    report.failed += mail.failed;
    report.next_wake = match (report.next_wake, mail.next_wake) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    Ok(report)
}

/// The connectors by helpdesk name; `None` while tokens cannot be read.
fn connect(store: &Store, keychain: bool) -> Result<Option<HashMap<String, AnyHelpdesk>>> {
    if !keychain && store.helpdesks()?.iter().any(desks::needs_token) {
        return Ok(None);
    }
    match desks::connect_all(store) {
        Ok(c) => {
            for (_, why) in &c.unusable {
                tracing::warn!(code = why.code(), "a helpdesk is not usable");
            }
            Ok(Some(c.desks))
        }
        Err(Error::Keychain(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// When to wake while tokens cannot be read: the next alarm (a callback due in 3 minutes wakes
/// the loop then, not after [`MAX_SLEEP`]); tickets due for a poll stay due meanwhile, so the
/// wait is at least [`NO_KEYCHAIN_MIN_SLEEP`] (the keychain is asked again at each wake).
pub fn alarms_only_wake(store: &Store, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>> {
    let next = crate::next_wake(store, now)?;
    let floor = now + chrono::Duration::from_std(NO_KEYCHAIN_MIN_SLEEP).unwrap_or_default();
    Ok(next.map(|t| t.max(floor)))
}

/// The sleep after a pass that wants to run again at `next` (at most [`MAX_SLEEP`]).
pub fn sleep_until(next: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Duration {
    next.map_or(MAX_SLEEP, |t| {
        (t - now).to_std().unwrap_or_default().min(MAX_SLEEP)
    })
}

/// Runs `work` on the blocking pool in a task of its own; a panic comes back as
/// [`Error::Panicked`] (its message is not repeated: it may name a case or a ticket).
pub async fn isolated<T: Send + 'static>(
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or(Err(Error::Panicked))
}

/// The loop; it never returns. Must run inside a tokio runtime with timers.
pub async fn run(store: Arc<Store>, clock: Arc<dyn Clock>, host: Arc<dyn Host>, wake: Wake) {
    let mut keychain_said = false;
    let mut failures: u32 = 0;
    let watchers = Arc::new(std::sync::Mutex::new(crate::mail_idle::Watchers::default()));
    loop {
        // Only helpdesks with a token need the keychain: without them the pass never asks it, so
        // it is not opened (on Linux a D-Bus connection to the Secret Service, kept for the
        // process) until the first such helpdesk is added.
        let s = store.clone();
        let needed = isolated(move || {
            Ok(s.helpdesks()?.iter().any(desks::needs_token) || crate::mail::watching(&s)?)
        })
        .await
        .unwrap_or(true);
        let h = host.clone();
        let keychain = needed
            && match isolated(move || h.keychain()).await {
                Ok(()) => true,
                Err(e) => {
                    if !keychain_said {
                        keychain_said = true;
                        tracing::warn!(
                            code = e.code(),
                            "no keychain: helpdesks with tokens wait; alarms continue"
                        );
                    }
                    false
                }
            };
        // SQLite, the keychain and D-Bus are synchronous: the pass runs on the blocking pool
        // (the helpdesks' HTTP is driven from there), in a task of its own, so a panic ends
        // that pass only, as a failed pass.
        let (s, c, h) = (store.clone(), clock.clone(), host.clone());
        let rt = tokio::runtime::Handle::current();
        let outcome = isolated(move || {
            let early = |raised: &[NotificationRow]| h.alarms(&s, raised);
            let early: EarlyAlarms<'_> = &early;
            let vault = || h.vault();
            let report = rt.block_on(pass(&s, c.as_ref(), keychain, Some(early), &vault))?;
            h.after_pass(&s, &report);
            Ok(report.next_wake)
        })
        .await;
        let wait = match outcome {
            Ok(next) => {
                failures = 0;
                sleep_until(next, clock.now())
            }
            Err(e) => {
                failures = failures.saturating_add(1);
                let wait = backoff(failures);
                tracing::warn!(
                    code = e.code(),
                    retry_in_s = wait.as_secs(),
                    "tracker pass failed"
                );
                wait
            }
        };
        // Mailboxes that offer IMAP IDLE wake the loop when an answer arrives.
        let (s, w, ws) = (store.clone(), wake.clone(), watchers.clone());
        let _ = isolated(move || {
            let wake: Arc<dyn Fn() + Send + Sync> = Arc::new(move || w.now());
            ws.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .refresh(&s, keychain, wake)
        })
        .await;
        let h = host.clone();
        let _ = tokio::task::spawn_blocking(move || h.idle()).await;
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            () = wake.0.notified() => {}
        }
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
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        let out: Result<u8> = rt.block_on(isolated(|| panic!("case 订单号 123")));
        assert!(matches!(out, Err(Error::Panicked)));
        let ok = rt.block_on(isolated(|| Ok(7u8)));
        assert_eq!(ok.ok(), Some(7));
    }

    #[test]
    fn the_sleep_is_capped_and_never_negative() {
        let now: DateTime<Utc> = "2026-11-20T07:00:00Z".parse().expect("now");
        assert_eq!(sleep_until(None, now), MAX_SLEEP);
        assert_eq!(
            sleep_until(Some(now - chrono::Duration::minutes(1)), now),
            Duration::ZERO
        );
        assert_eq!(
            sleep_until(Some(now + chrono::Duration::seconds(90)), now),
            Duration::from_secs(90)
        );
        assert_eq!(
            sleep_until(Some(now + chrono::Duration::hours(3)), now),
            MAX_SLEEP
        );
    }
}
