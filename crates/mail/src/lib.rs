//! E-mail as a tracked channel, without storage or keychain (the caller passes the password):
//! the mailboxes our users have ([`presets`]), an account ([`account`]), sending over SMTP
//! ([`smtp`]), reading and filing over IMAP with the ID command ([`imap`]), the complaint's
//! message ([`compose`]), an answer read back ([`parse`]) and which case it answers
//! ([`matching`]). TLS always (rustls with ring), plain text only on loopback; tests trust a
//! throw-away CA through [`tls::EXTRA_CA_ENV`].

pub mod account;
pub mod compose;
mod error;
pub mod imap;
pub mod matching;
pub mod parse;
pub mod presets;
pub mod smtp;
pub mod tls;

pub use account::{Account, Endpoint, Security};
pub use error::{Error, Result};

/// What "test connection" found: both servers reached, secured and logged in to, INBOX opened.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Tested {
    pub inbox_messages: u32,
    pub sent_folder: Option<String>,
}

/// IMAP first (host, TLS, login, ID, INBOX, Sent folder), then SMTP (host, TLS, login): the
/// first step that fails is the error, naming the server and what failed.
pub fn test_connection(account: &Account, password: &str) -> Result<Tested> {
    let checked = imap::check(account, password)?;
    smtp::check(account, password)?;
    Ok(Tested {
        inbox_messages: checked.inbox_messages,
        sent_folder: checked.sent_folder,
    })
}
