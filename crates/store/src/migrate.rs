//! Schema migrations: numbered SQL files embedded in the binary, applied in order, each in its own
//! transaction together with the `PRAGMA user_version` bump — so a crash mid-upgrade leaves the
//! database at the previous version, never in between.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};

/// Migration `i` (0-based) takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_cases.sql"),
    include_str!("../migrations/0002_directory_and_drafts.sql"),
    include_str!("../migrations/0003_evidence.sql"),
    include_str!("../migrations/0004_tracking.sql"),
    include_str!("../migrations/0005_pending_tickets.sql"),
    include_str!("../migrations/0006_mail.sql"),
    include_str!("../migrations/0007_case_list_pages.sql"),
    include_str!("../migrations/0008_mail_answer_files.sql"),
    include_str!("../migrations/0009_timeline_pages.sql"),
];

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

pub(crate) fn user_version(conn: &Connection) -> Result<u32> {
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    // user_version is a signed 32-bit header field; a negative value is not ours.
    u32::try_from(v).map_err(|_| Error::Sqlite(format!("unexpected user_version {v}")))
}

/// Refuse a database from a newer build before anything writes to it.
pub(crate) fn check_not_too_new(conn: &Connection) -> Result<u32> {
    let found = user_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(Error::TooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(found)
}

/// Bring the schema up to `target` (never down).
pub(crate) fn migrate(conn: &mut Connection, target: u32) -> Result<()> {
    let found = check_not_too_new(conn)?;
    if found >= target {
        return Ok(());
    }
    // Table rebuilds (0002) drop and recreate `cases`; with foreign keys on, the drop would
    // cascade into contacts and events. The pragma is a no-op inside a transaction, so it is
    // switched here, and `foreign_key_check` proves each migration left no dangling reference.
    conn.pragma_update(None, "foreign_keys", false)?;
    let result = apply(conn, target);
    conn.pragma_update(None, "foreign_keys", true)?;
    result
}

/// One migration per IMMEDIATE transaction, each deciding what to apply from the version it reads
/// *inside* that transaction. The app and the CLI may open an old database at the same moment:
/// both see the old version before either writes, and a version read before taking the write
/// lock would make the second one apply a migration the first has already applied.
fn apply(conn: &mut Connection, target: u32) -> Result<()> {
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = check_not_too_new(&tx)?;
        if current >= target {
            // Done, by this process or another one meanwhile.
            return Ok(());
        }
        let version = current + 1;
        let sql = MIGRATIONS[version as usize - 1];
        tx.execute_batch(sql)
            .map_err(|e| Error::Sqlite(format!("migration {version:04}: {e}")))?;
        let dangling: i64 =
            tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })?;
        if dangling > 0 {
            return Err(Error::Sqlite(format!(
                "migration {version:04} left {dangling} dangling foreign keys"
            )));
        }
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
}
