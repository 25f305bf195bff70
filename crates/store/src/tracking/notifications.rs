//! The in-app notification list: raised (at most once per mark), listed, marked read.

use rusqlite::{Connection, Row};

use super::list;
use super::marks::set_mark;
use crate::error::{Error, Result};
use crate::store::{require_case, Store};
use crate::validate;

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

const NOTIFICATION_COLUMNS: &str = "id, at, kind, case_id, title, body, data_json, read";

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

pub(super) fn validate_notification(n: &NewNotification) -> Result<()> {
    validate::required("at", &n.at)?;
    validate::required("kind", &n.kind)?;
    validate::required("title", &n.title)?;
    validate::text("body", &n.body)?;
    validate::opt_text("data_json", n.data_json.as_deref())?;
    validate::opt_text("mark", n.mark.as_deref())
}

/// Inside the caller's transaction: insert the notification unless its mark is already set.
pub(super) fn insert_notification(
    tx: &Connection,
    n: &NewNotification,
) -> Result<Option<NotificationRow>> {
    if let Some(mark) = &n.mark {
        if !set_mark(tx, mark, &n.at)? {
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

impl Store {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tracking::tests::{note, store};

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
