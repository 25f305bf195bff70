//! The shell's one error type. Commands return it; it crosses IPC as `{code, field, message}`, the
//! same shape as the crates' errors, so the UI has one way to show any failure.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Whatever the app facade said (its `{code, field, message}` goes through unchanged).
    #[error(transparent)]
    Api(#[from] reachright_api::Error),

    /// Writing an exported file failed (disk full, no permission …).
    #[error("could not write {path}: {reason}")]
    Io { path: String, reason: String },

    /// The evidence vault is not open (no keychain and no passphrase yet): `vault_status` says why.
    #[error("the evidence vault is locked")]
    VaultLocked,

    /// A path came over IPC that the user did not pick in the dialog or drop on the window.
    #[error("{0} was not picked in the file dialog or dropped on the window; pick it again")]
    PathNotGranted(String),

    /// The native file dialog could not be shown.
    #[error("the file dialog failed: {0}")]
    Dialog(String),

    /// The clipboard refused the text.
    #[error("copying to the clipboard failed: {0}")]
    Clipboard(String),

    /// A link was not a web, mail or phone link, or no program took it.
    #[error("the link could not be opened: {0}")]
    Link(String),

    /// Read-aloud failed: no speech engine, no voice for the language, or the engine refused.
    #[error(transparent)]
    Speech(#[from] reachright_speech::Error),
}

pub type Result<T> = std::result::Result<T, Error>;

impl From<reachright_store::Error> for Error {
    fn from(e: reachright_store::Error) -> Self {
        Error::Api(e.into())
    }
}

impl From<reachright_vault::Error> for Error {
    fn from(e: reachright_vault::Error) -> Self {
        Error::Api(e.into())
    }
}

impl Error {
    pub fn code(&self) -> &'static str {
        match self {
            Error::Api(e) => e.code(),
            Error::Io { .. } => "io",
            Error::VaultLocked => "vault_locked",
            Error::PathNotGranted(_) => "path_not_granted",
            Error::Dialog(_) => "dialog",
            Error::Clipboard(_) => "clipboard",
            Error::Link(_) => "open_link",
            Error::Speech(e) => e.code(),
        }
    }
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Error::Api(e) => e.serialize(s),
            Error::Io { .. }
            | Error::VaultLocked
            | Error::PathNotGranted(_)
            | Error::Dialog(_)
            | Error::Clipboard(_)
            | Error::Link(_)
            | Error::Speech(_) => {
                let field = match self {
                    Error::PathNotGranted(_) => Some("paths"),
                    Error::Speech(reachright_speech::Error::Text(_)) => Some("text"),
                    _ => None,
                };
                let mut st = s.serialize_struct("Error", 3)?;
                st.serialize_field("code", self.code())?;
                st.serialize_field("field", &field)?;
                st.serialize_field("message", &self.to_string())?;
                st.end()
            }
        }
    }
}
