//! Opening the database: directory, file permissions, pragmas, migrations. One connection behind a
//! mutex: the app's writes are a handful per user action, so a pool would add nothing but
//! lock-ordering questions.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior};

use crate::error::{Error, Result};
use crate::migrate::{self, SCHEMA_VERSION};
use crate::DB_FILE;

/// The oldest SQLite the schema, the queries and rusqlite run on: `unixepoch()` (the history's
/// index) and `sqlite3_error_offset` came in 3.38. Linux builds use the system's SQLite (WebKitGTK
/// has it in the process already) unless built with the `bundled-sqlite` feature; the others
/// carry their own.
const MIN_SQLITE: (i32, &str) = (3_038_000, "3.38");

/// How long a write waits for another process (the CLI next to the app) to finish its transaction.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The open database. `Send + Sync`: share it as `Arc<Store>` or Tauri-managed state.
pub struct Store {
    conn: Mutex<Connection>,
    dir: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("dir", &self.dir).finish()
    }
}

impl Store {
    /// Open (creating if needed) `dir/reachright.sqlite3` and migrate it to the latest schema.
    pub fn open(dir: &Path) -> Result<Store> {
        open_at_version(dir, SCHEMA_VERSION)
    }

    /// The data directory this store lives in (the evidence vault and exports sit beside it).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn schema_version(&self) -> Result<u32> {
        migrate::user_version(&self.conn())
    }

    /// The connection. A panic in another thread while holding the lock cannot leave a
    /// half-applied write (an open transaction rolls back when dropped), so poisoning is ignored.
    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Run `f` in one IMMEDIATE transaction (takes the write lock up front, so two processes
    /// never deadlock upgrading read locks) and commit only if it succeeds.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

/// Open and migrate only up to `version` (≤ [`SCHEMA_VERSION`]); for upgrade tests.
#[doc(hidden)]
pub fn open_at_version(dir: &Path, version: u32) -> Result<Store> {
    if version == 0 || version > SCHEMA_VERSION {
        return Err(Error::invalid(
            "version",
            format!("must be between 1 and {SCHEMA_VERSION}"),
        ));
    }
    check_sqlite()?;
    create_dir_private(dir)?;
    let path = dir.join(DB_FILE);
    create_private(&path)?;
    let mut conn = Connection::open(&path)?;
    // As a pragma: rusqlite's `busy_timeout()` also records it with sqlite3_set_clientdata(),
    // which the system SQLite of Debian 12 (3.40) does not have.
    conn.pragma_update(None, "busy_timeout", BUSY_TIMEOUT.as_millis() as i64)?;
    // Before any pragma that writes (journal_mode=WAL rewrites the header): a newer database
    // must stay byte-for-byte as it was.
    migrate::check_not_too_new(&conn)?;
    // WAL is persistent in the file; FULL fsyncs the log on every commit, so a committed
    // write survives power loss, not just a process crash. Some filesystems refuse WAL; the
    // rollback journal with FULL is still crash-safe, so that is accepted.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // Deleted rows are overwritten with zeros, not just marked free: a deleted case (its story,
    // order numbers, phone numbers) is then gone from the file, not left for a disk image or a
    // backup of it to read back. Per connection, so set on every open.
    conn.pragma_update(None, "secure_delete", true)?;
    migrate::migrate(&mut conn, version)?;
    restrict_permissions(&path)?;
    Ok(Store {
        conn: Mutex::new(conn),
        dir: dir.to_path_buf(),
    })
}

/// Before anything is created: an old library would fail in the middle of a migration.
fn check_sqlite() -> Result<()> {
    let too_old = || Error::OldSqlite {
        found: rusqlite::version().to_string(),
        needed: MIN_SQLITE.1,
    };
    if rusqlite::version_number() < MIN_SQLITE.0 {
        return Err(too_old());
    }
    // The case list and search read the stored forms with json_extract(); a build of SQLite can
    // leave the JSON functions out (SQLITE_OMIT_JSON).
    let probe = Connection::open_in_memory()?;
    probe
        .query_row("SELECT json_extract('{\"a\":1}', '$.a')", [], |r| {
            r.get::<_, i64>(0)
        })
        .map_err(|_| too_old())?;
    Ok(())
}

fn io_error(path: &Path, e: &std::io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    }
}

/// The data folder (and any parent it creates) owner-only: it holds the database, the evidence
/// vault and exports. A folder from older builds (or made by the user) is tightened on every open.
#[cfg(unix)]
fn create_dir_private(dir: &Path) -> Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| io_error(dir, &e))?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
        .map_err(|e| io_error(dir, &e))
}

#[cfg(not(unix))]
fn create_dir_private(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, &e))
}

/// Create the database file owner-only before SQLite sees it, so it is never world-readable,
/// not even for a moment (SQLite gives the -wal and -shm files the same mode).
#[cfg(unix)]
fn create_private(path: &Path) -> Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(io_error(path, &e)),
    }
}

#[cfg(not(unix))]
fn create_private(_path: &Path) -> Result<()> {
    Ok(())
}

/// Files from older builds (or copied in by the user) are tightened on every open.
#[cfg(unix)]
fn restrict_permissions(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
        .map_err(|e| io_error(path, &e))
}

#[cfg(not(unix))]
fn restrict_permissions(_path: &Path) -> Result<()> {
    Ok(())
}

/// `NotFound` unless the case exists; run inside the caller's transaction.
pub(crate) fn require_case(conn: &Connection, id: &str) -> Result<()> {
    let found = conn
        .query_row("SELECT 1 FROM cases WHERE id = ?1", [id], |_| Ok(()))
        .optional()?;
    found.ok_or_else(|| Error::not_found("case", id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Store>();
    }

    #[test]
    fn version_out_of_range_is_refused_before_touching_disk() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("never");
        let err = open_at_version(&dir, SCHEMA_VERSION + 1).unwrap_err();
        assert_eq!(err.code(), "invalid");
        assert!(!dir.exists());
    }

    #[cfg(unix)]
    #[test]
    fn database_file_is_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join(DB_FILE);
        std::fs::write(&path, b"").expect("precreate");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let _store = Store::open(tmp.path()).expect("open");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    /// Issue 10: the folder holding the database, the vault and exports was left at the umask's
    /// 0755, so other users could list it (and read exports written there).
    #[cfg(unix)]
    #[test]
    fn data_folder_is_owner_only_new_or_old() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().expect("tempdir");
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        let fresh = tmp.path().join("new/data");
        let _a = Store::open(&fresh).expect("open new");
        assert_eq!(mode(&fresh), 0o700);
        assert_eq!(mode(&tmp.path().join("new")), 0o700, "parents it made too");
        let old = tmp.path().join("old");
        std::fs::create_dir(&old).expect("mkdir");
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let _b = Store::open(&old).expect("open old");
        assert_eq!(mode(&old), 0o700);
    }

    /// Issue 10: without `secure_delete`, a deleted case's text stayed in the file's free space.
    #[test]
    fn a_deleted_case_is_gone_from_the_file() {
        const MARK: &str = "订单号SECRET-7f3a9c-电话13800138000";
        let tmp = tempfile::tempdir().expect("tempdir");
        let id = {
            let store = Store::open(tmp.path()).expect("open");
            store
                .create_case(&crate::NewCase {
                    at: "2026-11-25T03:00:00Z".into(),
                    title: MARK.repeat(20),
                    platform_id: None,
                    intake_json: format!("{{\"description\":\"{MARK}\"}}"),
                })
                .expect("case")
                .id
        };
        let file = || {
            let mut bytes = std::fs::read(tmp.path().join(DB_FILE)).expect("db");
            bytes.extend(
                std::fs::read(tmp.path().join(format!("{DB_FILE}-wal"))).unwrap_or_default(),
            );
            bytes
        };
        let contains = |hay: &[u8]| hay.windows(MARK.len()).any(|w| w == MARK.as_bytes());
        assert!(contains(&file()), "the case is in the file before");
        {
            let store = Store::open(tmp.path()).expect("reopen");
            store.delete_case(&id).expect("delete");
        }
        assert!(
            !contains(&file()),
            "a deleted case's text is still in the file"
        );
    }

    #[test]
    fn dir_is_where_the_file_is() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let nested = tmp.path().join("a/b");
        let store = Store::open(&nested).expect("open");
        assert_eq!(store.dir(), nested.as_path());
        assert!(nested.join(DB_FILE).is_file());
    }
}
