//! The one error type of the app facade. It crosses IPC as `{code, field, message}`: the UI
//! chooses its sentence from `code` and highlights `field`, and never matches on the English
//! `message`. Messages never carry a token (the engine's and the connectors' errors are written
//! that way).

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

    /// A stored case or its form could not be read.
    #[error(transparent)]
    Domain(#[from] reachright_domain::Error),

    /// The evidence vault said no (keychain, passphrase, damaged file, bad image).
    #[error(transparent)]
    Vault(#[from] reachright_vault::Error),

    /// The background engine said no (keychain, helpdesk, a value it cannot use).
    #[error(transparent)]
    Engine(#[from] reachright_engine::Error),

    /// A mailbox said no, or an address or message is not usable (the variant names the step:
    /// host, TLS, login, folder).
    #[error(transparent)]
    Mail(#[from] reachright_mail::Error),

    /// The self-help knowledge base said no (its content is broken: a bug the tests catch).
    #[error(transparent)]
    SelfHelp(#[from] reachright_selfhelp::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<reachright_connectors::Error> for Error {
    fn from(e: reachright_connectors::Error) -> Self {
        Error::Engine(e.into())
    }
}

impl Error {
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// A stable code for the UI; never changes once shipped.
    pub fn code(&self) -> &'static str {
        use reachright_engine::Error as E;
        match self {
            Error::Invalid { .. } | Error::Engine(E::Invalid { .. }) => "invalid_field",
            Error::Core(e) => e.code(),
            Error::Store(e) => e.code(),
            Error::Domain(e) => e.code(),
            Error::Vault(e) => e.code(),
            Error::Engine(e) => e.code(),
            Error::Mail(e) => e.code(),
            Error::SelfHelp(e) => e.code(),
        }
    }

    /// The form field at fault, when there is one.
    pub fn field(&self) -> Option<&str> {
        use reachright_engine::Error as E;
        match self {
            Error::Invalid { field, .. } => Some(field),
            Error::Core(reachright_core::Error::InvalidField { field, .. }) => Some(field),
            Error::Domain(e) | Error::Engine(E::Domain(e)) => e.field(),
            Error::Engine(E::TokenOrigin { .. }) => Some("token"),
            Error::Mail(e) => e.field(),
            Error::Engine(E::Invalid { field, .. })
            | Error::Engine(E::Store(reachright_store::Error::Invalid { field, .. })) => {
                Some(field)
            }
            _ => None,
        }
    }
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Error", 3)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("field", &self.field())?;
        st.serialize_field("message", &self.to_string())?;
        st.end()
    }
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

    #[test]
    fn engine_errors_keep_their_codes() {
        let k = Error::Engine(reachright_engine::Error::Keychain("locked".into()));
        let v = serde_json::to_value(&k).expect("json");
        assert_eq!(v["code"], "keychain");
        assert_eq!(v["field"], serde_json::Value::Null);
        let d = Error::Domain(reachright_domain::Error::invalid("occurred_at", "bad"));
        assert_eq!(d.code(), "invalid_field");
        assert_eq!(d.field(), Some("occurred_at"));
    }
}
