//! Sending over SMTP with lettre's blocking transport (rustls with ring; no pool: one message
//! per send). The exact bytes composed are sent, so what the Sent folder gets by IMAP APPEND
//! is the same message, with the same Message-ID.

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::transport::smtp::SmtpTransport;
use lettre::Address;

use crate::account::{Account, Security};
use crate::error::{Error, Result};
use crate::imap::TIMEOUT;
use crate::tls;

const SERVER: &str = "SMTP";

/// Whether a failed send may have reached the server anyway (the connection broke after the
/// message was handed over): such a send stays pending and is not repeated blindly.
#[derive(Debug, Clone, PartialEq)]
pub struct SendError {
    pub error: Error,
    /// `false` when the server surely did not take the message (it refused, or we never got
    /// past connecting, TLS or login).
    pub maybe_sent: bool,
}

fn transport(account: &Account, password: &str) -> Result<SmtpTransport> {
    let host = account.smtp.host.as_str();
    let tls = match account.security {
        Security::Plain => {
            if !account.smtp.is_loopback() {
                return Err(Error::PlainNotLoopback { host: host.into() });
            }
            Tls::None
        }
        Security::Tls | Security::Starttls => {
            let mut b = TlsParameters::builder(host.to_string());
            if let Some(pem) = tls::extra_roots_pem()? {
                let cert = Certificate::from_pem(&pem)
                    .map_err(|e| Error::invalid("ca", format!("{}: {e}", tls::EXTRA_CA_ENV)))?;
                b = b.add_root_certificate(cert);
            }
            let params = b.build_rustls().map_err(|e| Error::Tls {
                server: SERVER,
                host: host.into(),
                port: account.smtp.port,
                reason: e.to_string(),
            })?;
            if account.security == Security::Tls {
                Tls::Wrapper(params)
            } else {
                Tls::Required(params)
            }
        }
    };
    Ok(SmtpTransport::builder_dangerous(host)
        .port(account.smtp.port)
        .tls(tls)
        .timeout(Some(TIMEOUT))
        .credentials(Credentials::new(
            account.login.clone(),
            password.to_string(),
        ))
        .build())
}

/// lettre's error as ours: which step failed, and whether the message may have gone.
fn classify(account: &Account, e: &lettre::transport::smtp::Error) -> SendError {
    let host = account.smtp.host.clone();
    let port = account.smtp.port;
    let text = e.to_string();
    if e.is_tls() {
        return SendError {
            error: Error::Tls {
                server: SERVER,
                host,
                port,
                reason: text,
            },
            maybe_sent: false,
        };
    }
    if let Some(code) = e.status() {
        let code = code.to_string();
        // 535 and friends: authentication; 530: must authenticate (after STARTTLS).
        let error = if code.starts_with("535") || code.starts_with("534") || code.starts_with("530")
        {
            Error::Login {
                server: SERVER,
                user: account.login.clone(),
                reason: text,
            }
        } else {
            Error::Refused(text)
        };
        return SendError {
            error,
            maybe_sent: false,
        };
    }
    let lower = text.to_lowercase();
    if e.is_timeout() || e.is_transport_shutdown() || lower.contains("connection") {
        return SendError {
            error: Error::Connect {
                server: SERVER,
                host,
                port,
                reason: text,
            },
            maybe_sent: !lower.contains("refused"),
        };
    }
    SendError {
        error: Error::Protocol {
            server: SERVER,
            reason: text,
        },
        maybe_sent: true,
    }
}

fn address(field: &'static str, s: &str) -> Result<Address> {
    s.trim()
        .parse()
        .map_err(|e| Error::invalid(field, format!("{s:?}: {e}")))
}

/// Connect, secure, log in and send `message` from the account to `to`.
pub fn send(account: &Account, password: &str, to: &str, message: &[u8]) -> Result<(), SendError> {
    let early = |error| SendError {
        error,
        maybe_sent: false,
    };
    let envelope = Envelope::new(
        Some(address("email", &account.email).map_err(early)?),
        vec![address("to", to).map_err(early)?],
    )
    .map_err(|e| early(Error::invalid("to", e.to_string())))?;
    // Connecting first separately: a failure there surely sent nothing.
    let t = transport(account, password).map_err(early)?;
    t.test_connection().map_err(|e| {
        let mut c = classify(account, &e);
        c.maybe_sent = false;
        c
    })?;
    use lettre::Transport;
    t.send_raw(&envelope, message)
        .map(|_| ())
        .map_err(|e| classify(account, &e))
}

/// Connect, secure and log in (lettre logs in when it connects), then say goodbye.
pub fn check(account: &Account, password: &str) -> Result<()> {
    let t = transport(account, password)?;
    match t.test_connection() {
        Ok(true) => Ok(()),
        Ok(false) => Err(Error::Protocol {
            server: SERVER,
            reason: "the server did not answer NOOP".into(),
        }),
        Err(e) => Err(classify(account, &e).error),
    }
}
