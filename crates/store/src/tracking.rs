//! Tracking state: the user's helpdesks, tickets linked to cases with their polling state,
//! promised callbacks, order watches, the in-app notification list and the marks that make each
//! warning be raised once.
//!
//! Why it lives here: the tracker must survive restarts and offline periods, so everything it
//! decides (the cursor, when to poll next, how many failures in a row, what was already said) is
//! committed with the timeline events and notifications of the same poll, in one transaction.
//! A crash between two polls never loses a change nor reports one twice.
//!
//! Helpdesk tokens are never stored here; the OS keychain keeps them under the helpdesk's name.

use rusqlite::{Connection, OptionalExtension, Row};

use crate::error::{Error, Result};
use crate::history::{insert_event, validate_event};
use crate::rows::NewEvent;
use crate::store::{require_case, Store};
use crate::validate;

/// The helpdesk backends a ticket can live in; the schema enforces the same list.
pub const HELPDESK_KINDS: [&str; 3] = ["rt", "zendesk", "manual"];

/// What a waiting callback can end as.
pub const CALLBACK_OUTCOMES: [&str; 3] = ["called", "missed", "cancelled"];

/// The states of an order watch: waiting for delivery, late (the user was told), and the three
/// ways it ends.
pub const ORDER_WATCH_STATES: [&str; 5] =
    ["waiting", "late", "delivered", "case_opened", "dismissed"];

/// A helpdesk the user's tickets live in. No token: see [`crate::tracking`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpdeskRow {
    pub name: String,
    /// One of [`HELPDESK_KINDS`].
    pub kind: String,
    /// The helpdesk's base address (`https://rt.example.com`); empty for a manual helpdesk.
    pub url: String,
    pub queue: Option<String>,
    pub email: Option<String>,
    pub created_at: String,
}

/// A ticket the user opened (through a connector, or typed in by hand for a manual helpdesk).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTicket {
    pub case_id: String,
    pub helpdesk: String,
    pub remote_id: String,
    pub url: Option<String>,
    pub subject: String,
    pub submitted_at: String,
    pub status: Option<String>,
    /// When to poll it first; `None` never polls (a manual helpdesk).
    pub next_poll_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketRow {
    pub id: i64,
    pub case_id: String,
    pub helpdesk: String,
    pub remote_id: String,
    pub url: Option<String>,
    pub subject: String,
    pub submitted_at: String,
    pub status: Option<String>,
    /// The connector's cursor as JSON (opaque to the store).
    pub cursor_json: String,
    pub next_poll_at: Option<String>,
    pub last_polled_at: Option<String>,
    /// When the last staff reply was seen (the platform answered: its SLA is met).
    pub replied_at: Option<String>,
    pub failures: u32,
    pub last_error: Option<String>,
    pub stopped: Option<String>,
}

/// Everything one poll of one ticket decided, written in one transaction.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TicketPoll {
    pub ticket_id: i64,
    /// When the poll happened (`last_polled_at`).
    pub at: String,
    /// The new status; `None` keeps the stored one.
    pub status: Option<String>,
    /// The new cursor; `None` keeps the stored one (a failed poll).
    pub cursor_json: Option<String>,
    pub next_poll_at: Option<String>,
    pub failures: u32,
    pub last_error: Option<String>,
    pub stopped: Option<String>,
    /// Set when the poll brought a staff reply.
    pub replied_at: Option<String>,
    /// Marks to forget (a problem that went away may be said again next time).
    pub clear_marks: Vec<String>,
    /// Timeline entries for the ticket's case ("ticket_status", "ticket_reply" …).
    pub events: Vec<NewEvent>,
    pub notifications: Vec<NewNotification>,
    /// The ticket's polling state as the pass read it before polling. When set, the outcome is
    /// applied only if the row still says exactly this: another pass (the CLI from cron and the
    /// app's loop) already applied the same news, or the user resumed the ticket meanwhile.
    pub read: Option<PollBase>,
}

/// The polling state of a ticket a poll started from (see [`TicketPoll::read`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PollBase {
    pub cursor_json: String,
    pub last_polled_at: Option<String>,
    pub next_poll_at: Option<String>,
    pub failures: u32,
    pub stopped: Option<String>,
}

impl PollBase {
    pub fn of(t: &TicketRow) -> Self {
        PollBase {
            cursor_json: t.cursor_json.clone(),
            last_polled_at: t.last_polled_at.clone(),
            next_poll_at: t.next_poll_at.clone(),
            failures: t.failures,
            stopped: t.stopped.clone(),
        }
    }
}

/// A notification to keep in the in-app list (and hand to the OS, if the user wants that kind).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewNotification {
    pub at: String,
    pub kind: String,
    pub case_id: Option<String>,
    pub title: String,
    pub body: String,
    pub data_json: Option<String>,
    /// When set, the notification is raised only if this mark was never set before, and the mark
    /// is set in the same transaction ("raised once", across restarts).
    pub mark: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationRow {
    pub id: i64,
    pub at: String,
    pub kind: String,
    pub case_id: Option<String>,
    pub title: String,
    pub body: String,
    pub data_json: Option<String>,
    pub read: bool,
}

/// "The agent promised to call back": requested at `requested_at`, due at `due_at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCallback {
    pub case_id: String,
    /// The channel of the promise (`vip_exclusive`, `phone`).
    pub channel: String,
    pub requested_at: String,
    pub due_at: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallbackRow {
    pub id: i64,
    pub case_id: String,
    pub channel: String,
    pub requested_at: String,
    pub due_at: String,
    pub note: String,
    /// `None` while waiting, then one of [`CALLBACK_OUTCOMES`].
    pub outcome: Option<String>,
    pub outcome_at: Option<String>,
}

/// "Paid at `paid_at`, expecting delivery by `expected_at`."
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrderWatch {
    pub order_id: String,
    pub product: String,
    pub amount: String,
    pub platform_id: Option<String>,
    pub paid_at: String,
    pub expected_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderWatchRow {
    pub id: i64,
    pub order_id: String,
    pub product: String,
    pub amount: String,
    pub platform_id: Option<String>,
    pub paid_at: String,
    pub expected_at: String,
    /// One of [`ORDER_WATCH_STATES`].
    pub state: String,
    pub case_id: Option<String>,
    pub updated_at: String,
}

const HELPDESK_COLUMNS: &str = "name, kind, url, queue, email, created_at";
const TICKET_COLUMNS: &str =
    "id, case_id, helpdesk, remote_id, url, subject, submitted_at, status, \
     cursor_json, next_poll_at, last_polled_at, replied_at, failures, last_error, stopped";
const NOTIFICATION_COLUMNS: &str = "id, at, kind, case_id, title, body, data_json, read";
const CALLBACK_COLUMNS: &str =
    "id, case_id, channel, requested_at, due_at, note, outcome, outcome_at";
const WATCH_COLUMNS: &str =
    "id, order_id, product, amount, platform_id, paid_at, expected_at, state, case_id, updated_at";

fn helpdesk(r: &Row<'_>) -> rusqlite::Result<HelpdeskRow> {
    Ok(HelpdeskRow {
        name: r.get(0)?,
        kind: r.get(1)?,
        url: r.get(2)?,
        queue: r.get(3)?,
        email: r.get(4)?,
        created_at: r.get(5)?,
    })
}

fn ticket(r: &Row<'_>) -> rusqlite::Result<TicketRow> {
    Ok(TicketRow {
        id: r.get(0)?,
        case_id: r.get(1)?,
        helpdesk: r.get(2)?,
        remote_id: r.get(3)?,
        url: r.get(4)?,
        subject: r.get(5)?,
        submitted_at: r.get(6)?,
        status: r.get(7)?,
        cursor_json: r.get(8)?,
        next_poll_at: r.get(9)?,
        last_polled_at: r.get(10)?,
        replied_at: r.get(11)?,
        failures: r.get(12)?,
        last_error: r.get(13)?,
        stopped: r.get(14)?,
    })
}

fn notification(r: &Row<'_>) -> rusqlite::Result<NotificationRow> {
    Ok(NotificationRow {
        id: r.get(0)?,
        at: r.get(1)?,
        kind: r.get(2)?,
        case_id: r.get(3)?,
        title: r.get(4)?,
        body: r.get(5)?,
        data_json: r.get(6)?,
        read: r.get(7)?,
    })
}

fn callback(r: &Row<'_>) -> rusqlite::Result<CallbackRow> {
    Ok(CallbackRow {
        id: r.get(0)?,
        case_id: r.get(1)?,
        channel: r.get(2)?,
        requested_at: r.get(3)?,
        due_at: r.get(4)?,
        note: r.get(5)?,
        outcome: r.get(6)?,
        outcome_at: r.get(7)?,
    })
}

fn watch(r: &Row<'_>) -> rusqlite::Result<OrderWatchRow> {
    Ok(OrderWatchRow {
        id: r.get(0)?,
        order_id: r.get(1)?,
        product: r.get(2)?,
        amount: r.get(3)?,
        platform_id: r.get(4)?,
        paid_at: r.get(5)?,
        expected_at: r.get(6)?,
        state: r.get(7)?,
        case_id: r.get(8)?,
        updated_at: r.get(9)?,
    })
}

fn one_of(field: &'static str, value: &str, allowed: &[&str]) -> Result<()> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            format!("`{value}` is not one of {}", allowed.join(", ")),
        ))
    }
}

fn validate_helpdesk(h: &HelpdeskRow) -> Result<()> {
    validate::required("name", &h.name)?;
    if h.name.chars().count() > 64 || h.name.chars().any(char::is_control) {
        return Err(Error::invalid(
            "name",
            "must be at most 64 characters, without control characters",
        ));
    }
    one_of("kind", &h.kind, &HELPDESK_KINDS)?;
    validate::text("url", &h.url)?;
    let web = h.url.starts_with("https://") || h.url.starts_with("http://");
    if h.kind != "manual" && !web {
        return Err(Error::invalid("url", "must be an http(s) address"));
    }
    if h.kind == "manual" && !(h.url.is_empty() || web) {
        return Err(Error::invalid("url", "must be empty or an http(s) address"));
    }
    if h.url.chars().any(char::is_whitespace) {
        return Err(Error::invalid("url", "must not contain spaces"));
    }
    validate::opt_text("queue", h.queue.as_deref())?;
    if let Some(email) = &h.email {
        if !email.contains('@') || email.chars().any(char::is_whitespace) {
            return Err(Error::invalid("email", "is not an e-mail address"));
        }
    }
    validate::required("created_at", &h.created_at)
}

impl HelpdeskRow {
    /// The checks [`Store::save_helpdesk`] makes, for callers that must refuse a bad address
    /// before asking the user for a token.
    pub fn check(&self) -> Result<()> {
        validate_helpdesk(self)
    }
}

fn validate_notification(n: &NewNotification) -> Result<()> {
    validate::required("at", &n.at)?;
    validate::required("kind", &n.kind)?;
    validate::required("title", &n.title)?;
    validate::text("body", &n.body)?;
    validate::opt_text("data_json", n.data_json.as_deref())?;
    validate::opt_text("mark", n.mark.as_deref())
}

fn load_ticket(conn: &Connection, id: i64) -> Result<TicketRow> {
    conn.query_row(
        &format!("SELECT {TICKET_COLUMNS} FROM tickets WHERE id = ?1"),
        [id],
        ticket,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("ticket", id.to_string()))
}

fn load_callback(conn: &Connection, id: i64) -> Result<CallbackRow> {
    conn.query_row(
        &format!("SELECT {CALLBACK_COLUMNS} FROM callbacks WHERE id = ?1"),
        [id],
        callback,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("callback", id.to_string()))
}

/// Inside the caller's transaction: insert the notification unless its mark is already set.
fn insert_notification(tx: &Connection, n: &NewNotification) -> Result<Option<NotificationRow>> {
    if let Some(mark) = &n.mark {
        let fresh = tx.execute(
            "INSERT INTO tracker_marks (key, at) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING",
            (mark, &n.at),
        )?;
        if fresh == 0 {
            return Ok(None);
        }
    }
    // A case deleted while the tracker was busy: keep the notification, unlinked.
    let case_id = match &n.case_id {
        Some(id) if require_case(tx, id).is_ok() => Some(id.as_str()),
        _ => None,
    };
    Ok(Some(tx.query_row(
        &format!(
            "INSERT INTO notifications (at, kind, case_id, title, body, data_json, read)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0) RETURNING {NOTIFICATION_COLUMNS}"
        ),
        (&n.at, &n.kind, case_id, &n.title, &n.body, &n.data_json),
        notification,
    )?))
}

fn list<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    map: fn(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(params, map)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn event(at: &str, kind: &str, summary: String, data: String) -> NewEvent {
    NewEvent {
        at: at.into(),
        kind: kind.into(),
        summary,
        data_json: Some(data),
    }
}

impl Store {
    // ---- helpdesks ----

    /// Add a helpdesk, or update its address, queue and e-mail when the name exists
    /// (`created_at` then stays the first one).
    pub fn save_helpdesk(&self, h: &HelpdeskRow) -> Result<HelpdeskRow> {
        validate_helpdesk(h)?;
        self.write(|tx| {
            Ok(tx.query_row(
                &format!(
                    "INSERT INTO helpdesks (name, kind, url, queue, email, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, url = excluded.url,
                         queue = excluded.queue, email = excluded.email
                     RETURNING {HELPDESK_COLUMNS}"
                ),
                (&h.name, &h.kind, &h.url, &h.queue, &h.email, &h.created_at),
                helpdesk,
            )?)
        })
    }

    pub fn helpdesk(&self, name: &str) -> Result<HelpdeskRow> {
        self.conn()
            .query_row(
                &format!("SELECT {HELPDESK_COLUMNS} FROM helpdesks WHERE name = ?1"),
                [name],
                helpdesk,
            )
            .optional()?
            .ok_or_else(|| Error::not_found("helpdesk", name))
    }

    /// By name.
    pub fn helpdesks(&self) -> Result<Vec<HelpdeskRow>> {
        list(
            &self.conn(),
            &format!("SELECT {HELPDESK_COLUMNS} FROM helpdesks ORDER BY name"),
            [],
            helpdesk,
        )
    }

    /// Refused while tickets still point at it (their history would lose its source).
    pub fn delete_helpdesk(&self, name: &str) -> Result<()> {
        self.write(|tx| {
            let used: i64 = tx.query_row(
                "SELECT count(*) FROM tickets WHERE helpdesk = ?1",
                [name],
                |r| r.get(0),
            )?;
            if used > 0 {
                return Err(Error::invalid(
                    "name",
                    format!("{used} tickets still use this helpdesk"),
                ));
            }
            if tx.execute("DELETE FROM helpdesks WHERE name = ?1", [name])? == 0 {
                return Err(Error::not_found("helpdesk", name));
            }
            Ok(())
        })
    }

    // ---- tickets ----

    /// Link a ticket to its case. In the same transaction: a `ticket` contact with outcome
    /// `pending` and the ticket number as reference (so the recommender waits for the ticket's
    /// SLA instead of urging), and a "ticket_created" timeline event.
    pub fn add_ticket(&self, t: &NewTicket) -> Result<TicketRow> {
        validate::required("remote_id", &t.remote_id)?;
        validate::required("helpdesk", &t.helpdesk)?;
        validate::text("subject", &t.subject)?;
        validate::required("submitted_at", &t.submitted_at)?;
        validate::opt_text("url", t.url.as_deref())?;
        validate::opt_text("status", t.status.as_deref())?;
        self.write(|tx| {
            require_case(tx, &t.case_id)?;
            let known = tx
                .query_row(
                    "SELECT 1 FROM helpdesks WHERE name = ?1",
                    [&t.helpdesk],
                    |_| Ok(()),
                )
                .optional()?;
            known.ok_or_else(|| Error::not_found("helpdesk", t.helpdesk.as_str()))?;
            let row = tx
                .query_row(
                    &format!(
                        "INSERT INTO tickets (case_id, helpdesk, remote_id, url, subject,
                             submitted_at, status, next_poll_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING {TICKET_COLUMNS}"
                    ),
                    (
                        &t.case_id,
                        &t.helpdesk,
                        &t.remote_id,
                        &t.url,
                        &t.subject,
                        &t.submitted_at,
                        &t.status,
                        &t.next_poll_at,
                    ),
                    ticket,
                )
                .map_err(|e| match e {
                    rusqlite::Error::SqliteFailure(f, _)
                        if f.code == rusqlite::ErrorCode::ConstraintViolation =>
                    {
                        Error::invalid(
                            "remote_id",
                            "this helpdesk already has a ticket with this id",
                        )
                    }
                    other => other.into(),
                })?;
            let contact_id: i64 = tx.query_row(
                "INSERT INTO contacts (case_id, at, channel, outcome, note, reference)
                 VALUES (?1, ?2, 'ticket', 'pending', ?3, ?4) RETURNING id",
                (&t.case_id, &t.submitted_at, &t.subject, &t.remote_id),
                |r| r.get(0),
            )?;
            let data: String = tx.query_row(
                "SELECT json_object('contact_id', ?1, 'reference', ?2, 'ticket_id', ?3,
                     'helpdesk', ?4)",
                (contact_id, &t.remote_id, row.id, &t.helpdesk),
                |r| r.get(0),
            )?;
            insert_event(
                tx,
                &t.case_id,
                &event(
                    &t.submitted_at,
                    "contact",
                    "ticket: pending".into(),
                    data.clone(),
                ),
            )?;
            insert_event(
                tx,
                &t.case_id,
                &event(&t.submitted_at, "ticket_created", t.subject.clone(), data),
            )?;
            tx.execute(
                "UPDATE cases SET updated_at = max(updated_at, ?2) WHERE id = ?1",
                (&t.case_id, &t.submitted_at),
            )?;
            Ok(row)
        })
    }

    pub fn ticket(&self, id: i64) -> Result<TicketRow> {
        load_ticket(&self.conn(), id)
    }

    /// The case's tickets, oldest first.
    pub fn tickets_for_case(&self, case_id: &str) -> Result<Vec<TicketRow>> {
        let conn = self.conn();
        require_case(&conn, case_id)?;
        list(
            &conn,
            &format!("SELECT {TICKET_COLUMNS} FROM tickets WHERE case_id = ?1 ORDER BY id"),
            [case_id],
            ticket,
        )
    }

    /// Every ticket, oldest first (deadlines are computed for stopped ones too).
    pub fn all_tickets(&self) -> Result<Vec<TicketRow>> {
        list(
            &self.conn(),
            &format!("SELECT {TICKET_COLUMNS} FROM tickets ORDER BY id"),
            [],
            ticket,
        )
    }

    /// Tickets whose `next_poll_at` is at or before `now`, most overdue first.
    pub fn due_tickets(&self, now: &str) -> Result<Vec<TicketRow>> {
        list(
            &self.conn(),
            &format!(
                "SELECT {TICKET_COLUMNS} FROM tickets
                 WHERE next_poll_at IS NOT NULL AND next_poll_at <= ?1
                 ORDER BY next_poll_at, id"
            ),
            [now],
            ticket,
        )
    }

    /// The earliest `next_poll_at` of all polled tickets (what the runner sleeps until).
    pub fn next_ticket_poll(&self) -> Result<Option<String>> {
        Ok(self.conn().query_row(
            "SELECT min(next_poll_at) FROM tickets WHERE next_poll_at IS NOT NULL",
            [],
            |r| r.get(0),
        )?)
    }

    /// Write one poll's outcome: polling state, timeline events and notifications, atomically.
    /// Returns the notifications actually raised (a marked one already raised is skipped), or
    /// `None` when the outcome was dropped because the row changed since [`TicketPoll::read`]
    /// (nothing written: no events, no notifications).
    pub fn apply_ticket_poll(&self, p: &TicketPoll) -> Result<Option<Vec<NotificationRow>>> {
        validate::required("at", &p.at)?;
        validate::opt_text("status", p.status.as_deref())?;
        validate::opt_text("cursor_json", p.cursor_json.as_deref())?;
        validate::opt_text("last_error", p.last_error.as_deref())?;
        validate::opt_text("stopped", p.stopped.as_deref())?;
        for e in &p.events {
            validate_event(e)?;
        }
        for n in &p.notifications {
            validate_notification(n)?;
        }
        self.write(|tx| {
            let row = load_ticket(tx, p.ticket_id)?;
            if p.read
                .as_ref()
                .is_some_and(|read| *read != PollBase::of(&row))
            {
                return Ok(None);
            }
            tx.execute(
                "UPDATE tickets SET status = coalesce(?2, status),
                     cursor_json = coalesce(?3, cursor_json), next_poll_at = ?4,
                     last_polled_at = ?5, failures = ?6, last_error = ?7, stopped = ?8,
                     replied_at = coalesce(?9, replied_at)
                 WHERE id = ?1",
                (
                    p.ticket_id,
                    &p.status,
                    &p.cursor_json,
                    &p.next_poll_at,
                    &p.at,
                    p.failures,
                    &p.last_error,
                    &p.stopped,
                    &p.replied_at,
                ),
            )?;
            for key in &p.clear_marks {
                tx.execute("DELETE FROM tracker_marks WHERE key = ?1", [key])?;
            }
            for e in &p.events {
                insert_event(tx, &row.case_id, e)?;
            }
            if !p.events.is_empty() {
                tx.execute(
                    "UPDATE cases SET updated_at = max(updated_at, ?2) WHERE id = ?1",
                    (&row.case_id, &p.at),
                )?;
            }
            let mut raised = Vec::new();
            for n in &p.notifications {
                raised.extend(insert_notification(tx, n)?);
            }
            Ok(Some(raised))
        })
    }

    /// Poll a stopped ticket again from `at` (the user fixed the token, or reopened it), with
    /// fresh failure count; its sync-problem marks are cleared so a new problem is said again.
    pub fn resume_ticket(&self, id: i64, at: &str) -> Result<TicketRow> {
        validate::required("at", at)?;
        self.write(|tx| {
            load_ticket(tx, id)?;
            tx.execute(
                "UPDATE tickets SET stopped = NULL, failures = 0, last_error = NULL,
                     next_poll_at = ?2 WHERE id = ?1",
                (id, at),
            )?;
            tx.execute(
                "DELETE FROM tracker_marks WHERE key LIKE ?1",
                [format!("sync:ticket:{id}:%")],
            )?;
            load_ticket(tx, id)
        })
    }

    /// Resume every ticket of the helpdesk that stopped on an auth error (after a new token).
    /// Returns how many.
    pub fn resume_helpdesk(&self, name: &str, at: &str) -> Result<usize> {
        validate::required("at", at)?;
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE tickets SET stopped = NULL, failures = 0, last_error = NULL,
                     next_poll_at = ?2 WHERE helpdesk = ?1 AND stopped = 'auth'",
                (name, at),
            )?;
            tx.execute(
                "DELETE FROM tracker_marks WHERE key = ?1",
                [format!("sync:helpdesk:{name}:auth")],
            )?;
            Ok(n)
        })
    }

    /// A manual helpdesk: the user sets the status by hand; logged as a "ticket_status" event.
    /// `next_poll_at` is left as it is.
    pub fn set_ticket_status(&self, id: i64, status: &str, at: &str) -> Result<TicketRow> {
        validate::required("status", status)?;
        validate::required("at", at)?;
        self.write(|tx| {
            let row = load_ticket(tx, id)?;
            tx.execute("UPDATE tickets SET status = ?2 WHERE id = ?1", (id, status))?;
            let data: String = tx.query_row(
                "SELECT json_object('ticket_id', ?1, 'remote_id', ?2, 'status', ?3)",
                (id, &row.remote_id, status),
                |r| r.get(0),
            )?;
            insert_event(
                tx,
                &row.case_id,
                &event(
                    at,
                    "ticket_status",
                    format!("#{}: {status}", row.remote_id),
                    data,
                ),
            )?;
            load_ticket(tx, id)
        })
    }

    // ---- callbacks ----

    /// Log "callback requested" with its promised time, and a "callback_requested" event.
    pub fn add_callback(&self, c: &NewCallback) -> Result<CallbackRow> {
        validate::required("channel", &c.channel)?;
        validate::required("requested_at", &c.requested_at)?;
        validate::required("due_at", &c.due_at)?;
        validate::text("note", &c.note)?;
        if c.due_at < c.requested_at {
            return Err(Error::invalid("due_at", "must not be before requested_at"));
        }
        self.write(|tx| {
            require_case(tx, &c.case_id)?;
            let row = tx.query_row(
                &format!(
                    "INSERT INTO callbacks (case_id, channel, requested_at, due_at, note)
                     VALUES (?1, ?2, ?3, ?4, ?5) RETURNING {CALLBACK_COLUMNS}"
                ),
                (&c.case_id, &c.channel, &c.requested_at, &c.due_at, &c.note),
                callback,
            )?;
            let data: String = tx.query_row(
                "SELECT json_object('callback_id', ?1, 'channel', ?2, 'due_at', ?3)",
                (row.id, &row.channel, &row.due_at),
                |r| r.get(0),
            )?;
            insert_event(
                tx,
                &c.case_id,
                &event(&c.requested_at, "callback_requested", c.note.clone(), data),
            )?;
            Ok(row)
        })
    }

    pub fn callback(&self, id: i64) -> Result<CallbackRow> {
        load_callback(&self.conn(), id)
    }

    pub fn callbacks(&self, case_id: &str) -> Result<Vec<CallbackRow>> {
        let conn = self.conn();
        require_case(&conn, case_id)?;
        list(
            &conn,
            &format!(
                "SELECT {CALLBACK_COLUMNS} FROM callbacks WHERE case_id = ?1 ORDER BY due_at, id"
            ),
            [case_id],
            callback,
        )
    }

    /// Callbacks without an outcome, across all cases, soonest first.
    pub fn waiting_callbacks(&self) -> Result<Vec<CallbackRow>> {
        list(
            &self.conn(),
            &format!(
                "SELECT {CALLBACK_COLUMNS} FROM callbacks WHERE outcome IS NULL ORDER BY due_at, id"
            ),
            [],
            callback,
        )
    }

    /// How the callback ended, with a "callback_outcome" event. Only once: a callback that
    /// already has an outcome is refused.
    pub fn set_callback_outcome(
        &self,
        id: i64,
        outcome: &str,
        at: &str,
        note: &str,
    ) -> Result<CallbackRow> {
        one_of("outcome", outcome, &CALLBACK_OUTCOMES)?;
        validate::required("at", at)?;
        validate::text("note", note)?;
        self.write(|tx| {
            let row = load_callback(tx, id)?;
            if row.outcome.is_some() {
                return Err(Error::invalid(
                    "outcome",
                    "this callback already has an outcome",
                ));
            }
            tx.execute(
                "UPDATE callbacks SET outcome = ?2, outcome_at = ?3 WHERE id = ?1",
                (id, outcome, at),
            )?;
            let data: String = tx.query_row(
                "SELECT json_object('callback_id', ?1, 'outcome', ?2, 'due_at', ?3)",
                (id, outcome, &row.due_at),
                |r| r.get(0),
            )?;
            let summary = if note.is_empty() {
                outcome.to_string()
            } else {
                format!("{outcome}: {note}")
            };
            insert_event(
                tx,
                &row.case_id,
                &event(at, "callback_outcome", summary, data),
            )?;
            tx.execute(
                "UPDATE cases SET updated_at = max(updated_at, ?2) WHERE id = ?1",
                (&row.case_id, at),
            )?;
            load_callback(tx, id)
        })
    }

    // ---- order watches ----

    pub fn add_order_watch(&self, w: &NewOrderWatch) -> Result<OrderWatchRow> {
        validate::required("order_id", &w.order_id)?;
        validate::text("product", &w.product)?;
        validate::text("amount", &w.amount)?;
        validate::opt_text("platform_id", w.platform_id.as_deref())?;
        validate::required("paid_at", &w.paid_at)?;
        validate::required("expected_at", &w.expected_at)?;
        if w.expected_at < w.paid_at {
            return Err(Error::invalid("expected_at", "must not be before paid_at"));
        }
        self.write(|tx| {
            if let Some(p) = &w.platform_id {
                let found = tx
                    .query_row("SELECT 1 FROM platforms WHERE id = ?1", [p], |_| Ok(()))
                    .optional()?;
                found.ok_or_else(|| {
                    Error::invalid("platform_id", format!("no platform with id `{p}`"))
                })?;
            }
            Ok(tx.query_row(
                &format!(
                    "INSERT INTO order_watches (order_id, product, amount, platform_id, paid_at,
                         expected_at, state, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'waiting', ?5) RETURNING {WATCH_COLUMNS}"
                ),
                (
                    &w.order_id,
                    &w.product,
                    &w.amount,
                    &w.platform_id,
                    &w.paid_at,
                    &w.expected_at,
                ),
                watch,
            )?)
        })
    }

    pub fn order_watch(&self, id: i64) -> Result<OrderWatchRow> {
        self.conn()
            .query_row(
                &format!("SELECT {WATCH_COLUMNS} FROM order_watches WHERE id = ?1"),
                [id],
                watch,
            )
            .optional()?
            .ok_or_else(|| Error::not_found("order watch", id.to_string()))
    }

    /// Watches still waiting or late (not delivered, dismissed or turned into a case), soonest first.
    pub fn open_order_watches(&self) -> Result<Vec<OrderWatchRow>> {
        list(
            &self.conn(),
            &format!(
                "SELECT {WATCH_COLUMNS} FROM order_watches WHERE state IN ('waiting', 'late')
                 ORDER BY expected_at, id"
            ),
            [],
            watch,
        )
    }

    /// Move a watch on: `late` (the tracker), `delivered` / `dismissed` (the user), or
    /// `case_opened` with the case made from it.
    pub fn set_order_watch_state(
        &self,
        id: i64,
        state: &str,
        case_id: Option<&str>,
        at: &str,
    ) -> Result<OrderWatchRow> {
        one_of("state", state, &ORDER_WATCH_STATES)?;
        validate::required("at", at)?;
        if (state == "case_opened") != case_id.is_some() {
            return Err(Error::invalid(
                "case_id",
                "is given exactly when the state is case_opened",
            ));
        }
        self.write(|tx| {
            if let Some(c) = case_id {
                require_case(tx, c)?;
            }
            tx.query_row(
                &format!(
                    "UPDATE order_watches SET state = ?2, case_id = coalesce(?3, case_id),
                         updated_at = ?4
                     WHERE id = ?1 RETURNING {WATCH_COLUMNS}"
                ),
                (id, state, case_id, at),
                watch,
            )
            .optional()?
            .ok_or_else(|| Error::not_found("order watch", id.to_string()))
        })
    }

    // ---- notifications and marks ----

    /// Keep these notifications (all in one transaction); marked ones already raised are skipped.
    /// Returns the ones actually added.
    pub fn raise_notifications(&self, list: &[NewNotification]) -> Result<Vec<NotificationRow>> {
        for n in list {
            validate_notification(n)?;
        }
        self.write(|tx| {
            let mut raised = Vec::new();
            for n in list {
                raised.extend(insert_notification(tx, n)?);
            }
            Ok(raised)
        })
    }

    /// Newest first, at most `limit`.
    pub fn notifications(&self, limit: u32) -> Result<Vec<NotificationRow>> {
        list(
            &self.conn(),
            &format!(
                "SELECT {NOTIFICATION_COLUMNS} FROM notifications ORDER BY at DESC, id DESC LIMIT ?1"
            ),
            [limit],
            notification,
        )
    }

    pub fn unread_notifications(&self) -> Result<u32> {
        Ok(self.conn().query_row(
            "SELECT count(*) FROM notifications WHERE read = 0",
            [],
            |r| r.get(0),
        )?)
    }

    /// Marking one read twice is fine (clicked in the tray and in the list).
    pub fn mark_notification_read(&self, id: i64) -> Result<()> {
        let changed = self
            .conn()
            .execute("UPDATE notifications SET read = 1 WHERE id = ?1", [id])?;
        if changed == 0 {
            return Err(Error::not_found("notification", id.to_string()));
        }
        Ok(())
    }

    /// Returns how many were unread.
    pub fn mark_all_notifications_read(&self) -> Result<usize> {
        Ok(self
            .conn()
            .execute("UPDATE notifications SET read = 1 WHERE read = 0", [])?)
    }

    /// Every mark set so far (one query, for a pass that checks many alarms).
    pub fn marks(&self) -> Result<std::collections::HashSet<String>> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT key FROM tracker_marks")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether [`NewNotification::mark`] `key` was already raised.
    pub fn has_mark(&self, key: &str) -> Result<bool> {
        Ok(self
            .conn()
            .query_row("SELECT 1 FROM tracker_marks WHERE key = ?1", [key], |_| {
                Ok(())
            })
            .optional()?
            .is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rows::NewCase;

    fn store() -> (tempfile::TempDir, Store) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let store = Store::open(tmp.path()).expect("open");
        (tmp, store)
    }

    fn case(s: &Store) -> String {
        s.create_case(&NewCase {
            at: "2026-11-20T01:00:00Z".into(),
            title: "点卡未到账".into(),
            platform_id: None,
            intake_json: "{}".into(),
        })
        .expect("case")
        .id
    }

    fn rt(name: &str) -> HelpdeskRow {
        HelpdeskRow {
            name: name.into(),
            kind: "rt".into(),
            url: "http://127.0.0.1:8080".into(),
            queue: Some("General".into()),
            email: Some("me@example.com".into()),
            created_at: "2026-11-20T01:00:00Z".into(),
        }
    }

    fn new_ticket(case_id: &str, remote: &str) -> NewTicket {
        NewTicket {
            case_id: case_id.into(),
            helpdesk: "rt".into(),
            remote_id: remote.into(),
            url: None,
            subject: "20240520001-充值失败-紧急".into(),
            submitted_at: "2026-11-20T02:00:00Z".into(),
            status: Some("new".into()),
            next_poll_at: Some("2026-11-20T02:05:00Z".into()),
        }
    }

    fn note(mark: Option<&str>) -> NewNotification {
        NewNotification {
            at: "2026-11-20T03:00:00Z".into(),
            kind: "deadline_soon".into(),
            case_id: None,
            title: "点卡未到账".into(),
            body: "还剩 1 小时".into(),
            data_json: None,
            mark: mark.map(Into::into),
        }
    }

    #[test]
    fn upgrade_from_version_3_keeps_cases_and_adds_tracking() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let c = {
            let old = crate::store::open_at_version(tmp.path(), 3).expect("v3");
            assert!(old.helpdesks().is_err(), "no tracking tables at version 3");
            case(&old)
        };
        let s = Store::open(tmp.path()).expect("upgrade");
        assert_eq!(s.schema_version().expect("version"), 4);
        s.save_helpdesk(&rt("rt")).expect("helpdesk");
        let t = s
            .add_ticket(&new_ticket(&c, "1"))
            .expect("ticket on an old case");
        assert_eq!(t.case_id, c);
    }

    #[test]
    fn deleting_a_case_removes_its_tracking_rows() {
        let (_t, s) = store();
        let c = case(&s);
        s.save_helpdesk(&rt("rt")).expect("helpdesk");
        s.add_ticket(&new_ticket(&c, "1")).expect("ticket");
        let mut n = note(None);
        n.case_id = Some(c.clone());
        s.raise_notifications(&[n]).expect("raise");
        s.delete_case(&c).expect("delete");
        assert!(s.all_tickets().expect("tickets").is_empty());
        assert!(s.notifications(10).expect("list").is_empty());
        s.delete_helpdesk("rt").expect("no tickets left");
    }

    #[test]
    fn helpdesk_is_upserted_and_checked() {
        let (_t, s) = store();
        s.save_helpdesk(&rt("rt")).expect("save");
        let mut again = rt("rt");
        again.url = "https://rt.example.com".into();
        again.created_at = "2027-01-01T00:00:00Z".into();
        let row = s.save_helpdesk(&again).expect("update");
        assert_eq!(row.url, "https://rt.example.com");
        assert_eq!(row.created_at, "2026-11-20T01:00:00Z");
        assert_eq!(s.helpdesks().expect("list").len(), 1);

        let mut bad = rt("x");
        bad.kind = "jira".into();
        assert!(matches!(
            s.save_helpdesk(&bad),
            Err(Error::Invalid { field: "kind", .. })
        ));
        let mut bad = rt("x");
        bad.url = "ftp://x".into();
        assert!(matches!(
            s.save_helpdesk(&bad),
            Err(Error::Invalid { field: "url", .. })
        ));
        let mut manual = rt("hand");
        manual.kind = "manual".into();
        manual.url = String::new();
        assert!(s.save_helpdesk(&manual).is_ok());
        assert!(matches!(s.helpdesk("nope"), Err(Error::NotFound { .. })));
    }

    #[test]
    fn ticket_brings_a_pending_contact_and_events_and_blocks_helpdesk_delete() {
        let (_t, s) = store();
        let c = case(&s);
        s.save_helpdesk(&rt("rt")).expect("helpdesk");
        let t = s.add_ticket(&new_ticket(&c, "42")).expect("ticket");
        assert_eq!(t.cursor_json, "{}");
        assert_eq!(t.failures, 0);
        let contacts = s.contacts(&c).expect("contacts");
        assert_eq!(contacts.len(), 1);
        assert_eq!(contacts[0].channel, "ticket");
        assert_eq!(contacts[0].outcome, "pending");
        assert_eq!(contacts[0].reference.as_deref(), Some("42"));
        let kinds: Vec<_> = s
            .timeline(&c)
            .expect("tl")
            .into_iter()
            .map(|e| e.kind)
            .collect();
        assert_eq!(kinds, ["created", "contact", "ticket_created"]);
        // The same remote id twice is refused by name.
        assert!(matches!(
            s.add_ticket(&new_ticket(&c, "42")),
            Err(Error::Invalid {
                field: "remote_id",
                ..
            })
        ));
        assert!(matches!(
            s.delete_helpdesk("rt"),
            Err(Error::Invalid { .. })
        ));
        let mut unknown = new_ticket(&c, "43");
        unknown.helpdesk = "zd".into();
        assert!(matches!(
            s.add_ticket(&unknown),
            Err(Error::NotFound {
                what: "helpdesk",
                ..
            })
        ));
    }

    #[test]
    fn due_tickets_and_next_poll_follow_next_poll_at() {
        let (_t, s) = store();
        let c = case(&s);
        s.save_helpdesk(&rt("rt")).expect("helpdesk");
        let a = s.add_ticket(&new_ticket(&c, "1")).expect("a");
        let mut nb = new_ticket(&c, "2");
        nb.next_poll_at = Some("2026-11-20T02:10:00Z".into());
        s.add_ticket(&nb).expect("b");
        let mut nc = new_ticket(&c, "3");
        nc.next_poll_at = None;
        s.add_ticket(&nc).expect("c");
        assert!(s
            .due_tickets("2026-11-20T02:04:59Z")
            .expect("due")
            .is_empty());
        let due = s.due_tickets("2026-11-20T02:05:00Z").expect("due");
        assert_eq!(due.iter().map(|t| t.id).collect::<Vec<_>>(), [a.id]);
        assert_eq!(s.due_tickets("2026-11-21T00:00:00Z").expect("due").len(), 2);
        assert_eq!(
            s.next_ticket_poll().expect("next").as_deref(),
            Some("2026-11-20T02:05:00Z")
        );
    }

    #[test]
    fn poll_outcome_is_written_with_events_and_marked_notifications_once() {
        let (_t, s) = store();
        let c = case(&s);
        s.save_helpdesk(&rt("rt")).expect("helpdesk");
        let t = s.add_ticket(&new_ticket(&c, "7")).expect("ticket");
        let poll = TicketPoll {
            ticket_id: t.id,
            at: "2026-11-20T02:05:00Z".into(),
            status: Some("open".into()),
            cursor_json: Some(r#"{"etag":"\"1\""}"#.into()),
            next_poll_at: Some("2026-11-20T02:10:00Z".into()),
            events: vec![NewEvent {
                at: "2026-11-20T02:05:00Z".into(),
                kind: "ticket_status".into(),
                summary: "#7: open".into(),
                data_json: None,
            }],
            notifications: vec![note(Some("k1")), note(None)],
            ..TicketPoll::default()
        };
        let raised = s.apply_ticket_poll(&poll).expect("apply").expect("applied");
        assert_eq!(raised.len(), 2);
        let again = s
            .apply_ticket_poll(&poll)
            .expect("apply again")
            .expect("applied");
        assert_eq!(again.len(), 1, "the marked one is not raised twice");
        let row = s.ticket(t.id).expect("row");
        assert_eq!(row.status.as_deref(), Some("open"));
        assert_eq!(row.cursor_json, r#"{"etag":"\"1\""}"#);
        assert_eq!(row.last_polled_at.as_deref(), Some("2026-11-20T02:05:00Z"));
        // A failed poll keeps status and cursor.
        let failed = TicketPoll {
            ticket_id: t.id,
            at: "2026-11-20T02:10:00Z".into(),
            failures: 2,
            last_error: Some("timeout".into()),
            next_poll_at: Some("2026-11-20T02:12:00Z".into()),
            ..TicketPoll::default()
        };
        s.apply_ticket_poll(&failed).expect("failed");
        let row = s.ticket(t.id).expect("row");
        assert_eq!(row.status.as_deref(), Some("open"));
        assert_eq!(row.cursor_json, r#"{"etag":"\"1\""}"#);
        assert_eq!(row.failures, 2);
        assert!(s.has_mark("k1").expect("mark"));
        assert!(s.marks().expect("marks").contains("k1"));
        assert_eq!(s.unread_notifications().expect("unread"), 3);
    }

    #[test]
    fn resume_clears_stop_and_its_marks() {
        let (_t, s) = store();
        let c = case(&s);
        s.save_helpdesk(&rt("rt")).expect("helpdesk");
        let t = s.add_ticket(&new_ticket(&c, "9")).expect("ticket");
        let mut n = note(Some(&format!("sync:ticket:{}:not_found", t.id)));
        n.kind = "sync_problem".into();
        s.apply_ticket_poll(&TicketPoll {
            ticket_id: t.id,
            at: "2026-11-20T02:05:00Z".into(),
            stopped: Some("not_found".into()),
            failures: 1,
            notifications: vec![n],
            ..TicketPoll::default()
        })
        .expect("stop");
        assert!(s
            .due_tickets("2030-01-01T00:00:00Z")
            .expect("due")
            .is_empty());
        let r = s
            .resume_ticket(t.id, "2026-11-21T00:00:00Z")
            .expect("resume");
        assert_eq!(r.stopped, None);
        assert_eq!(r.failures, 0);
        assert_eq!(r.next_poll_at.as_deref(), Some("2026-11-21T00:00:00Z"));
        assert!(!s
            .has_mark(&format!("sync:ticket:{}:not_found", t.id))
            .expect("mark"));
    }

    #[test]
    fn callbacks_and_their_outcome_once() {
        let (_t, s) = store();
        let c = case(&s);
        let cb = s
            .add_callback(&NewCallback {
                case_id: c.clone(),
                channel: "vip_exclusive".into(),
                requested_at: "2026-11-20T02:00:00Z".into(),
                due_at: "2026-11-20T02:10:00Z".into(),
                note: "专属客服答应10分钟内回电".into(),
            })
            .expect("callback");
        assert_eq!(s.waiting_callbacks().expect("waiting").len(), 1);
        let done = s
            .set_callback_outcome(cb.id, "called", "2026-11-20T02:08:00Z", "已回电")
            .expect("outcome");
        assert_eq!(done.outcome.as_deref(), Some("called"));
        assert!(s.waiting_callbacks().expect("waiting").is_empty());
        assert!(s
            .set_callback_outcome(cb.id, "missed", "2026-11-20T02:09:00Z", "")
            .is_err());
        assert!(matches!(
            s.set_callback_outcome(cb.id, "maybe", "2026-11-20T02:09:00Z", ""),
            Err(Error::Invalid {
                field: "outcome",
                ..
            })
        ));
        let kinds: Vec<_> = s
            .timeline(&c)
            .expect("tl")
            .into_iter()
            .map(|e| e.kind)
            .collect();
        assert_eq!(kinds, ["created", "callback_requested", "callback_outcome"]);
        let mut early = NewCallback {
            case_id: c,
            channel: "phone".into(),
            requested_at: "2026-11-20T02:00:00Z".into(),
            due_at: "2026-11-20T01:00:00Z".into(),
            note: String::new(),
        };
        assert!(matches!(
            s.add_callback(&early),
            Err(Error::Invalid {
                field: "due_at",
                ..
            })
        ));
        early.case_id = "nope".into();
        early.due_at = "2026-11-20T03:00:00Z".into();
        assert!(matches!(
            s.add_callback(&early),
            Err(Error::NotFound { .. })
        ));
    }

    #[test]
    fn order_watch_moves_through_its_states() {
        let (_t, s) = store();
        let w = s
            .add_order_watch(&NewOrderWatch {
                order_id: "20240520001".into(),
                product: "100元游戏点卡".into(),
                amount: "100".into(),
                platform_id: None,
                paid_at: "2026-11-20T02:00:00Z".into(),
                expected_at: "2026-11-20T02:30:00Z".into(),
            })
            .expect("watch");
        assert_eq!(w.state, "waiting");
        s.set_order_watch_state(w.id, "late", None, "2026-11-20T02:30:00Z")
            .expect("late");
        assert_eq!(s.open_order_watches().expect("open").len(), 1);
        assert!(s
            .set_order_watch_state(w.id, "case_opened", None, "2026-11-20T02:31:00Z")
            .is_err());
        let c = case(&s);
        let w = s
            .set_order_watch_state(w.id, "case_opened", Some(&c), "2026-11-20T02:31:00Z")
            .expect("case");
        assert_eq!(w.case_id.as_deref(), Some(c.as_str()));
        assert!(s.open_order_watches().expect("open").is_empty());
        assert!(matches!(
            s.set_order_watch_state(999, "late", None, "2026-11-20T02:31:00Z"),
            Err(Error::NotFound { .. })
        ));
    }

    #[test]
    fn notifications_list_newest_first_and_read_state() {
        let (_t, s) = store();
        let mut a = note(None);
        a.at = "2026-11-20T01:00:00Z".into();
        let b = note(None);
        let raised = s.raise_notifications(&[a, b]).expect("raise");
        let listed = s.notifications(10).expect("list");
        assert_eq!(listed[0].id, raised[1].id);
        s.mark_notification_read(raised[0].id).expect("read");
        s.mark_notification_read(raised[0].id).expect("read twice");
        assert_eq!(s.unread_notifications().expect("unread"), 1);
        assert_eq!(s.mark_all_notifications_read().expect("all"), 1);
        assert!(s.mark_notification_read(999).is_err());
        let mut blank = note(None);
        blank.title = " ".into();
        assert!(matches!(
            s.raise_notifications(&[blank]),
            Err(Error::Invalid { field: "title", .. })
        ));
    }
}
