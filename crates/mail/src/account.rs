//! A mailbox as the user set it up: the address, the IMAP and SMTP servers and how they are
//! secured. The password is not here: it lives in the OS keychain and is passed in per call.

use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::presets;

/// How both servers are reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Security {
    /// TLS from the first byte (IMAP 993, SMTP 465).
    Tls,
    /// Plain, then STARTTLS before anything else is said (IMAP 143, SMTP 587); a server that
    /// does not offer it is an error, never a silent downgrade.
    Starttls,
    /// No TLS at all: only for a server on this computer (tests, a local bridge).
    Plain,
}

impl Security {
    pub fn code(self) -> &'static str {
        match self {
            Security::Tls => "tls",
            Security::Starttls => "starttls",
            Security::Plain => "plain",
        }
    }

    pub fn parse(s: &str) -> Result<Security> {
        match s.trim().to_ascii_lowercase().as_str() {
            "tls" | "ssl" => Ok(Security::Tls),
            "starttls" => Ok(Security::Starttls),
            "plain" => Ok(Security::Plain),
            other => Err(Error::invalid(
                "security",
                format!("{other:?} is not one of tls, starttls, plain"),
            )),
        }
    }
}

/// A server's host and port.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint {
    pub host: String,
    pub port: u16,
}

impl Endpoint {
    /// `HOST:PORT` (`imap.qq.com:993`, `[::1]:1143`).
    pub fn parse(field: &'static str, s: &str) -> Result<Endpoint> {
        let s = s.trim();
        let (host, port) = s
            .rsplit_once(':')
            .ok_or_else(|| Error::invalid(field, format!("{s:?} needs the form HOST:PORT")))?;
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let port: u16 =
            port.parse().ok().filter(|p| *p > 0).ok_or_else(|| {
                Error::invalid(field, format!("{port:?} is not a port (1-65535)"))
            })?;
        Endpoint::new(field, host, port)
    }

    pub fn new(field: &'static str, host: &str, port: u16) -> Result<Endpoint> {
        let host = host.trim();
        if host.is_empty() {
            return Err(Error::invalid(field, "the host is empty"));
        }
        if port == 0 {
            return Err(Error::invalid(field, "the port must be 1-65535"));
        }
        let ok = host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '_'));
        if !ok || host.len() > 253 {
            return Err(Error::invalid(
                field,
                format!("{host:?} is not a host name"),
            ));
        }
        Ok(Endpoint {
            host: host.to_ascii_lowercase(),
            port,
        })
    }

    /// Whether the host is this computer (where `plain` is allowed).
    pub fn is_loopback(&self) -> bool {
        self.host == "localhost" || self.host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
    }
}

impl std::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.host.contains(':') {
            write!(f, "[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{}:{}", self.host, self.port)
        }
    }
}

/// One mailbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// The user's name for it (unique); also its keychain entry's name.
    pub name: String,
    pub email: String,
    /// The login name (the address for every provider we know).
    pub login: String,
    pub imap: Endpoint,
    pub smtp: Endpoint,
    pub security: Security,
    /// Skip the IMAP APPEND of what we send (the server files it itself, as Gmail does).
    pub server_keeps_sent: bool,
}

impl Account {
    /// A checked account: a usable address (not an OAuth-only mailbox), a name, and TLS unless
    /// both servers are on this computer.
    pub fn new(
        name: &str,
        email: &str,
        imap: Endpoint,
        smtp: Endpoint,
        security: Security,
    ) -> Result<Account> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 64 || name.chars().any(char::is_control) {
            return Err(Error::invalid(
                "name",
                "1-64 characters, no control characters",
            ));
        }
        presets::check_address(email)?;
        if security == Security::Plain {
            for e in [&imap, &smtp] {
                if !e.is_loopback() {
                    return Err(Error::PlainNotLoopback {
                        host: e.host.clone(),
                    });
                }
            }
        }
        let server_keeps_sent = presets::for_address(email)
            .is_some_and(|p| p.server_keeps_sent && p.imap_host == imap.host);
        Ok(Account {
            name: name.into(),
            email: email.trim().into(),
            login: email.trim().into(),
            imap,
            smtp,
            security,
            server_keeps_sent,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ep(s: &str) -> Endpoint {
        Endpoint::parse("imap", s).expect(s)
    }

    #[test]
    fn endpoints_parse_and_say_what_is_wrong() {
        assert_eq!(ep("imap.qq.com:993").to_string(), "imap.qq.com:993");
        assert_eq!(ep("[::1]:1143").host, "::1");
        assert!(ep("127.0.0.1:143").is_loopback());
        assert!(ep("localhost:25").is_loopback());
        assert!(!ep("imap.163.com:993").is_loopback());
        for bad in [
            "imap.qq.com",
            "imap.qq.com:0",
            "imap.qq.com:99999",
            ":993",
            "a b:1",
        ] {
            let e = Endpoint::parse("imap", bad).expect_err(bad);
            assert_eq!(e.field(), Some("imap"), "{bad}");
        }
    }

    #[test]
    fn plain_only_on_loopback() {
        let e = Account::new(
            "qq",
            "me@qq.com",
            ep("imap.qq.com:143"),
            ep("smtp.qq.com:25"),
            Security::Plain,
        )
        .expect_err("plain over the network");
        assert_eq!(e.code(), "mail_plain_not_loopback");
        let local = Account::new(
            "t",
            "buyer@localhost.test",
            ep("127.0.0.1:1143"),
            ep("127.0.0.1:2525"),
            Security::Plain,
        );
        assert!(local.is_ok());
        let ms = Account::new(
            "o",
            "me@outlook.com",
            ep("outlook.office365.com:993"),
            ep("smtp.office365.com:587"),
            Security::Starttls,
        );
        assert_eq!(ms.expect_err("oauth only").code(), "mail_oauth_only");
        assert_eq!(Security::parse("STARTTLS").ok(), Some(Security::Starttls));
        assert!(Security::parse("ssl3").is_err());
    }

    #[test]
    fn gmail_files_sent_mail_itself() {
        let g = Account::new(
            "g",
            "me@gmail.com",
            ep("imap.gmail.com:993"),
            ep("smtp.gmail.com:465"),
            Security::Tls,
        )
        .expect("gmail");
        assert!(g.server_keeps_sent);
        let q = Account::new(
            "q",
            "me@qq.com",
            ep("imap.qq.com:993"),
            ep("smtp.qq.com:465"),
            Security::Tls,
        )
        .expect("qq");
        assert!(!q.server_keeps_sent);
    }
}
