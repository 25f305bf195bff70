//! The one error type of this crate. It crosses IPC as `{code, field, message}`: the UI chooses its
//! sentence from `code` and highlights `field`, and never matches on the English `message`.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A form field the user typed is not usable (the field is named so the UI can highlight it).
    #[error("invalid `{field}`: {reason}")]
    Invalid { field: String, reason: String },

    /// The engine refused an input (bad profile, bad code).
    #[error(transparent)]
    Core(#[from] reachright_core::Error),

    /// The database said no (not found, disk, too new).
    #[error(transparent)]
    Store(#[from] reachright_store::Error),

    /// The evidence vault said no (keychain, passphrase, damaged file, bad image).
    #[error(transparent)]
    Vault(#[from] reachright_vault::Error),
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// A stable code for the UI; never changes once shipped.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid_field",
            Error::Core(e) => e.code(),
            Error::Store(e) => e.code(),
            Error::Vault(e) => e.code(),
        }
    }

    /// The form field at fault, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            Error::Core(reachright_core::Error::InvalidField { field, .. }) => Some(field),
            _ => None,
        }
    }
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        serialize_coded(s, self.code(), self.field(), &self.to_string())
    }
}

/// The one shape every error takes across IPC, `{code, field, message}`; other crates' errors
/// (reachright-tracking) serialise through this too, so the UI reads them all alike.
pub fn serialize_coded<S: Serializer>(
    s: S,
    code: &str,
    field: Option<&str>,
    message: &str,
) -> std::result::Result<S::Ok, S::Error> {
    let mut st = s.serialize_struct("Error", 3)?;
    st.serialize_field("code", code)?;
    st.serialize_field("field", &field)?;
    st.serialize_field("message", message)?;
    st.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_field_message() {
        let e = Error::invalid("amount", "not a number");
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], "invalid_field");
        assert_eq!(v["field"], "amount");
        assert_eq!(v["message"], "invalid `amount`: not a number");
    }
}
