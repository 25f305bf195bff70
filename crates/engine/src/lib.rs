//! reachright-engine — what is due when, so the user does not have to keep watch.
//!
//! - [`sync_once`] polls every tracked ticket that is due through its helpdesk connector, records
//!   each status change and staff reply on the case's timeline, and raises the deadline,
//!   callback and order alarms that are due; [`next_wake`] says when to run it again.
//! - [`schedule`]: per-status polling intervals, jittered exponential backoff, `Retry-After`,
//!   stopping on auth/404 errors, quiet backoff while offline.
//! - [`deadlines`]: the 24 h recharge window and each ticket's business-day SLA, announced
//!   "about to pass" and "has passed" with the next step, once each.
//! - [`callbacks`]: promised callbacks with countdowns; [`orders`]: order watches.
//! - [`notify`]: the notification kinds, the user's choice of which reach the OS, and the
//!   [`Notifier`] the shell implements ([`desktop::Desktop`]: notify-rust); every notification is also kept in the store's list.
//! - [`runner`]: the one loop that runs passes, for the app and the CLI alike: keychain or
//!   alarms only, backoff after a failed or panicking pass, sleep until the next wake.
//! - [`mail`]: the mailboxes watched for answers to the e-mails sent from cases.
//! - [`secrets`]: helpdesk tokens and mailbox passwords in the OS keychain; [`desks`]: stored helpdesks + tokens →
//!   connectors; [`tickets`]: open a case's ticket with the composer's text.
//!
//! Why a crate of its own: the rules are pure functions of the store and a [`Clock`], so they
//! are tested at fixed moments with a fake clock and a scripted helpdesk, without a window, a
//! network or real sleeping. All state (cursors, next poll times, failures, what was already
//! said) lives in SQLite, so tracking survives restarts and offline periods.

pub mod callbacks;
pub mod clock;
pub mod deadlines;
pub mod desks;
pub mod desktop;
pub mod error;
pub mod mail;
pub mod mail_files;
pub mod mail_idle;
pub mod notify;
pub mod orders;
pub mod panics;
pub mod runner;
pub mod schedule;
pub mod secrets;
pub mod sync;
pub mod texts;
pub mod tickets;

pub use clock::{Clock, FakeClock, SystemClock};
pub use deadlines::{case_deadlines, check_due, next_wake, Deadline, DeadlineKind};
pub use desktop::Desktop;
pub use error::{Error, Result};
pub use notify::{deliver, Delivery, Kind, Notifier, Prefs};
pub use sync::{sync_once, sync_once_with, Change, ChangeKind, EarlyAlarms, Helpdesks, SyncReport};
