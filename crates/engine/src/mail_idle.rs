//! IMAP IDLE (RFC 2177): where a mailbox offers it, an answer reaches the case when it arrives,
//! not at the next poll. One thread per mailbox with e-mails awaiting answers keeps a connection
//! waiting in IDLE on INBOX (read-only, nothing is fetched there); when the server says a
//! message arrived, it makes the account due ([`Store::mail_due`]) and wakes the loop, whose
//! pass then reads the new mail exactly as a poll does (matching, once-only recording, budget).
//!
//! Polling stays underneath: a server without IDLE, a lost connection or a failed login simply
//! leaves the account to the pass's polling with backoff. A watcher that cannot connect backs
//! off too, and one that panics (a hostile server) ends without taking the loop with it.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use reachright_mail::imap;
use reachright_store::{MailAccountRow, Store};

use crate::clock::stamp;
use crate::mail::account_of;
use crate::secrets;

/// How long one IDLE waits before it is renewed (RFC 2177: at least every 29 minutes). Also how
/// late a removed account's watcher notices it is no longer wanted.
pub const RENEW: Duration = Duration::from_secs(10 * 60);

/// After a wake, the quiet time before listening again.
const BURST: Duration = Duration::from_secs(15);

/// The first wait after a failed connection; doubled up to [`RETRY_MAX`].
const RETRY_FIRST: Duration = Duration::from_secs(60);
const RETRY_MAX: Duration = Duration::from_secs(30 * 60);

/// What one watcher knows of its account: a change of address or server starts a new one.
fn identity(row: &MailAccountRow) -> String {
    format!(
        "{}\u{1f}{}\u{1f}{}:{}\u{1f}{}",
        row.name, row.email, row.imap_host, row.imap_port, row.security
    )
}

struct Watcher {
    identity: String,
    stop: Arc<AtomicBool>,
    handle: JoinHandle<()>,
}

/// The running watchers, kept by the loop between passes.
#[derive(Default)]
pub struct Watchers {
    running: HashMap<String, Watcher>,
    /// Accounts whose server has no IDLE (by identity): not tried again in this process.
    no_idle: Arc<std::sync::Mutex<Vec<String>>>,
}

impl Watchers {
    /// Start a watcher for each mailbox with e-mails awaiting answers (when passwords can be
    /// read), stop the others. `wake` asks the loop for a pass now.
    pub fn refresh(
        &mut self,
        store: &Arc<Store>,
        keychain: bool,
        wake: Arc<dyn Fn() + Send + Sync>,
    ) -> crate::Result<()> {
        let wanted: HashMap<String, MailAccountRow> = if keychain {
            crate::mail::watched_accounts(store)?
                .into_iter()
                .map(|row| (row.name.clone(), row))
                .collect()
        } else {
            HashMap::new()
        };
        let no_idle = self
            .no_idle
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        self.running.retain(|name, w| {
            let keep = !w.handle.is_finished()
                && wanted.get(name).is_some_and(|r| identity(r) == w.identity);
            if !keep {
                w.stop.store(true, Ordering::Relaxed);
            }
            keep
        });
        for (name, row) in wanted {
            let id = identity(&row);
            if self.running.contains_key(&name) || no_idle.contains(&id) {
                continue;
            }
            let stop = Arc::new(AtomicBool::new(false));
            let (s, st, w, ni) = (
                store.clone(),
                stop.clone(),
                wake.clone(),
                self.no_idle.clone(),
            );
            let spawned = std::thread::Builder::new()
                .name("mail-idle".into())
                .spawn(move || {
                    let watched = std::panic::catch_unwind(AssertUnwindSafe(|| {
                        watch(&s, &row, &st, w.as_ref())
                    }));
                    match watched {
                        Ok(Ended::NoIdle) => ni
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner)
                            .push(identity(&row)),
                        Ok(Ended::Stopped) => {}
                        Err(_) => tracing::warn!("a mailbox watcher panicked; polling goes on"),
                    }
                });
            match spawned {
                Ok(handle) => {
                    self.running.insert(
                        name,
                        Watcher {
                            identity: id,
                            stop,
                            handle,
                        },
                    );
                }
                Err(e) => tracing::warn!(error = %e, "no thread for a mailbox watcher"),
            }
        }
        Ok(())
    }

    /// How many watchers are running (for tests and the log).
    pub fn len(&self) -> usize {
        self.running.len()
    }

    pub fn is_empty(&self) -> bool {
        self.running.is_empty()
    }
}

impl Drop for Watchers {
    fn drop(&mut self) {
        for w in self.running.values() {
            w.stop.store(true, Ordering::Relaxed);
        }
    }
}

enum Ended {
    /// The server does not offer IDLE: polling alone from now on.
    NoIdle,
    Stopped,
}

/// Sleep `d` in short steps, returning early (true) when asked to stop.
fn nap(d: Duration, stop: &AtomicBool) -> bool {
    let step = Duration::from_millis(500);
    let mut left = d;
    while !left.is_zero() {
        if stop.load(Ordering::Relaxed) {
            return true;
        }
        let s = left.min(step);
        std::thread::sleep(s);
        left -= s;
    }
    stop.load(Ordering::Relaxed)
}

/// One account's watcher: connect, open INBOX read-only, IDLE; on a new message make the
/// account due and wake the loop; on a failure back off and connect again.
fn watch(
    store: &Store,
    row: &MailAccountRow,
    stop: &AtomicBool,
    wake: &(dyn Fn() + Send + Sync),
) -> Ended {
    let mut retry = RETRY_FIRST;
    loop {
        if stop.load(Ordering::Relaxed) {
            return Ended::Stopped;
        }
        match session(row) {
            Ok(Some((mut s, inbox))) => {
                retry = RETRY_FIRST;
                // Mail that arrived while no one listened (between the last poll and now, or
                // while the connection was down) is not announced by IDLE: compare with what
                // the last poll saw.
                if unseen(store, &row.name, inbox) {
                    due_now(store, &row.name);
                    wake();
                }
                loop {
                    if stop.load(Ordering::Relaxed) {
                        s.logout();
                        return Ended::Stopped;
                    }
                    match s.idle(RENEW) {
                        Ok(true) => {
                            due_now(store, &row.name);
                            wake();
                            // A burst of mail (a newsletter storm) wakes one pass, not one each.
                            if nap(BURST, stop) {
                                s.logout();
                                return Ended::Stopped;
                            }
                            // Mail that came after that pass read the INBOX and before IDLE
                            // starts again is not announced: ask the folder.
                            match s.examine(imap::INBOX) {
                                Ok(inbox) if unseen(store, &row.name, inbox) => {
                                    due_now(store, &row.name);
                                    wake();
                                }
                                Ok(_) => {}
                                Err(e) => {
                                    tracing::info!(
                                        code = e.code(),
                                        "mailbox re-read failed; connecting again"
                                    );
                                    break;
                                }
                            }
                        }
                        Ok(false) => {}
                        Err(e) => {
                            tracing::info!(code = e.code(), "mailbox IDLE ended; connecting again");
                            break;
                        }
                    }
                }
            }
            Ok(None) => return Ended::NoIdle,
            Err(code) => {
                tracing::info!(
                    code,
                    retry_s = retry.as_secs(),
                    "mailbox watcher could not connect"
                );
            }
        }
        if nap(retry, stop) {
            return Ended::Stopped;
        }
        retry = (retry * 2).min(RETRY_MAX);
    }
}

fn due_now(store: &Store, name: &str) {
    if let Err(e) = store.mail_due(name, &stamp(chrono::Utc::now())) {
        tracing::warn!(code = e.code(), "a mailbox could not be made due");
    }
}

/// Whether INBOX holds messages the last poll did not look at.
fn unseen(store: &Store, name: &str, inbox: imap::Folder) -> bool {
    let Ok(row) = store.mail_account(name) else {
        return false;
    };
    row.uid_validity != Some(inbox.uid_validity)
        || inbox
            .uid_next
            .is_some_and(|next| next > row.last_uid.saturating_add(1))
}

/// A session with INBOX open, `None` when the server has no IDLE, or the failure's code.
fn session(row: &MailAccountRow) -> Result<Option<(imap::Imap, imap::Folder)>, &'static str> {
    let account = account_of(row).map_err(|e| e.code())?;
    let password = secrets::mail_password(&row.name, &row.email, &row.imap_host)
        .map_err(|e| e.code())?
        .ok_or("mail_no_password")?;
    let mut s = imap::connect(&account, &password).map_err(|e| e.code())?;
    if !s.can_idle().map_err(|e| e.code())? {
        s.logout();
        return Ok(None);
    }
    let inbox = s.examine(imap::INBOX).map_err(|e| e.code())?;
    Ok(Some((s, inbox)))
}
