//! The tracking screens' IPC types: helpdesks, a case's tracking panel (tickets, callbacks,
//! deadlines), order watches, the in-app notification list and which kinds reach the OS.
//!
//! Only the types live here, beside the other IPC types, so `ui/src/ipc/bindings.ts` stays one
//! generated file. The functions that fill them are in `reachright-api (tracking)`
//! (`crates/tracking`): they call `reachright-engine`, which itself depends on this crate, so
//! they cannot live here without a dependency cycle.
//!
//! Times are RFC 3339 in UTC; the UI shows them in local time and ticks countdowns itself from
//! `due_at` between refreshes. Codes travel with their label in the user's language ([`Coded`]).

use serde::{Deserialize, Serialize};
#[cfg(test)]
use ts_rs::TS;

use crate::models::{Coded, Labeled};
pub use reachright_connectors::HelpdeskKind;
pub use reachright_engine::deadlines::DeadlineKind;
pub use reachright_engine::notify::Kind as NotificationKind;

/// A configured helpdesk; never its token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct HelpdeskView {
    pub name: String,
    pub kind: Labeled<HelpdeskKind>,
    pub url: String,
    pub queue: Option<String>,
    pub email: Option<String>,
    pub created_at: String,
    /// Whether the kind needs a token from the keychain (`rt`, `zendesk`).
    pub needs_token: bool,
    /// A token is saved in the OS keychain; `None` when the keychain could not be asked (or the
    /// kind needs none).
    pub token_saved: Option<bool>,
    /// Tickets tracked through it (it cannot be removed while there are any).
    pub tickets: u32,
}

/// The "add a helpdesk" form. Saving a name that exists updates it (and replaces the token when
/// one is given).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
#[serde(default)]
pub struct HelpdeskForm {
    pub name: String,
    /// `rt`, `zendesk` or `manual`.
    pub kind: String,
    /// `https://…` (empty for manual).
    pub url: String,
    /// RT: the queue new tickets go to.
    pub queue: Option<String>,
    /// Your address at the helpdesk (RT's Requestor; Zendesk API-token user).
    pub email: Option<String>,
    /// Goes only to the OS keychain. Required for `rt`/`zendesk` when none is saved yet.
    pub token: Option<String>,
}

/// One tracked ticket of a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct TicketView {
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
    pub case_id: String,
    pub helpdesk: String,
    pub helpdesk_kind: Labeled<HelpdeskKind>,
    /// The helpdesk's ticket number.
    pub remote_id: String,
    /// The ticket's web page, where the helpdesk has one.
    pub url: Option<String>,
    pub subject: String,
    pub submitted_at: String,
    /// The helpdesk's status word (`open`, `resolved` …) with its label; `None` before the first sync.
    pub status: Option<Coded>,
    /// The status is set by hand (a manual helpdesk); it is never synced.
    pub manual: bool,
    /// Resolved or closed on the platform's side: no SLA countdown any more.
    pub finished: bool,
    /// The last successful or failed sync.
    pub last_synced_at: Option<String>,
    pub next_sync_at: Option<String>,
    /// When staff last replied.
    pub replied_at: Option<String>,
    /// Why syncing stopped or keeps failing: `auth`, `not_found`, `invalid`, `failing`; `None` when fine.
    pub problem_code: Option<String>,
    /// The same, as a sentence in the user's language (with what to do).
    pub problem: Option<String>,
}

/// A promised callback with its countdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct CallbackView {
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
    pub case_id: String,
    /// The channel that promised it (`vip_exclusive`, `hotline` …), with its label.
    pub channel: Coded,
    pub requested_at: String,
    /// The promised time: the countdown's target.
    pub due_at: String,
    /// When the callback counts as overdue (the tracker's grace after `due_at`), so the live
    /// countdown changes state at the same moment as the tracker's alarm.
    pub overdue_at: String,
    pub note: String,
    /// `waiting`, `due` (promised time passed, within 10 min grace), `overdue` or `done`, with its label.
    pub state: Coded,
    /// Seconds to `due_at` at the moment of the answer; negative once passed.
    #[cfg_attr(test, ts(type = "number"))]
    pub seconds_left: i64,
    /// `called`, `missed` or `cancelled`, with its label.
    pub outcome: Option<Coded>,
    pub outcome_at: Option<String>,
}

/// A deadline of the case: the 24 h recharge window or a ticket's business-day SLA.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct DeadlineView {
    pub kind: Labeled<DeadlineKind>,
    #[cfg_attr(test, ts(type = "number | null"))]
    pub ticket_id: Option<i64>,
    pub due_at: String,
    /// When "about to pass" is said.
    pub warn_at: String,
    #[cfg_attr(test, ts(type = "number"))]
    pub seconds_left: i64,
    pub passed: bool,
    /// What to do, in a sentence (for a passed SLA: the complaint route).
    pub hint: String,
}

/// The tracking section of a case page in one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct TrackingPanel {
    pub case_id: String,
    pub tickets: Vec<TicketView>,
    /// Newest request first.
    pub callbacks: Vec<CallbackView>,
    /// Soonest first.
    pub deadlines: Vec<DeadlineView>,
    /// The helpdesks a ticket can be created through.
    pub helpdesks: Vec<HelpdeskView>,
    /// Status words for a manual ticket, with labels.
    pub manual_statuses: Vec<Coded>,
    /// Callback outcomes, with labels.
    pub callback_outcomes: Vec<Coded>,
    /// The promises of the case's platform profile, in minutes: `vip_exclusive` (10 min) and
    /// the others (2 h), for the callback form's default.
    pub vip_callback_minutes: u32,
    pub callback_minutes: u32,
    /// The longest promise the tracker accepts, in minutes (the form refuses more).
    pub max_promise_minutes: u32,
}

/// An evidence file left out of a ticket's attachments, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct SkippedAttachment {
    pub name: String,
    /// `too_large` (over the 20 MB total), `unreadable`, `vault_locked`, `location_not_removed`
    /// (a photo or video whose location data could not be removed: not sent).
    pub code: String,
    pub reason: String,
}

/// What creating a ticket did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct TicketCreated {
    pub ticket: TicketView,
    /// The evidence files attached (their names).
    pub attached: Vec<String>,
    pub skipped: Vec<SkippedAttachment>,
    /// The attached photos whose location data was removed before sending.
    pub location_removed: Vec<String>,
}

/// "Ask for a callback".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
#[serde(default)]
pub struct CallbackForm {
    /// `vip_exclusive`, `hotline`, `online_chat` … (the channel that promised it).
    pub channel: String,
    /// Minutes promised; `None`: the platform profile's promise for the channel.
    pub promise_minutes: Option<u32>,
    /// When it was requested (`YYYY-MM-DDTHH:MM` local or RFC 3339); empty: now.
    pub requested_at: String,
    pub note: String,
}

/// A callback awaited from the home screen, with the case opened for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct AwaitedCall {
    pub case_id: String,
    pub callback: CallbackView,
}

/// A ticket the user opened elsewhere (web form, e-mail, phone): its number, tracked by hand.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
#[serde(default)]
pub struct ManualTicketForm {
    /// A `manual` helpdesk by name; `None`: the built-in one named `manual`.
    pub helpdesk: Option<String>,
    /// The ticket number the platform gave.
    pub remote_id: String,
    /// The status word (`new`, `open`, `pending`, `resolved`, `closed`); empty: `new`.
    pub status: String,
    /// The ticket's web page, if any (`https://…`).
    pub url: String,
}

/// "Paid at T, expecting delivery within N minutes".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
#[serde(default)]
pub struct OrderWatchForm {
    pub order_id: String,
    pub product: String,
    /// Yuan, as typed.
    pub amount: String,
    pub platform_id: Option<String>,
    /// `YYYY-MM-DDTHH:MM` local or RFC 3339; empty: now.
    pub paid_at: String,
    pub within_minutes: u32,
}

/// A watched order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct OrderWatchView {
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
    pub order_id: String,
    pub product: String,
    pub amount: String,
    pub platform_id: Option<String>,
    pub paid_at: String,
    pub expected_at: String,
    /// `waiting`, `late`, `delivered`, `dismissed`, `case_opened`, with its label.
    pub state: Coded,
    /// The case opened from it.
    pub case_id: Option<String>,
    /// Seconds to `expected_at`; negative once passed.
    #[cfg_attr(test, ts(type = "number"))]
    pub seconds_left: i64,
}

/// One entry of the in-app notification list (kept even when the OS one vanished or was muted).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct NotificationView {
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
    pub at: String,
    pub kind: Labeled<NotificationKind>,
    /// The case it is about; clicking opens it.
    pub case_id: Option<String>,
    /// Plain text (render as text, never HTML).
    pub title: String,
    pub body: String,
    pub read: bool,
    /// For `order_late`: the watch, so the UI can offer "open a case" / "it arrived".
    #[cfg_attr(test, ts(type = "number | null"))]
    pub order_watch_id: Option<i64>,
}

/// The in-app list, newest first, and how many are unread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct NotificationList {
    pub items: Vec<NotificationView>,
    pub unread: u32,
}

/// One kind of notification and whether it reaches the OS.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct NotifyKindPref {
    pub code: String,
    pub label: String,
    pub enabled: bool,
}

/// Which kinds are shown as OS notifications (all are kept in the in-app list).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct NotifyPrefs {
    pub kinds: Vec<NotifyKindPref>,
}

/// [`UiEvent::TrackerChanged`]: a tracker pass (or a command) changed something; refresh what is
/// on screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct TrackerChanged {
    pub unread: u32,
    /// Cases whose tracking changed in this pass (may be empty: then refresh what is shown).
    pub cases: Vec<String>,
}

/// [`UiEvent::OpenCase`]: the user clicked a notification; show this case (or, for an order watch,
/// its notification).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct OpenRequest {
    pub case_id: Option<String>,
    #[cfg_attr(test, ts(type = "number"))]
    pub notification_id: i64,
    #[cfg_attr(test, ts(type = "number | null"))]
    pub order_watch_id: Option<i64>,
}

/// [`UiEvent::TrayHidden`], sent once (the first time the window is closed): the app keeps
/// tracking in the tray; show `text` as a hint when the window is next visible.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct TrayHint {
    /// "窗口已关闭，售后直达仍在托盘中继续跟踪…", in the user's language.
    pub text: String,
}

/// What the app tells its page without being asked, one message at a time on the channel the
/// page opens at start (the shell's `ui_events` command). Tagged by `kind`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum UiEvent {
    TrackerChanged(TrackerChanged),
    OpenCase(OpenRequest),
    TrayHidden(TrayHint),
}
