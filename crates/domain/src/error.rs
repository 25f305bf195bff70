//! The one error type of the case domain: a form field that is not usable (named, so the UI can
//! highlight it), or what the engine or the database said.

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A form field the user typed is not usable.
    #[error("invalid `{field}`: {reason}")]
    Invalid { field: String, reason: String },

    /// The engine refused an input (bad profile, bad code).
    #[error(transparent)]
    Core(#[from] reachright_core::Error),

    /// The database said no (not found, disk, too new).
    #[error(transparent)]
    Store(#[from] reachright_store::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// A stable code for the UI and the CLI; never changes once shipped.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid_field",
            Error::Core(e) => e.code(),
            Error::Store(e) => e.code(),
        }
    }

    /// The form field at fault, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            Error::Core(reachright_core::Error::InvalidField { field, .. }) => Some(field),
            Error::Store(reachright_store::Error::Invalid { field, .. }) => Some(field),
            _ => None,
        }
    }
}
