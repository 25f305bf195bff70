//! The one error type of reachright-mail. Each variant names what failed — the host, TLS, the
//! login, the folder — so "test connection" can say exactly that; none carries a password.

use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq)]
pub enum Error {
    /// A value we were given is not usable (an address, a host, a port …).
    #[error("invalid `{field}`: {reason}")]
    Invalid { field: &'static str, reason: String },
    /// Outlook.com / Hotmail / Live / MSN personal mailboxes: Microsoft accepts only its OAuth
    /// sign-in from other programs since 16 September 2024; a password can never work.
    #[error("{domain} is a Microsoft personal mailbox: since September 2024 Microsoft lets other programs sign in only with its OAuth sign-in, not with a password or app password; use a QQ, 163/126 or Gmail mailbox here, or write from Outlook yourself")]
    OAuthOnly { domain: String },
    /// Plain text outside this machine: the password would cross the network readable.
    #[error("`plain` (no TLS) is allowed only for a server on this computer (127.0.0.1, ::1, localhost), not {host}")]
    PlainNotLoopback { host: String },
    /// DNS, refused connection, unreachable network, timeout while connecting.
    #[error("cannot reach {server} at {host}:{port}: {reason}")]
    Connect {
        server: &'static str,
        host: String,
        port: u16,
        reason: String,
    },
    /// The TLS handshake failed (untrusted certificate, wrong name, no TLS on that port …).
    #[error("TLS with {server} at {host}:{port} failed: {reason}")]
    Tls {
        server: &'static str,
        host: String,
        port: u16,
        reason: String,
    },
    /// The server refused the address and password (for QQ/163/126: the 授权码, for Gmail: the
    /// app password).
    #[error("{server} refused the login for {user}: {reason}")]
    Login {
        server: &'static str,
        user: String,
        reason: String,
    },
    /// A folder could not be opened or written (163/126 say "Unsafe Login" here without ID).
    #[error("the mailbox folder {folder:?} could not be used: {reason}")]
    Folder { folder: String, reason: String },
    /// The server answered something unexpected after connecting.
    #[error("{server} answered unexpectedly: {reason}")]
    Protocol {
        server: &'static str,
        reason: String,
    },
    /// The SMTP server refused the message (recipient, size, content).
    #[error("the SMTP server refused the message: {0}")]
    Refused(String),
    /// The message with its attachments is over the limit most mailboxes accept.
    #[error("the e-mail would be {size_mb:.1} MB with its attachments; mailboxes accept at most {limit_mb} MB: choose fewer or smaller files")]
    TooLarge { size_mb: f64, limit_mb: u64 },
    /// A message could not be read as e-mail at all.
    #[error("not a readable e-mail: {0}")]
    Unreadable(String),
    /// Building the message or the zip of the evidence failed.
    #[error("the e-mail could not be composed: {0}")]
    Compose(String),
}

impl Error {
    /// A stable code for the UI and the logs.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid",
            Error::OAuthOnly { .. } => "mail_oauth_only",
            Error::PlainNotLoopback { .. } => "mail_plain_not_loopback",
            Error::Connect { .. } => "mail_connect",
            Error::Tls { .. } => "mail_tls",
            Error::Login { .. } => "mail_login",
            Error::Folder { .. } => "mail_folder",
            Error::Protocol { .. } => "mail_protocol",
            Error::Refused(_) => "mail_refused",
            Error::TooLarge { .. } => "mail_too_large",
            Error::Unreadable(_) => "mail_unreadable",
            Error::Compose(_) => "mail_compose",
        }
    }

    /// The field a form should highlight, when one is to blame.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            Error::OAuthOnly { .. } => Some("email"),
            Error::PlainNotLoopback { .. } => Some("security"),
            Error::Login { .. } => Some("password"),
            _ => None,
        }
    }

    /// Whether the next poll may succeed without the user changing anything.
    pub fn is_transient(&self) -> bool {
        matches!(self, Error::Connect { .. } | Error::Protocol { .. })
    }

    pub(crate) fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            reason: reason.into(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
