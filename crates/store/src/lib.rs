//! reachright-store — everything ReachRight remembers about the user's after-sales cases, in one
//! SQLite file on disk: cases, contact history, timeline, reminders, wizard drafts, the user's
//! platform directory, settings, and the evidence vault's index.
//!
//! Why it is built this way:
//! - **WAL + `synchronous=FULL`**: a commit returns only after it is in the write-ahead log and
//!   fsynced, so a crash, a kill or a power loss never loses a committed write, and a half-done
//!   transaction is rolled back on the next open. Readers never block the writer.
//! - **One transaction per user action**: adding a contact also writes its timeline event and
//!   bumps the case; either all of it is on disk or none of it (`tests/crash.rs` kills a writer
//!   mid-loop to check).
//! - **Numbered migrations tracked in `PRAGMA user_version`**, each applied in its own
//!   transaction that reads the version after taking the write lock, so the app and the CLI
//!   opening an old database at once never apply one twice; a database from a newer ReachRight
//!   is refused untouched ([`Error::TooNew`]).
//! - **No clock, no RNG in Rust**: times come in as RFC 3339 strings; ids come from SQLite's
//!   `randomblob`, so the crate needs no extra dependencies.
//! - **Personal data**: the data folder is `0700` and the database file `0600` on unix, and
//!   `secure_delete` overwrites what is deleted, so a deleted case is gone from the file.
//!
//! The data directory is `REACHRIGHT_DATA_DIR` when set (tests, portable installs), otherwise the
//! OS data directory chosen by the caller; see [`resolve_data_dir`].

mod cases;
mod error;
mod evidence;
mod history;
mod migrate;
mod platforms;
mod prefs;
mod rows;
mod search;
mod store;
mod tracking;
mod validate;

use std::path::PathBuf;

pub use error::{Error, Result};
pub use evidence::{EvidenceKind, EVIDENCE_KINDS};
pub use migrate::SCHEMA_VERSION;
pub use rows::{
    CaseRow, CaseUpdate, ContactRow, DraftRow, EventRow, EvidenceRow, NewCase, NewContact,
    NewEvent, NewEvidence, NewReminder, PlatformRow, ReminderRow, TimelinePage,
};
#[doc(hidden)]
pub use store::open_at_version;
pub use store::Store;
pub use tracking::{
    CallbackRow, HelpdeskRow, MailAccountRow, MailAnswerRow, MailFileRow, MailPoll, MailSentRow,
    NewCallback, NewMailAnswer, NewMailSent, NewNotification, NewOrderWatch, NewTicket,
    NotificationRow, OrderWatchRow, PendingTicket, PollBase, TicketPoll, TicketRow,
    CALLBACK_OUTCOMES, HELPDESK_KINDS, MAIL_SECURITIES, ORDER_WATCH_STATES,
};
pub use validate::{CASE_STATUSES, MAX_TEXT_BYTES};

/// The database file inside the data directory.
pub const DB_FILE: &str = "reachright.sqlite3";

/// Overrides the data directory (tests, portable installs).
pub const DATA_DIR_ENV: &str = "REACHRIGHT_DATA_DIR";

/// `REACHRIGHT_DATA_DIR` when set and non-empty, else `default` (the OS data directory from Tauri,
/// or [`default_data_dir`]), else an error: we never guess a directory beside the binary.
pub fn resolve_data_dir(default: Option<PathBuf>) -> Result<PathBuf> {
    // var_os: a non-UTF-8 path is still a valid directory.
    match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Ok(PathBuf::from(dir)),
        _ => default.ok_or_else(|| {
            Error::invalid(
                DATA_DIR_ENV,
                "not set, and the system has no data directory for this user",
            )
        }),
    }
}

/// The app's bundle identifier (`identifier` in src-tauri/tauri.conf.json; a shell test keeps the two
/// equal). Tauri names the app's data folder after it, so the CLI uses the same folder as the app.
pub const APP_IDENTIFIER: &str = "cn.reachright.desktop";

/// The per-user OS data directory joined with [`APP_IDENTIFIER`] — the folder the app uses.
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER))
}
