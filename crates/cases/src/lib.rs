//! reachright-cases — what the desktop app does with a case, without a window.
//!
//! The Tauri shell's commands are one call into this crate each, so everything here runs and is
//! tested against a real SQLite store in a temporary folder, with time passed in as an argument.
//! [`models`] holds every type that crosses IPC; `ui/src/ipc/bindings.ts` is generated from it.

pub mod cases;
pub mod drafts;
pub mod error;
pub mod evidence;
pub mod gallery;
pub mod intake;
pub mod models;
pub mod platforms;
pub mod settings;
pub mod status;
pub mod tracking;
pub mod views;

// Only the test that writes ui/src/ipc/bindings.ts needs ts-rs, so the app is built without it.
#[cfg(test)]
mod bindings;

pub use error::{Error, Result};
pub use reachright_store::Store;

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};

/// A moment as the store keeps it: RFC 3339 in UTC (`…Z`). The store orders and compares these
/// strings as text, which is right only when they all share one offset; the UI shows local time.
pub(crate) fn stamp(t: DateTime<FixedOffset>) -> String {
    t.with_timezone(&Utc)
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}
