//! Tracking as the app shows it: each function takes the [`reachright_store::Store`] (and the evidence
//! [`reachright_vault::Vault`] where attachments are needed), the moment and the language, calls
//! the background engine's rules, and answers with the IPC types of [`models`].
//!
//! - [`helpdesks`]: list, add (the token goes only to the OS keychain), remove.
//! - [`panel`]: a case's tickets (status label, last sync, problem), callbacks (countdown target
//!   and state) and deadlines.
//! - [`tickets`]: open a ticket through a helpdesk with the case's evidence attached, record a
//!   manual ticket number, set its status by hand.
//! - [`callbacks`], [`orders`], [`notifications`] (the in-app list and which kinds reach the OS).

pub mod callbacks;
pub mod helpdesks;
pub mod models;
pub mod notifications;
pub mod orders;
pub mod panel;
pub mod tickets;

pub use models::*;

use chrono::{DateTime, FixedOffset, Utc};

use crate::error::Result;

/// A moment typed in a tracking form (the domain's one form-time reader), in UTC.
pub(crate) fn moment(field: &str, text: &str, now: DateTime<FixedOffset>) -> Result<DateTime<Utc>> {
    Ok(reachright_domain::form_time::moment(field, text, now)?.with_timezone(&Utc))
}

pub(crate) fn utc(now: DateTime<FixedOffset>) -> DateTime<Utc> {
    now.with_timezone(&Utc)
}

/// Seconds from `now` to a stored RFC 3339 moment (0 when unreadable).
pub(crate) fn seconds_to(at: &str, now: DateTime<Utc>) -> i64 {
    reachright_engine::clock::parse(at).map_or(0, |t| (t - now).num_seconds())
}

#[cfg(test)]
pub(crate) mod tests;
