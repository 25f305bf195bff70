//! Cases: one per problem the user is chasing. Creating one also writes its "created" timeline
//! event in the same transaction, so the timeline never misses a case's beginning.

use rusqlite::{Connection, OptionalExtension, Row};

use crate::error::{Error, Result};
use crate::history::{insert_event, validate_event};
use crate::rows::{CaseRow, CaseUpdate, NewCase, NewEvent};
use crate::store::{require_case, Store};
use crate::validate;

pub(crate) const COLUMNS: &str =
    "id, created_at, updated_at, title, platform_id, status, intake_json";
/// The case list's order, most recently touched first (the `cases_by_recent` index's).
pub(crate) const LIST_ORDER: &str = "updated_at DESC, created_at DESC, id";

pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<CaseRow> {
    Ok(CaseRow {
        id: r.get(0)?,
        created_at: r.get(1)?,
        updated_at: r.get(2)?,
        title: r.get(3)?,
        platform_id: r.get(4)?,
        status: r.get(5)?,
        intake_json: r.get(6)?,
    })
}

fn load(conn: &Connection, id: &str) -> Result<CaseRow> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM cases WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("case", id))
}

/// A friendly error for a platform id that is not in the directory (instead of a bare
/// "FOREIGN KEY constraint failed").
fn require_platform(conn: &Connection, platform_id: Option<&str>) -> Result<()> {
    let Some(id) = platform_id else {
        return Ok(());
    };
    let found = conn
        .query_row("SELECT 1 FROM platforms WHERE id = ?1", [id], |_| Ok(()))
        .optional()?;
    found.ok_or_else(|| Error::invalid("platform_id", format!("no platform with id `{id}`")))
}

impl Store {
    pub fn create_case(&self, new: &NewCase) -> Result<CaseRow> {
        validate::required("at", &new.at)?;
        validate::required("title", &new.title)?;
        validate::opt_text("platform_id", new.platform_id.as_deref())?;
        validate::text("intake_json", &new.intake_json)?;
        self.write(|tx| {
            require_platform(tx, new.platform_id.as_deref())?;
            // 64 random bits: collisions are not a practical concern for one user's cases.
            let row = tx.query_row(
                &format!(
                    "INSERT INTO cases (id, created_at, updated_at, title, platform_id, status, intake_json)
                     VALUES (lower(hex(randomblob(8))), ?1, ?1, ?2, ?3, 'open', ?4)
                     RETURNING {COLUMNS}"
                ),
                (&new.at, &new.title, &new.platform_id, &new.intake_json),
                from_row,
            )?;
            tx.execute(
                "INSERT INTO events (case_id, at, kind, summary) VALUES (?1, ?2, 'created', ?3)",
                (&row.id, &row.created_at, &row.title),
            )?;
            Ok(row)
        })
    }

    /// Apply the `Some` fields of `upd`, set `updated_at = upd.at`, and add `upd.event` (the
    /// caller words the timeline entry) — all in one transaction.
    pub fn update_case(&self, id: &str, upd: &CaseUpdate) -> Result<CaseRow> {
        validate::required("at", &upd.at)?;
        if let Some(title) = &upd.title {
            validate::required("title", title)?;
        }
        if let Some(status) = &upd.status {
            validate::status(status)?;
        }
        validate::opt_text("platform_id", upd.platform_id.clone().flatten().as_deref())?;
        validate::opt_text("intake_json", upd.intake_json.as_deref())?;
        if let Some(e) = &upd.event {
            validate_event(e)?;
        }
        self.write(|tx| {
            let mut row = load(tx, id)?;
            if let Some(platform_id) = &upd.platform_id {
                require_platform(tx, platform_id.as_deref())?;
                row.platform_id.clone_from(platform_id);
            }
            if let Some(title) = &upd.title {
                row.title.clone_from(title);
            }
            if let Some(status) = &upd.status {
                row.status.clone_from(status);
            }
            if let Some(intake) = &upd.intake_json {
                row.intake_json.clone_from(intake);
            }
            row.updated_at.clone_from(&upd.at);
            tx.execute(
                "UPDATE cases SET updated_at = ?2, title = ?3, platform_id = ?4, status = ?5,
                     intake_json = ?6
                 WHERE id = ?1",
                (
                    &row.id,
                    &row.updated_at,
                    &row.title,
                    &row.platform_id,
                    &row.status,
                    &row.intake_json,
                ),
            )?;
            if let Some(e) = &upd.event {
                insert_event(tx, id, e)?;
            }
            Ok(row)
        })
    }

    /// Set the case's status with a "status" timeline event at `at`; nothing when it already has
    /// that status. Returns whether it changed.
    pub fn set_status(&self, id: &str, status: &str, at: &str) -> Result<bool> {
        validate::status(status)?;
        validate::required("at", at)?;
        self.write(|tx| change_status(tx, id, status, at))
    }

    pub fn get_case(&self, id: &str) -> Result<CaseRow> {
        load(&self.conn(), id)
    }

    /// Most recently updated first (ties: newest created, then id, so the order is stable).
    pub fn list_cases(&self) -> Result<Vec<CaseRow>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM cases ORDER BY {LIST_ORDER}"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One page of [`Store::list_cases`]: at most `limit` cases after skipping `offset`, in the
    /// same order, read off the `cases_by_recent` index.
    pub fn list_cases_page(&self, offset: u32, limit: u32) -> Result<Vec<CaseRow>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM cases ORDER BY {LIST_ORDER}
             LIMIT ?1 OFFSET ?2"
        ))?;
        let rows = stmt.query_map((limit, offset), from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Up to `limit` open or waiting cases whose id sorts after `after` (`""` for the first), in id
    /// order: the tracker walks every active case a page at a time, so a pass over years of cases
    /// never holds them all (keyset paging off the primary key; no OFFSET to rescan).
    pub fn active_cases_after(&self, after: &str, limit: u32) -> Result<Vec<CaseRow>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM cases WHERE id > ?1 AND status IN ('open', 'waiting')
             ORDER BY id LIMIT ?2"
        ))?;
        let rows = stmt.query_map((after, limit), from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Cases whose `created_at` sorts at or after `since` as text (the caller passes a bound
    /// loose enough for the offsets its stamps carry), in [`Store::list_cases`] order.
    pub fn list_cases_created_since(&self, since: &str) -> Result<Vec<CaseRow>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM cases WHERE created_at >= ?1
             ORDER BY {LIST_ORDER}"
        ))?;
        let rows = stmt.query_map([since], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Deletes the case with its contacts, timeline and reminders (foreign-key cascade).
    pub fn delete_case(&self, id: &str) -> Result<()> {
        self.write(|tx| {
            require_case(tx, id)?;
            tx.execute("DELETE FROM cases WHERE id = ?1", [id])?;
            Ok(())
        })
    }
}

/// Inside the caller's transaction: the status change and its event, unless nothing changes.
/// `updated_at` only moves forward, as for contacts logged after the fact.
pub(crate) fn change_status(tx: &Connection, id: &str, status: &str, at: &str) -> Result<bool> {
    let changed = tx.execute(
        "UPDATE cases SET status = ?2, updated_at = max(updated_at, ?3) WHERE id = ?1 AND status <> ?2",
        (id, status, at),
    )?;
    if changed == 0 {
        require_case(tx, id)?;
        return Ok(false);
    }
    insert_event(
        tx,
        id,
        &NewEvent {
            at: at.into(),
            kind: "status".into(),
            summary: status.into(),
            data_json: None,
        },
    )?;
    Ok(true)
}
