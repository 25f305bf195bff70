//! The one error type of this crate. It crosses IPC as `{code, field, message}` like
//! `reachright_cases::Error`; messages never carry a token (the tracker's and the connectors'
//! errors are written that way) and the UI chooses its sentence from `code`.

use serde::{Serialize, Serializer};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A form field is not usable (named so the UI can highlight it).
    #[error("invalid `{field}`: {reason}")]
    Invalid { field: String, reason: String },

    #[error(transparent)]
    Tracker(#[from] reachright_tracker::Error),

    #[error(transparent)]
    Cases(#[from] reachright_cases::Error),
}

pub type Result<T> = std::result::Result<T, Error>;

impl From<reachright_store::Error> for Error {
    fn from(e: reachright_store::Error) -> Self {
        Error::Cases(e.into())
    }
}

impl From<reachright_vault::Error> for Error {
    fn from(e: reachright_vault::Error) -> Self {
        Error::Cases(e.into())
    }
}

impl From<reachright_connectors::Error> for Error {
    fn from(e: reachright_connectors::Error) -> Self {
        Error::Tracker(e.into())
    }
}

impl Error {
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// Stable: `invalid_field`, `not_found`, `keychain`, `helpdesk`, … (never changes once shipped).
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } | Error::Tracker(reachright_tracker::Error::Invalid { .. }) => {
                "invalid_field"
            }
            Error::Tracker(e) => e.code(),
            Error::Cases(e) => e.code(),
        }
    }

    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            Error::Tracker(reachright_tracker::Error::Invalid { field, .. }) => Some(field),
            Error::Tracker(reachright_tracker::Error::Cases(e)) | Error::Cases(e) => e.field(),
            Error::Tracker(reachright_tracker::Error::Store(
                reachright_store::Error::Invalid { field, .. },
            )) => Some(field),
            _ => None,
        }
    }
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        reachright_cases::error::serialize_coded(s, self.code(), self.field(), &self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_field_message() {
        let v = serde_json::to_value(Error::invalid("within_minutes", "zero")).expect("json");
        assert_eq!(v["code"], "invalid_field");
        assert_eq!(v["field"], "within_minutes");
        let k = Error::Tracker(reachright_tracker::Error::Keychain("locked".into()));
        let v = serde_json::to_value(&k).expect("json");
        assert_eq!(v["code"], "keychain");
        assert_eq!(v["field"], serde_json::Value::Null);
    }
}
