//! The plain data that goes in and comes out. Times are RFC 3339 strings chosen by the caller:
//! the store never reads a clock, so every behaviour is testable at a fixed moment. Lists sort
//! these strings as text, so callers should use one format (UTC, `...Z`) throughout.

/// What the wizard knows when the user saves a new case.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCase {
    pub at: String,
    pub title: String,
    pub platform_id: Option<String>,
    /// The wizard's intake (problem, facts, amounts) as JSON; opaque to the store.
    pub intake_json: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CaseRow {
    /// 16 lowercase hex characters.
    pub id: String,
    pub created_at: String,
    pub updated_at: String,
    pub title: String,
    pub platform_id: Option<String>,
    /// One of [`crate::CASE_STATUSES`]; "open" when created.
    pub status: String,
    pub intake_json: String,
}

/// A partial edit: `None` leaves a field unchanged. `platform_id: Some(None)` clears it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CaseUpdate {
    pub at: String,
    pub title: Option<String>,
    pub platform_id: Option<Option<String>>,
    pub status: Option<String>,
    pub intake_json: Option<String>,
    /// The timeline entry for this change ("edited", …), written in the same transaction.
    pub event: Option<NewEvent>,
}

/// One attempt to reach the platform (a call, a chat, a form) and what came of it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewContact {
    pub at: String,
    pub channel: String,
    pub outcome: String,
    pub note: String,
    /// A ticket number or similar the platform gave the user.
    pub reference: Option<String>,
    /// The case's status after this contact (e.g. "waiting" when the platform said it is on it).
    /// When it differs, it changes with a "status" event, in the contact's transaction.
    pub status: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ContactRow {
    pub id: i64,
    pub case_id: String,
    pub at: String,
    pub channel: String,
    pub outcome: String,
    pub note: String,
    pub reference: Option<String>,
}

/// A timeline entry. Kinds used by callers: "created", "contact", "edited", "status",
/// "reminder", "note".
#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent {
    pub at: String,
    pub kind: String,
    pub summary: String,
    pub data_json: Option<String>,
}

/// Part of a case's history (see [`crate::Store::timeline_page`]): its events oldest first, and
/// how many the case has in all.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelinePage {
    pub events: Vec<EventRow>,
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    pub id: i64,
    pub case_id: String,
    pub at: String,
    pub kind: String,
    pub summary: String,
    pub data_json: Option<String>,
}

/// "Remind me when the phone line opens", "follow up if no answer in 7 days" …
#[derive(Debug, Clone, PartialEq)]
pub struct NewReminder {
    pub due_at: String,
    pub kind: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReminderRow {
    pub id: i64,
    pub case_id: String,
    pub due_at: String,
    pub kind: String,
    pub message: String,
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DraftRow {
    pub key: String,
    pub body: String,
    pub updated_at: String,
}

/// An entry of the user's platform directory; `profile_toml` is a core `PlatformProfile`.
#[derive(Debug, Clone, PartialEq)]
pub struct PlatformRow {
    pub id: String,
    pub name: String,
    pub profile_toml: String,
    pub vip: bool,
    pub verified: bool,
    pub updated_at: String,
}

/// One evidence item as the vault records it after its file is on disk.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEvidence {
    pub added_at: String,
    /// SHA-256 of the original bytes, 64 lowercase hex digits.
    pub sha256: String,
    /// One of [`crate::EVIDENCE_KINDS`].
    pub kind: String,
    pub caption: String,
    pub original_name: String,
    pub size: i64,
    pub media_type: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub taken_at: Option<String>,
    /// exif | file | pasted | unknown
    pub taken_source: String,
    pub has_thumbnail: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceRow {
    pub id: String,
    pub case_id: String,
    pub sha256: String,
    pub kind: String,
    pub caption: String,
    pub original_name: String,
    pub size: i64,
    pub media_type: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub taken_at: Option<String>,
    pub taken_source: String,
    pub added_at: String,
    pub has_thumbnail: bool,
}
