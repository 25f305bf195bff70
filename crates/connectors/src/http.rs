//! The one HTTP layer every backend goes through, so timeouts, retries, `Retry-After` and the
//! mapping of statuses to [`Error`] are decided once and tested once.
//!
//! Retries are bounded and only where repeating is safe: a `GET` is retried on any transient error;
//! a `POST`/`PUT` only when the server cannot have acted on it (the connection was never made, or
//! it answered 429/503). Anything else goes back to the tracker, which has its own, slower backoff.
//! Sleeping and jitter are injected so the unit tests never wait for real time.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, RETRY_AFTER};
use reqwest::{Client, RequestBuilder, StatusCode};

use crate::{Error, Result, DEFAULT_TIMEOUT};

/// The largest answer read into memory; a larger one is a `bad_response` naming the cap.
pub const MAX_BODY: usize = 8 * 1024 * 1024;

/// A secret (API token, OAuth token) that never shows up in `Debug` output or error messages.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Waits between attempts. The real one is tokio's timer; tests pass one that records and returns.
pub trait Sleeper: Send + Sync {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>>;
}

/// The production [`Sleeper`].
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioSleeper;

impl Sleeper for TokioSleeper {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// A number in `[0, 1)`; the jitter source. Injected so backoff delays are exact in tests.
pub type Jitter = Arc<dyn Fn() -> f64 + Send + Sync>;

/// How patient one request is. The defaults suit the background tracker (a slow helpdesk is
/// tried again at the next poll, not hammered now).
#[derive(Clone)]
pub struct HttpOptions {
    /// The whole request, body included.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// Extra attempts after the first one, for transient errors that are safe to repeat.
    pub max_retries: u32,
    /// First backoff; doubled each attempt, capped at `max_backoff`, then jittered.
    pub base_backoff: Duration,
    pub max_backoff: Duration,
    /// A `Retry-After` longer than this is not waited out here: the error goes back to the
    /// tracker, which schedules the next poll after it.
    pub max_retry_after: Duration,
    /// One poll of one ticket, every page and retry included: past it the poll ends with
    /// `Timeout`, so a server that answers each request just in time cannot hold the tracker.
    pub poll_budget: Duration,
    pub sleeper: Arc<dyn Sleeper>,
    pub jitter: Jitter,
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: Duration::from_secs(10),
            max_retries: 2,
            base_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(30),
            poll_budget: Duration::from_secs(60),
            sleeper: Arc::new(TokioSleeper),
            jitter: Arc::new(fastrand::f64),
        }
    }
}

impl std::fmt::Debug for HttpOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpOptions")
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_retries", &self.max_retries)
            .field("base_backoff", &self.base_backoff)
            .field("max_backoff", &self.max_backoff)
            .field("max_retry_after", &self.max_retry_after)
            .field("poll_budget", &self.poll_budget)
            .finish_non_exhaustive()
    }
}

/// Whether a request may be sent twice without harm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Idempotent {
    Yes,
    No,
}

/// A response read to the end: the layer above only needs the status, a few headers and the bytes.
#[derive(Debug)]
pub(crate) struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Decodes the body as JSON; `what` names the request in the error ("ticket 12").
    pub fn json<T: serde::de::DeserializeOwned>(&self, what: &str) -> Result<T> {
        serde_json::from_slice(&self.body).map_err(|e| {
            Error::BadResponse(format!("{what}: the body is not the expected JSON ({e})"))
        })
    }
}

/// The client plus its policy. Cheap to clone (reqwest's client is an `Arc` inside).
#[derive(Clone)]
pub(crate) struct Http {
    client: Client,
    auth: HeaderValue,
    opts: HttpOptions,
}

impl Http {
    /// `authorization` is the full `Authorization` header value; it is marked sensitive so
    /// reqwest never prints it.
    pub fn new(authorization: &Secret, opts: HttpOptions) -> Result<Http> {
        install_crypto_provider();
        let mut auth =
            HeaderValue::from_str(authorization.expose()).map_err(|_| Error::Invalid {
                field: "token",
                reason: "contains characters that cannot go in an HTTP header".into(),
            })?;
        auth.set_sensitive(true);
        let client = Client::builder()
            .timeout(opts.timeout)
            .connect_timeout(opts.connect_timeout)
            // Never follow a redirect: the next hop could be another origin, and the token was
            // given for this one only. A 3xx becomes `Error::Redirected` naming the target.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("ReachRight/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::Unreachable(format!("cannot set up HTTP: {}", e.without_url())))?;
        Ok(Http { client, auth, opts })
    }

    /// Runs one poll within [`HttpOptions::poll_budget`].
    pub async fn within_poll_budget<T>(&self, poll: impl Future<Output = Result<T>>) -> Result<T> {
        tokio::time::timeout(self.opts.poll_budget, poll)
            .await
            .unwrap_or(Err(Error::Timeout))
    }

    /// A conditional GET: `If-None-Match` with the stored ETag, and `None` when the server answers
    /// `304 Not Modified` — an idle poll costs one small round trip and no parsing.
    pub async fn get_if_changed(
        &self,
        url: &reqwest::Url,
        etag: Option<&str>,
    ) -> Result<Option<Reply>> {
        let reply = self
            .send(Idempotent::Yes, |c| {
                let rb = c.get(url.clone());
                match etag {
                    Some(tag) => rb.header(reqwest::header::IF_NONE_MATCH, tag),
                    None => rb,
                }
            })
            .await?;
        Ok((reply.status != StatusCode::NOT_MODIFIED).then_some(reply))
    }

    /// Sends the request `build` makes (called again for every attempt, since a multipart body
    /// cannot be replayed) and reads the answer. 2xx and 304 come back as a [`Reply`]; every
    /// other status becomes its [`Error`].
    pub async fn send<F>(&self, idempotent: Idempotent, build: F) -> Result<Reply>
    where
        F: Fn(&Client) -> RequestBuilder,
    {
        let mut attempt: u32 = 0;
        loop {
            let request = build(&self.client).header(AUTHORIZATION, self.auth.clone());
            let (result, never_sent) = self.attempt(request).await;
            let err = match result {
                Ok(reply) => return Ok(reply),
                Err(err) => err,
            };
            let safe = idempotent == Idempotent::Yes
                || never_sent
                || matches!(err, Error::RateLimited { .. });
            if !err.is_transient() || !safe || attempt >= self.opts.max_retries {
                return Err(err);
            }
            let wait = match err.retry_after() {
                Some(after) if after > self.opts.max_retry_after => return Err(err),
                Some(after) => after,
                None => backoff(&self.opts, attempt),
            };
            self.opts.sleeper.sleep(wait).await;
            attempt += 1;
        }
    }

    /// One try. The flag says the request certainly never reached the server (connect failed).
    async fn attempt(&self, request: RequestBuilder) -> (Result<Reply>, bool) {
        let response = match request.send().await {
            Ok(r) => r,
            Err(e) => return (Err(map_transport(&e)), e.is_connect()),
        };
        let status = response.status();
        let headers = response.headers().clone();
        let too_large = || {
            let limit = MAX_BODY / (1024 * 1024);
            Error::BadResponse(format!("the answer is larger than {limit} MiB"))
        };
        // An answer that says up front it is too large is refused before a byte of it is read.
        if response
            .content_length()
            .is_some_and(|n| n > MAX_BODY as u64)
        {
            return (Err(too_large()), false);
        }
        let mut response = response;
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    // A helpdesk answer is small JSON; a server streaming without end is broken.
                    if body.len() + chunk.len() > MAX_BODY {
                        return (Err(too_large()), false);
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => return (Err(map_transport(&e)), false),
            }
        }
        let reply = Reply {
            status,
            headers,
            body,
        };
        (check_status(reply, SystemTime::now()), false)
    }
}

/// Installs ring as the process's rustls provider unless something already chose one (the
/// app may link other TLS users; whoever comes first wins, and either provider is fine).
fn install_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // An error here only means another thread installed one first.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

/// Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries
/// from many tickets spread out but never collapse to zero.
pub(crate) fn backoff(opts: &HttpOptions, attempt: u32) -> Duration {
    let factor = 2u32.saturating_pow(attempt.min(16));
    let full = opts
        .base_backoff
        .saturating_mul(factor)
        .min(opts.max_backoff);
    let j = (opts.jitter)().clamp(0.0, 1.0);
    full / 2 + full.mul_f64(j) / 2
}

/// reqwest's error, without its URL (which could carry a query) and without ever the token
/// (headers are not part of reqwest's messages).
fn map_transport(e: &reqwest::Error) -> Error {
    if e.is_timeout() {
        Error::Timeout
    } else if e.is_connect() {
        Error::Unreachable(describe(e))
    } else if e.is_decode() || e.is_body() {
        Error::BadResponse(format!("the body could not be read: {}", describe(e)))
    } else {
        Error::Unreachable(describe(e))
    }
}

/// The innermost cause of a transport error ("Connection refused"), which says more than
/// reqwest's outer "error sending request".
fn describe(e: &reqwest::Error) -> String {
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    let mut text = None;
    while let Some(s) = source {
        text = Some(s.to_string());
        source = s.source();
    }
    text.unwrap_or_else(|| "connection failed".to_string())
}

/// Maps a status to the crate's errors (see the module doc); 2xx and 304 pass.
pub(crate) fn check_status(reply: Reply, now: SystemTime) -> Result<Reply> {
    let status = reply.status;
    if status.is_success() || status == StatusCode::NOT_MODIFIED {
        return Ok(reply);
    }
    let code = status.as_u16();
    Err(match code {
        401 | 403 => Error::Auth(format!("HTTP {code}{}", snippet(&reply.body))),
        404 => Error::NotFound(format!("HTTP 404{}", snippet(&reply.body))),
        300..=399 => Error::Redirected {
            status: code,
            to: location(&reply.headers),
        },
        429 | 503 => Error::RateLimited {
            retry_after: reply
                .headers
                .get(RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| parse_retry_after(v, now)),
        },
        500..=599 => Error::Server(code),
        _ => Error::BadResponse(format!("HTTP {code}{}", snippet(&reply.body))),
    })
}

/// The `Location` of a redirect as printable text: server data, cut short and without control
/// characters, so it can be shown (as text) in an error.
fn location(headers: &HeaderMap) -> String {
    let Some(raw) = headers.get(reqwest::header::LOCATION) else {
        return "(no Location given)".into();
    };
    let text = String::from_utf8_lossy(raw.as_bytes());
    let clean: String = text.chars().filter(|c| !c.is_control()).take(200).collect();
    if clean.is_empty() {
        "(an empty Location)".into()
    } else {
        clean
    }
}

/// A short, single-line excerpt of an error body for the message (servers explain 4xx there).
/// Server text is data: it is only ever shown as text.
fn snippet(body: &[u8]) -> String {
    // Only the start is looked at: a huge error page costs no more than a short one.
    let head = &body[..body.len().min(16 * 1024)];
    let raw = String::from_utf8_lossy(head);
    // An HTML error page (a proxy's, a login page) is reduced to its words, so no markup
    // reaches a message; the UI shows messages as text anyway.
    let text = if raw.contains('<') {
        crate::text::html_to_text(&raw)
    } else {
        raw.into_owned()
    };
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.is_empty() {
        return String::new();
    }
    let cut: String = one_line.chars().take(160).collect();
    if cut.len() < one_line.len() {
        format!(": {cut}…")
    } else {
        format!(": {cut}")
    }
}

/// `Retry-After` in either form RFC 9110 allows: delay-seconds or an HTTP-date (a date in the
/// past means "now"). Anything else is ignored, and the caller falls back to its backoff.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // An absurd number of digits saturates instead of failing.
        return Some(Duration::from_secs(
            value.parse::<u64>().unwrap_or(u64::MAX),
        ));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    fn reply(code: u16, headers: &[(&'static str, &str)], body: &str) -> Reply {
        let mut map = HeaderMap::new();
        for (k, v) in headers {
            map.insert(*k, HeaderValue::from_str(v).expect("header"));
        }
        Reply {
            status: StatusCode::from_u16(code).expect("status"),
            headers: map,
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").expect("date");
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now),
            Some(Duration::from_secs(30))
        );
        // The two obsolete forms HTTP still accepts.
        assert_eq!(
            parse_retry_after("Sunday, 06-Nov-94 08:49:47 GMT", now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            parse_retry_after("Sun Nov  6 08:49:39 1994", now),
            Some(Duration::from_secs(2))
        );
        // In the past: go now.
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("-5", now), None);
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("", now), None);
        assert_eq!(
            parse_retry_after("99999999999999999999999", now),
            Some(Duration::from_secs(u64::MAX))
        );
    }

    #[test]
    fn statuses_map_to_errors() {
        let now = SystemTime::UNIX_EPOCH;
        let code = |c: u16| check_status(reply(c, &[], "{}"), now).map(|r| r.status.as_u16());
        assert_eq!(code(200), Ok(200));
        assert_eq!(code(201), Ok(201));
        assert_eq!(code(304), Ok(304));
        assert_eq!(code(401).map_err(|e| e.code()), Err("auth"));
        assert_eq!(code(403).map_err(|e| e.code()), Err("auth"));
        assert_eq!(code(404).map_err(|e| e.code()), Err("not_found"));
        assert_eq!(code(500), Err(Error::Server(500)));
        assert_eq!(code(502), Err(Error::Server(502)));
        assert_eq!(code(503), Err(Error::RateLimited { retry_after: None }));
        assert_eq!(code(422).map_err(|e| e.code()), Err("bad_response"));
        assert_eq!(code(302).map_err(|e| e.code()), Err("redirected"));
        let moved = check_status(
            reply(301, &[("location", "https://evil.example:8443/x")], ""),
            now,
        );
        assert_eq!(
            moved.map(|_| ()),
            Err(Error::Redirected {
                status: 301,
                to: "https://evil.example:8443/x".into()
            })
        );
        let limited = check_status(reply(429, &[("retry-after", "7")], ""), now);
        assert_eq!(
            limited.map(|_| ()),
            Err(Error::RateLimited {
                retry_after: Some(Duration::from_secs(7))
            })
        );
    }

    #[test]
    fn error_bodies_are_cut_to_one_short_line() {
        let long = "x ".repeat(500);
        let err = check_status(
            reply(400, &[], &format!("bad\n\n  {long}")),
            SystemTime::UNIX_EPOCH,
        )
        .map(|_| ())
        .expect_err("400");
        let msg = err.to_string();
        assert!(msg.contains("HTTP 400: bad x x"), "{msg}");
        assert!(!msg.contains('\n'));
        assert!(msg.chars().count() < 260, "{msg}");
    }

    #[test]
    fn backoff_doubles_caps_and_jitters() {
        let mut opts = HttpOptions {
            base_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(1000),
            ..HttpOptions::default()
        };
        opts.jitter = Arc::new(|| 0.0);
        assert_eq!(backoff(&opts, 0), Duration::from_millis(50));
        assert_eq!(backoff(&opts, 1), Duration::from_millis(100));
        assert_eq!(backoff(&opts, 3), Duration::from_millis(400));
        assert_eq!(backoff(&opts, 10), Duration::from_millis(500));
        assert_eq!(backoff(&opts, u32::MAX), Duration::from_millis(500));
        opts.jitter = Arc::new(|| 1.0);
        assert_eq!(backoff(&opts, 0), Duration::from_millis(100));
        assert_eq!(backoff(&opts, 10), Duration::from_millis(1000));
        // A broken jitter source cannot push the delay outside [half, full].
        opts.jitter = Arc::new(|| 7.5);
        assert_eq!(backoff(&opts, 0), Duration::from_millis(100));
    }

    #[test]
    fn secrets_do_not_print() {
        let s = Secret::new("token abc123");
        assert_eq!(format!("{s:?}"), "Secret(***)");
        assert_eq!(s.expose(), "token abc123");
    }

    #[test]
    fn a_token_with_a_newline_is_invalid_not_a_panic() {
        let err = Http::new(&Secret::new("token a\nb"), HttpOptions::default()).map(|_| ());
        assert_eq!(err.map_err(|e| e.code()), Err("invalid"));
    }

    /// Records the waits instead of waiting.
    #[derive(Default)]
    pub(crate) struct RecordingSleeper(pub Mutex<Vec<Duration>>);

    impl Sleeper for RecordingSleeper {
        fn sleep(&self, d: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
            if let Ok(mut v) = self.0.lock() {
                v.push(d);
            }
            Box::pin(async {})
        }
    }

    #[tokio::test]
    async fn connection_refused_is_retried_then_unreachable() {
        // Bind and drop a listener to get a port nobody listens on.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .expect("bind")
            .local_addr()
            .expect("addr")
            .port();
        let sleeper = Arc::new(RecordingSleeper::default());
        let opts = HttpOptions {
            max_retries: 3,
            base_backoff: Duration::from_millis(100),
            sleeper: sleeper.clone(),
            jitter: Arc::new(|| 0.0),
            ..HttpOptions::default()
        };
        let http = Http::new(&Secret::new("token secret-value"), opts).expect("client");
        let url = format!("http://127.0.0.1:{port}/x");
        // Even a POST is retried: the connection was never made, so nothing was sent.
        let err = http
            .send(Idempotent::No, |c| c.post(&url))
            .await
            .map(|_| ())
            .expect_err("refused");
        assert_eq!(err.code(), "unreachable", "{err}");
        assert!(!err.to_string().contains("secret-value"));
        let waits = sleeper.0.lock().expect("lock").clone();
        assert_eq!(
            waits,
            vec![
                Duration::from_millis(50),
                Duration::from_millis(100),
                Duration::from_millis(200)
            ]
        );
    }
}
