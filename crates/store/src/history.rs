//! What happened on a case: contact attempts, the timeline, reminders. Each write that implies a
//! timeline entry makes it in the same transaction, so history and timeline always agree.

use rusqlite::{Connection, Row};

use crate::cases::change_status;
use crate::error::{Error, Result};
use crate::rows::{
    ContactRow, EventRow, NewContact, NewEvent, NewReminder, ReminderRow, TimelinePage,
};
use crate::store::{require_case, Store};
use crate::validate;

const CONTACT_COLUMNS: &str = "id, case_id, at, channel, outcome, note, reference";
const EVENT_COLUMNS: &str = "id, case_id, at, kind, summary, data_json";
/// A history's order, and its reverse: the columns of index `events_by_case_instant` after
/// `case_id`, so SQLite reads a case's events in this order without sorting them.
const EVENT_ORDER: &str = "unixepoch(at), at, id";
const EVENT_ORDER_NEWEST: &str = "unixepoch(at) DESC, at DESC, id DESC";
const REMINDER_COLUMNS: &str = "id, case_id, due_at, kind, message, done";

fn contact(r: &Row<'_>) -> rusqlite::Result<ContactRow> {
    Ok(ContactRow {
        id: r.get(0)?,
        case_id: r.get(1)?,
        at: r.get(2)?,
        channel: r.get(3)?,
        outcome: r.get(4)?,
        note: r.get(5)?,
        reference: r.get(6)?,
    })
}

fn event(r: &Row<'_>) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        id: r.get(0)?,
        case_id: r.get(1)?,
        at: r.get(2)?,
        kind: r.get(3)?,
        summary: r.get(4)?,
        data_json: r.get(5)?,
    })
}

fn reminder(r: &Row<'_>) -> rusqlite::Result<ReminderRow> {
    Ok(ReminderRow {
        id: r.get(0)?,
        case_id: r.get(1)?,
        due_at: r.get(2)?,
        kind: r.get(3)?,
        message: r.get(4)?,
        done: r.get(5)?,
    })
}

pub(crate) fn insert_event(conn: &Connection, case_id: &str, e: &NewEvent) -> Result<EventRow> {
    Ok(conn.query_row(
        &format!(
            "INSERT INTO events (case_id, at, kind, summary, data_json) VALUES (?1, ?2, ?3, ?4, ?5)
             RETURNING {EVENT_COLUMNS}"
        ),
        (case_id, &e.at, &e.kind, &e.summary, &e.data_json),
        event,
    )?)
}

pub(crate) fn validate_event(e: &NewEvent) -> Result<()> {
    validate::required("at", &e.at)?;
    validate::required("kind", &e.kind)?;
    validate::text("summary", &e.summary)?;
    validate::opt_text("data_json", e.data_json.as_deref())
}

/// All rows of one case, in the given order; `NotFound` for an unknown case, so the UI can tell
/// "no history yet" from "this case is gone".
pub(crate) fn list_for_case<T>(
    store: &Store,
    case_id: &str,
    sql: &str,
    map: fn(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let conn = store.conn();
    require_case(&conn, case_id)?;
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([case_id], map)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn validate_contact(c: &NewContact) -> Result<()> {
    validate::required("at", &c.at)?;
    validate::required("channel", &c.channel)?;
    validate::text("outcome", &c.outcome)?;
    validate::text("note", &c.note)?;
    validate::opt_text("reference", c.reference.as_deref())?;
    if let Some(status) = &c.status {
        validate::status(status)?;
    }
    Ok(())
}

/// Inside the caller's transaction: the contact, its timeline event, the case's `updated_at`
/// and status (see [`Store::add_contact`]).
pub(crate) fn insert_contact(tx: &Connection, case_id: &str, c: &NewContact) -> Result<ContactRow> {
    require_case(tx, case_id)?;
    let row = tx.query_row(
        &format!(
            "INSERT INTO contacts (case_id, at, channel, outcome, note, reference)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING {CONTACT_COLUMNS}"
        ),
        (
            case_id,
            &c.at,
            &c.channel,
            &c.outcome,
            &c.note,
            &c.reference,
        ),
        contact,
    )?;
    // json_object quotes the values itself, so no serde_json and no hand-escaping.
    let data: String = tx.query_row(
        "SELECT json_object('contact_id', ?1, 'reference', ?2)",
        (row.id, &row.reference),
        |r| r.get(0),
    )?;
    insert_event(
        tx,
        case_id,
        &NewEvent {
            at: c.at.clone(),
            kind: "contact".into(),
            summary: format!("{}: {}", c.channel, c.outcome),
            data_json: Some(data),
        },
    )?;
    tx.execute(
        "UPDATE cases SET updated_at = max(updated_at, ?2) WHERE id = ?1",
        (case_id, &c.at),
    )?;
    if let Some(status) = &c.status {
        change_status(tx, case_id, status, &c.at)?;
    }
    Ok(row)
}

impl Store {
    /// Records a contact, its "contact" timeline event (summary `channel: outcome`, data
    /// `{"contact_id", "reference"}`) and moves the case's `updated_at` forward to `c.at` —
    /// never backward, when the user logs a call from last week.
    pub fn add_contact(&self, case_id: &str, c: &NewContact) -> Result<ContactRow> {
        validate_contact(c)?;
        self.write(|tx| insert_contact(tx, case_id, c))
    }

    /// Ordered by `at`, then id (insertion order for equal times).
    pub fn contacts(&self, case_id: &str) -> Result<Vec<ContactRow>> {
        list_for_case(
            self,
            case_id,
            &format!("SELECT {CONTACT_COLUMNS} FROM contacts WHERE case_id = ?1 ORDER BY at, id"),
            contact,
        )
    }

    pub fn add_event(&self, case_id: &str, e: &NewEvent) -> Result<EventRow> {
        validate_event(e)?;
        self.write(|tx| {
            require_case(tx, case_id)?;
            insert_event(tx, case_id, e)
        })
    }

    /// The whole history, ordered by the instant of `at` (rows written with another UTC offset
    /// sort by their moment), then `at`, then id (insertion order for equal times).
    pub fn timeline(&self, case_id: &str) -> Result<Vec<EventRow>> {
        list_for_case(
            self,
            case_id,
            &format!(
                "SELECT {EVENT_COLUMNS} FROM events WHERE case_id = ?1
                 ORDER BY {EVENT_ORDER}"
            ),
            event,
        )
    }

    /// At most `limit` events of the history, those just before the `skip` newest, oldest first
    /// (the order of [`Store::timeline`]), and the case's count of events. A case of years has
    /// thousands: its page opens with the newest and reads earlier ones when asked. Read off the
    /// index that is this order (migration 0009), so a page does not read the rest.
    pub fn timeline_page(&self, case_id: &str, skip: u32, limit: u32) -> Result<TimelinePage> {
        let conn = self.conn();
        require_case(&conn, case_id)?;
        let total: u32 = conn.query_row(
            "SELECT count(*) FROM events WHERE case_id = ?1",
            [case_id],
            |r| r.get(0),
        )?;
        let mut stmt = conn.prepare(&format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE case_id = ?1
             ORDER BY {EVENT_ORDER_NEWEST} LIMIT ?2 OFFSET ?3"
        ))?;
        let mut events = stmt
            .query_map((case_id, limit, skip), event)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        events.reverse();
        Ok(TimelinePage { events, total })
    }

    /// Whether the case's history holds an event of this kind.
    pub fn has_event(&self, case_id: &str, kind: &str) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM events WHERE case_id = ?1 AND kind = ?2)",
            (case_id, kind),
            |r| r.get(0),
        )?)
    }

    /// Adds the reminder and a "reminder" timeline event at `due_at` (the store has no clock;
    /// the timeline shows the reminder where it will fire), data `{"reminder_id", "kind"}`.
    pub fn add_reminder(&self, case_id: &str, r: &NewReminder) -> Result<ReminderRow> {
        validate::required("due_at", &r.due_at)?;
        validate::required("kind", &r.kind)?;
        validate::text("message", &r.message)?;
        self.write(|tx| {
            require_case(tx, case_id)?;
            let row = tx.query_row(
                &format!(
                    "INSERT INTO reminders (case_id, due_at, kind, message, done)
                     VALUES (?1, ?2, ?3, ?4, 0) RETURNING {REMINDER_COLUMNS}"
                ),
                (case_id, &r.due_at, &r.kind, &r.message),
                reminder,
            )?;
            let data: String = tx.query_row(
                "SELECT json_object('reminder_id', ?1, 'kind', ?2)",
                (row.id, &row.kind),
                |x| x.get(0),
            )?;
            insert_event(
                tx,
                case_id,
                &NewEvent {
                    at: r.due_at.clone(),
                    kind: "reminder".into(),
                    summary: r.message.clone(),
                    data_json: Some(data),
                },
            )?;
            Ok(row)
        })
    }

    /// All reminders of a case, done or not, by due time.
    pub fn reminders(&self, case_id: &str) -> Result<Vec<ReminderRow>> {
        list_for_case(
            self,
            case_id,
            &format!(
                "SELECT {REMINDER_COLUMNS} FROM reminders WHERE case_id = ?1 ORDER BY due_at, id"
            ),
            reminder,
        )
    }

    /// Reminders not yet done, across all cases, soonest first (what the tracker polls).
    pub fn pending_reminders(&self) -> Result<Vec<ReminderRow>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {REMINDER_COLUMNS} FROM reminders WHERE done = 0 ORDER BY due_at, id"
        ))?;
        let rows = stmt.query_map([], reminder)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Marks a reminder done; completing it twice is fine (a notification clicked twice).
    pub fn complete_reminder(&self, id: i64) -> Result<()> {
        let changed = self
            .conn()
            .execute("UPDATE reminders SET done = 1 WHERE id = ?1", [id])?;
        if changed == 0 {
            return Err(Error::not_found("reminder", id.to_string()));
        }
        Ok(())
    }
}
