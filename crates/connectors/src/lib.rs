//! reachright-connectors — the helpdesks a case's ticket can live in, behind one trait.
//!
//! The contract below is shared by the implementations in this crate (Request Tracker 5 REST2,
//! Zendesk's end-user Requests API, manual) and by `reachright-engine`, which polls them. It is
//! deliberately small: create a ticket, poll it for what changed since a cursor, add a reply.

use std::future::Future;
use std::time::Duration;

use serde::{Deserialize, Serialize};

mod any;
mod error;
mod http;
mod ids;
mod manual;
mod multipart;
mod rt;
mod text;
mod zendesk;

pub use any::{AnyHelpdesk, HelpdeskConfig, HelpdeskKind};
pub use error::{Error, Result};
pub use http::MAX_BODY;
pub use http::{parse_retry_after, HttpOptions, Jitter, Secret, Sleeper, TokioSleeper};
pub use ids::origin_of;
pub use manual::Manual;
pub use rt::{Rt, RtConfig};
pub use text::html_to_text;
pub use zendesk::{Zendesk, ZendeskAuth};

/// What the user sends when opening a ticket. `subject` already follows domain.md's
/// `订单号-问题类型-紧急程度`; `body` is the composer's ticket text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTicket {
    pub subject: String,
    pub body: String,
    /// The customer's e-mail where the helpdesk needs one (RT's `Requestor`).
    pub requester: Option<String>,
    pub attachments: Vec<Attachment>,
}

/// One decrypted evidence file to attach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// One ticket the user asked for, across every attempt to create it. The caller keeps it in a
/// pending row written *before* the first attempt, so a retry after a timeout, a lost answer or
/// a crash reuses it and the helpdesk never opens a second ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// Unique per ticket asked for (Zendesk's `Idempotency-Key`; at most 255 characters).
    pub key: String,
    /// When the first attempt started, UTC, as `YYYY-MM-DD HH:MM:SS`: a lower bound on the
    /// creation time of a ticket an earlier attempt may have opened.
    pub since: String,
    /// An earlier attempt may have reached the server: look for its ticket before creating.
    pub retry: bool,
}

/// The helpdesk's answer to a create: its id for the ticket and, where it has one, a web link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Created {
    pub id: String,
    pub url: Option<String>,
}

/// Where the last poll left off; stored by the tracker as JSON between runs (and app restarts).
/// `etag` makes an idle poll a 304; `seen` is the backend's marker of the newest item already
/// reported (a transaction id, a comment id), so nothing is reported twice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub etag: Option<String>,
    pub seen: Option<String>,
    pub status: Option<String>,
}

/// One thing that happened on the ticket since the cursor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Update {
    /// The helpdesk's own status word (RT: new/open/stalled/resolved/rejected; Zendesk: new/open/pending/hold/solved/closed).
    Status { status: String },
    /// A public reply from the platform's staff (never the user's own messages); plain text.
    Reply {
        author: String,
        text: String,
        at: Option<String>,
    },
}

/// The result of one poll: the updates in the order they happened, and the cursor to store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Poll {
    /// False when the server said nothing changed (a 304), so the tracker can skip all work.
    pub changed: bool,
    pub updates: Vec<Update>,
    pub cursor: Cursor,
}

impl Poll {
    /// Nothing happened since `cursor` (a 304, or a manual ticket): no updates, the cursor kept.
    pub fn unchanged(cursor: &Cursor) -> Poll {
        Poll {
            changed: false,
            updates: Vec::new(),
            cursor: cursor.clone(),
        }
    }
}

/// A helpdesk backend. Futures are `Send` so the app's tokio runtime can run them anywhere.
pub trait Helpdesk: Send + Sync {
    fn create_ticket(&self, ticket: &NewTicket) -> impl Future<Output = Result<Created>> + Send;
    /// Creates the ticket at most once across the attempts sharing `attempt.key` (see
    /// [`Attempt`]). Backends without a way to tell (manual) just create.
    fn create_ticket_once(
        &self,
        ticket: &NewTicket,
        attempt: &Attempt,
    ) -> impl Future<Output = Result<Created>> + Send {
        let _ = attempt;
        self.create_ticket(ticket)
    }
    fn poll(&self, id: &str, cursor: &Cursor) -> impl Future<Output = Result<Poll>> + Send;
    fn reply(&self, id: &str, text: &str) -> impl Future<Output = Result<()>> + Send;
}

/// How long a request may take before it counts as a slow server (the tracker backs off after it).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);
