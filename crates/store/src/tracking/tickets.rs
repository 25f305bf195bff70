//! Tickets linked to cases, with their polling state (cursor, next poll, failures, stop), and
//! the writes of one poll's outcome.

use rusqlite::{Connection, OptionalExtension, Row};

use super::marks::{forget_mark, forget_marks_like};
use super::notifications::{
    insert_notification, validate_notification, NewNotification, NotificationRow,
};
use super::{by_key, event, list};
use crate::error::{Error, Result};
use crate::history::{insert_event, validate_event};
use crate::rows::NewEvent;
use crate::store::{require_case, Store};
use crate::validate;

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

const TICKET_COLUMNS: &str =
    "id, case_id, helpdesk, remote_id, url, subject, submitted_at, status, \
     cursor_json, next_poll_at, last_polled_at, replied_at, failures, last_error, stopped";

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

fn load_ticket(conn: &Connection, id: i64) -> Result<TicketRow> {
    by_key(
        conn,
        &format!("SELECT {TICKET_COLUMNS} FROM tickets WHERE id = ?1"),
        id,
        "ticket",
        ticket,
    )
}

impl Store {
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
            // The ticket is recorded: its create is no longer pending (same transaction).
            tx.execute(
                "DELETE FROM pending_tickets WHERE case_id = ?1 AND helpdesk = ?2",
                [&t.case_id, &t.helpdesk],
            )?;
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
                forget_mark(tx, key)?;
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
            forget_marks_like(tx, &format!("sync:ticket:{id}:%"))?;
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
            forget_mark(tx, &format!("sync:helpdesk:{name}:auth"))?;
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tracking::tests::{case, new_ticket, note, rt, store};

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
}
