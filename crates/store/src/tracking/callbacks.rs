//! Promised callbacks ("the agent will call back within 10 minutes") and how each ended.

use rusqlite::{Connection, Row};

use super::{by_key, event, list, one_of};
use crate::error::{Error, Result};
use crate::history::insert_event;
use crate::store::{require_case, Store};
use crate::validate;

/// What a waiting callback can end as.
pub const CALLBACK_OUTCOMES: [&str; 3] = ["called", "missed", "cancelled"];

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

const CALLBACK_COLUMNS: &str =
    "id, case_id, channel, requested_at, due_at, note, outcome, outcome_at";

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

fn load_callback(conn: &Connection, id: i64) -> Result<CallbackRow> {
    by_key(
        conn,
        &format!("SELECT {CALLBACK_COLUMNS} FROM callbacks WHERE id = ?1"),
        id,
        "callback",
        callback,
    )
}

impl Store {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tracking::tests::{case, store};

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
}
