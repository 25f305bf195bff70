//! The one error type of reachright-store. Callers (the Tauri shell, the CLI) map it to a stable
//! `{code, message}`; [`Error::code`] is that code, so nobody matches on message text.

use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum Error {
    /// SQLite refused an operation (disk full, locked past the busy timeout, corrupt file …).
    #[error("database error: {0}")]
    Sqlite(String),

    /// The data directory or database file could not be created or read.
    #[error("cannot use `{path}`: {reason}")]
    Io { path: String, reason: String },

    /// The row asked for does not exist (deleted elsewhere, or a stale id from the UI).
    #[error("no {what} with id `{id}`")]
    NotFound { what: &'static str, id: String },

    /// A value the caller passed is not allowed (empty title, unknown status, text too large …).
    #[error("invalid `{field}`: {reason}")]
    Invalid { field: &'static str, reason: String },

    /// The database was written by a newer ReachRight. We never touch it, so the newer app keeps
    /// working when the user goes back to it.
    #[error("the database has schema version {found}, this program supports up to {supported}; please update ReachRight")]
    TooNew { found: u32, supported: u32 },

    /// The SQLite library the program was linked with (the system's, on Linux) is older than the
    /// schema and queries need, or lacks the JSON functions. Nothing was opened.
    #[error("the system's SQLite {found} is too old: {needed} or newer with the JSON functions is needed")]
    OldSqlite { found: String, needed: &'static str },
}

impl Error {
    pub(crate) fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            reason: reason.into(),
        }
    }

    pub(crate) fn not_found(what: &'static str, id: impl Into<String>) -> Self {
        Error::NotFound {
            what,
            id: id.into(),
        }
    }

    /// A stable machine code, so callers never match on message text.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Sqlite(_) => "sqlite",
            Error::Io { .. } => "io",
            Error::NotFound { .. } => "not_found",
            Error::Invalid { .. } => "invalid",
            Error::TooNew { .. } => "too_new",
            Error::OldSqlite { .. } => "old_sqlite",
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Sqlite(e.to_string())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_snake_case() {
        let all = [
            (Error::Sqlite("x".into()), "sqlite"),
            (
                Error::Io {
                    path: "/p".into(),
                    reason: "r".into(),
                },
                "io",
            ),
            (Error::not_found("case", "abc"), "not_found"),
            (Error::invalid("title", "empty"), "invalid"),
            (
                Error::TooNew {
                    found: 9,
                    supported: 2,
                },
                "too_new",
            ),
            (
                Error::OldSqlite {
                    found: "3.37.2".into(),
                    needed: "3.38",
                },
                "old_sqlite",
            ),
        ];
        for (err, code) in all {
            assert_eq!(err.code(), code, "{err}");
        }
    }

    #[test]
    fn messages_name_the_culprit() {
        assert_eq!(
            Error::not_found("case", "abc").to_string(),
            "no case with id `abc`"
        );
        assert!(Error::invalid("status", "unknown")
            .to_string()
            .contains("`status`"));
    }
}
