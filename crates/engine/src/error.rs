//! The one error type of reachright-engine, with a stable [`Error::code`] for the UI and the CLI.
//! Connector errors are not here: a failed poll is tracker state (backoff, a notification), not
//! an error of the pass.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    /// The database said no (not found, disk, too new).
    #[error(transparent)]
    Store(#[from] reachright_store::Error),

    /// The case's form or platform profile could not be read.
    #[error(transparent)]
    Domain(#[from] reachright_domain::Error),

    /// The OS keychain is missing, locked or refused; the message says which, never the secret.
    #[error("keychain: {0}")]
    Keychain(String),

    /// The saved token was given for another origin than the helpdesk's address now has: it is
    /// not sent until the user enters it again for the new address.
    #[error("the token was saved for {saved_for}; enter it again for {asked_for}")]
    TokenOrigin {
        saved_for: String,
        asked_for: String,
    },

    /// The helpdesk refused or failed a request made on the user's behalf (creating a ticket).
    #[error("helpdesk: {0}")]
    Helpdesk(#[from] reachright_connectors::Error),

    /// A tracker pass panicked; the loop counts it as a failed pass and goes on.
    #[error("the tracker pass panicked")]
    Panicked,

    /// A value the caller passed is not usable.
    #[error("invalid `{field}`: {reason}")]
    Invalid { field: &'static str, reason: String },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            reason: reason.into(),
        }
    }

    /// A stable machine code, so callers never match on message text.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Store(e) => e.code(),
            Error::Domain(e) => e.code(),
            Error::Keychain(_) => "keychain",
            Error::TokenOrigin { .. } => "token_origin",
            Error::Helpdesk(_) => "helpdesk",
            Error::Panicked => "panic",
            Error::Invalid { .. } => "invalid",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable() {
        assert_eq!(Error::Keychain("locked".into()).code(), "keychain");
        assert_eq!(Error::invalid("promise", "zero").code(), "invalid");
        let nf = reachright_store::Error::NotFound {
            what: "case",
            id: "x".into(),
        };
        assert_eq!(Error::from(nf).code(), "not_found");
        assert!(Error::invalid("promise", "zero")
            .to_string()
            .contains("`promise`"));
    }
}
