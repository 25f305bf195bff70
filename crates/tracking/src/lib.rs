//! reachright-tracking — what the desktop app does with tracking, without a window.
//!
//! `reachright-cases` is to the store what this crate is to `reachright-tracker`: each function
//! takes the [`Store`] (and the evidence [`reachright_vault::Vault`] where attachments are
//! needed), the moment and the language, calls the tracker, and answers with the IPC types of
//! `reachright_cases::tracking`, so the shell's commands stay one call each and everything here
//! is tested against a real SQLite store in a temporary folder, with the keychain's mock store.
//!
//! Why not in `reachright-cases`: the tracker depends on that crate (cases, forms, profiles), so
//! the functions that call the tracker cannot live there; the types do, so `bindings.ts` stays
//! one generated file.
//!
//! - [`helpdesks`]: list, add (the token goes only to the OS keychain), remove.
//! - [`panel`]: a case's tickets (status label, last sync, problem), callbacks (countdown target
//!   and state) and deadlines.
//! - [`tickets`]: open a ticket through a helpdesk with the case's evidence attached, record a
//!   manual ticket number, set its status by hand.
//! - [`callbacks`], [`orders`], [`notifications`] (the in-app list and which kinds reach the OS).

pub mod callbacks;
pub mod error;
pub mod helpdesks;
pub mod notifications;
pub mod orders;
pub mod panel;
pub mod tickets;

pub use error::{Error, Result};
pub use reachright_store::Store;

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};

/// A moment typed in a form: RFC 3339, or the date-time input's `YYYY-MM-DDTHH:MM` in the
/// machine's offset (`now`'s); empty means `now`.
pub(crate) fn moment(
    field: &'static str,
    text: &str,
    now: DateTime<FixedOffset>,
) -> Result<DateTime<Utc>> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(now.with_timezone(&Utc));
    }
    if let Ok(at) = DateTime::parse_from_rfc3339(t) {
        return Ok(at.with_timezone(&Utc));
    }
    for fmt in ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(t, fmt) {
            if let Some(at) = naive.and_local_timezone(*now.offset()).single() {
                return Ok(at.with_timezone(&Utc));
            }
        }
    }
    Err(Error::invalid(
        field,
        "is not a date and time (YYYY-MM-DDTHH:MM)",
    ))
}

pub(crate) fn utc(now: DateTime<FixedOffset>) -> DateTime<Utc> {
    now.with_timezone(&Utc)
}

/// Seconds from `now` to a stored RFC 3339 moment (0 when unreadable).
pub(crate) fn seconds_to(at: &str, now: DateTime<Utc>) -> i64 {
    reachright_tracker::clock::parse(at).map_or(0, |t| (t - now).num_seconds())
}

#[cfg(test)]
mod tests;
