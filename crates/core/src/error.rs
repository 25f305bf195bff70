//! The one error type of reachright-core. Every variant names the field or input at fault, so a
//! command-line user or the UI can say exactly what to fix.

use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum Error {
    /// A field holds a value that is not allowed (unknown code, impossible date, negative amount …).
    #[error("invalid `{field}`: {reason}")]
    InvalidField { field: String, reason: String },

    /// A platform profile could not be read (TOML/JSON syntax or shape).
    #[error("invalid platform profile: {0}")]
    Profile(String),

    /// A scenario could not be read as JSON.
    #[error("invalid scenario JSON: {0}")]
    Json(String),
}

impl Error {
    pub fn field(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidField {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// A stable machine code, so callers never match on message text.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidField { .. } => "invalid_field",
            Error::Profile(_) => "invalid_profile",
            Error::Json(_) => "invalid_json",
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
