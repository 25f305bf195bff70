//! The "already said" marks: a key per warning raised, so each is raised once across restarts
//! and said again only after its mark is forgotten. Tested with the tickets and notifications
//! that set and clear them.

use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;
use crate::store::Store;

/// Inside the caller's transaction: set `key`; false when it was already set.
pub(super) fn set_mark(tx: &Connection, key: &str, at: &str) -> Result<bool> {
    let fresh = tx.execute(
        "INSERT INTO tracker_marks (key, at) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING",
        (key, at),
    )?;
    Ok(fresh > 0)
}

/// Inside the caller's transaction: forget `key` (a problem that went away may be said again).
pub(super) fn forget_mark(tx: &Connection, key: &str) -> Result<()> {
    tx.execute("DELETE FROM tracker_marks WHERE key = ?1", [key])?;
    Ok(())
}

/// Inside the caller's transaction: forget every key matching the SQL `LIKE` `pattern`.
pub(super) fn forget_marks_like(tx: &Connection, pattern: &str) -> Result<()> {
    tx.execute("DELETE FROM tracker_marks WHERE key LIKE ?1", [pattern])?;
    Ok(())
}

impl Store {
    /// Every mark set so far (one query, for a pass that checks many alarms).
    pub fn marks(&self) -> Result<std::collections::HashSet<String>> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT key FROM tracker_marks")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether [`NewNotification::mark`](super::NewNotification::mark) `key` was already raised.
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
