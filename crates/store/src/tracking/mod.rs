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
//!
//! One module per record kind (each table's columns, row mapping, checks, `Store` methods and
//! tests side by side), so a change to one kind reads and reviews on its own; this file keeps
//! only what several kinds share.

use rusqlite::{Connection, OptionalExtension, Row};

use crate::error::{Error, Result};
use crate::rows::NewEvent;

mod callbacks;
mod helpdesks;
mod mail;
mod mail_files;
mod marks;
mod notifications;
mod order_watches;
mod pending;
mod tickets;

pub use callbacks::{CallbackRow, NewCallback, CALLBACK_OUTCOMES};
pub use helpdesks::{HelpdeskRow, HELPDESK_KINDS};
pub use mail::{
    MailAccountRow, MailAnswerRow, MailPoll, MailSentRow, NewMailAnswer, NewMailSent,
    MAIL_SECURITIES,
};
pub use mail_files::MailFileRow;
pub use notifications::{NewNotification, NotificationRow};
pub use order_watches::{NewOrderWatch, OrderWatchRow, ORDER_WATCH_STATES};
pub use pending::PendingTicket;
pub use tickets::{NewTicket, PollBase, TicketPoll, TicketRow};

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

/// The row `sql` selects by `key` (its `?1`), or not found as `what` with that key.
fn by_key<T>(
    conn: &Connection,
    sql: &str,
    key: impl rusqlite::ToSql + ToString,
    what: &'static str,
    map: fn(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<T> {
    conn.query_row(sql, [&key], map)
        .optional()?
        .ok_or_else(|| Error::not_found(what, key.to_string()))
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

/// Fixtures shared by the record kinds' tests, and the tests that span several kinds.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::rows::NewCase;
    use crate::store::Store;

    pub(super) fn store() -> (tempfile::TempDir, Store) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let store = Store::open(tmp.path()).expect("open");
        (tmp, store)
    }

    pub(super) fn case(s: &Store) -> String {
        s.create_case(&NewCase {
            at: "2026-11-20T01:00:00Z".into(),
            title: "点卡未到账".into(),
            platform_id: None,
            intake_json: "{}".into(),
        })
        .expect("case")
        .id
    }

    pub(super) fn rt(name: &str) -> HelpdeskRow {
        HelpdeskRow {
            name: name.into(),
            kind: "rt".into(),
            url: "http://127.0.0.1:8080".into(),
            queue: Some("General".into()),
            email: Some("me@example.com".into()),
            created_at: "2026-11-20T01:00:00Z".into(),
        }
    }

    pub(super) fn new_ticket(case_id: &str, remote: &str) -> NewTicket {
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

    pub(super) fn note(mark: Option<&str>) -> NewNotification {
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
        assert_eq!(s.schema_version().expect("version"), crate::SCHEMA_VERSION);
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
}
