//! The one error type of reachright-connectors, with a stable [`Error::code`] and a hint for the
//! tracker: is it worth retrying, and after how long.

use std::time::Duration;

use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum Error {
    /// 401/403: the token is wrong, expired or lacks rights. Retrying will not help.
    #[error("the helpdesk refused the credentials: {0}")]
    Auth(String),
    /// 404: the ticket (or the helpdesk path) does not exist.
    #[error("not found on the helpdesk: {0}")]
    NotFound(String),
    /// The server answered something we cannot read (bad JSON, missing field, HTML error page).
    #[error("unexpected answer from the helpdesk: {0}")]
    BadResponse(String),
    /// 429 or 503 with `Retry-After`.
    #[error("the helpdesk asked us to slow down")]
    RateLimited { retry_after: Option<Duration> },
    /// 5xx without a usable answer.
    #[error("the helpdesk failed with HTTP {0}")]
    Server(u16),
    /// No answer within the timeout.
    #[error("the helpdesk did not answer in time")]
    Timeout,
    /// DNS, refused connection, TLS failure, offline.
    #[error("cannot reach the helpdesk: {0}")]
    Unreachable(String),
    /// The server answered with a redirect (3xx). Redirects are never followed: the token is
    /// only ever sent to the address the user saved it for. `to` is the `Location` given.
    #[error("the helpdesk redirected (HTTP {status}) to {to}; redirects are not followed: check the helpdesk's address")]
    Redirected { status: u16, to: String },
    /// A value we were given is not usable (empty subject, bad URL …).
    #[error("invalid `{field}`: {reason}")]
    Invalid { field: &'static str, reason: String },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A stable machine code, so callers never match on message text.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Auth(_) => "auth",
            Error::NotFound(_) => "not_found",
            Error::BadResponse(_) => "bad_response",
            Error::RateLimited { .. } => "rate_limited",
            Error::Server(_) => "server",
            Error::Timeout => "timeout",
            Error::Unreachable(_) => "unreachable",
            Error::Redirected { .. } => "redirected",
            Error::Invalid { .. } => "invalid",
        }
    }

    /// Worth trying again later (the tracker backs off); auth, 404 and bad input are not.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Error::RateLimited { .. } | Error::Server(_) | Error::Timeout | Error::Unreachable(_)
        )
    }

    /// The server's own `Retry-After`, which the tracker honours over its backoff.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::RateLimited { retry_after } => *retry_after,
            _ => None,
        }
    }
}
