//! When to poll a ticket next: a steady interval that depends on the ticket's status, and a
//! jittered exponential backoff after errors, with the server's `Retry-After` taking precedence
//! when it asks for a longer wait (never a shorter one).
//! Auth and not-found errors stop polling (retrying cannot fix them; the user must), and an
//! unreachable helpdesk (offline) backs off quietly, with no notification.
//!
//! Pure functions of (status, error, failures, now, seed): the store keeps the results, so the
//! schedule survives restarts, and tests check it at fixed moments.

use std::hash::{Hash, Hasher};

use chrono::{DateTime, Duration, Utc};
use reachright_connectors::Error as ConnectorError;

/// While the platform is working on the ticket.
pub const ACTIVE_INTERVAL: Duration = Duration::minutes(5);
/// Stalled / on hold / waiting for the user: nothing moves fast.
pub const WAITING_INTERVAL: Duration = Duration::minutes(30);
/// Resolved but not closed: it may reopen, so look now and then.
pub const RESOLVED_INTERVAL: Duration = Duration::hours(6);
/// The first retry after an error; doubles per failure in a row.
pub const BACKOFF_BASE: Duration = Duration::minutes(1);
/// The longest backoff after server errors.
pub const BACKOFF_MAX: Duration = Duration::hours(1);
/// Offline: retry at least this often, so tracking resumes soon after the network returns.
pub const OFFLINE_MAX: Duration = Duration::minutes(15);
/// A `Retry-After` longer than this is treated as this (a misconfigured server must not silence
/// a ticket for a week).
pub const RETRY_AFTER_MAX: Duration = Duration::hours(6);
/// After this many failures in a row (other than being offline) the user is told once.
pub const FAILURES_BEFORE_NOTICE: u32 = 5;
/// Tickets due within this much of now are polled in the same pass, so 500 tickets make a few
/// wake-ups per interval instead of hundreds.
pub const COALESCE: Duration = Duration::seconds(30);

/// How a helpdesk status word is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Active,
    Waiting,
    Resolved,
    /// Final: polling stops.
    Closed,
}

/// RT: new/open/stalled/resolved/rejected/deleted; Zendesk: new/open/pending/hold/solved/closed.
/// Unknown words count as active (poll normally rather than miss something).
pub fn phase(status: Option<&str>) -> Phase {
    match status.map(|s| s.trim().to_ascii_lowercase()).as_deref() {
        Some("stalled" | "hold" | "on-hold" | "pending") => Phase::Waiting,
        Some("resolved" | "solved") => Phase::Resolved,
        Some("closed" | "rejected" | "deleted") => Phase::Closed,
        _ => Phase::Active,
    }
}

/// The steady interval after a good poll; `None` means stop (closed).
pub fn interval(status: Option<&str>) -> Option<Duration> {
    match phase(status) {
        Phase::Active => Some(ACTIVE_INTERVAL),
        Phase::Waiting => Some(WAITING_INTERVAL),
        Phase::Resolved => Some(RESOLVED_INTERVAL),
        Phase::Closed => None,
    }
}

/// "Equal jitter" exponential backoff: the `failures`-th retry waits between half and all of
/// `min(base · 2^(failures-1), cap)`. `seed` spreads tickets that failed together (the ticket id and
/// the time), so 500 tickets do not come back in one burst.
pub fn backoff(failures: u32, cap: Duration, seed: u64) -> Duration {
    let exp = failures.saturating_sub(1).min(20);
    let full = BACKOFF_BASE.checked_mul(1 << exp).unwrap_or(cap).min(cap);
    let half = full / 2;
    let spread = half.num_milliseconds().max(1);
    let jitter = (mix(seed) % spread as u64) as i64;
    half + Duration::milliseconds(jitter)
}

fn mix(seed: u64) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    seed.hash(&mut h);
    h.finish()
}

/// A seed for [`backoff`] from the ticket and the moment.
pub fn seed(ticket_id: i64, now: DateTime<Utc>) -> u64 {
    (ticket_id as u64).rotate_left(32) ^ now.timestamp_millis() as u64
}

/// Why polling a ticket stopped (stored in `tickets.stopped`).
pub mod stop {
    pub const CLOSED: &str = "closed";
    pub const AUTH: &str = "auth";
    pub const NOT_FOUND: &str = "not_found";
    pub const INVALID: &str = "invalid";
}

/// What to tell the user about a failed poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Credentials refused: once per helpdesk.
    Auth,
    /// The ticket is gone: once per ticket.
    NotFound,
    /// We sent something the helpdesk refuses: once per ticket.
    Invalid,
    /// Failing again and again (not offline): once per streak.
    Failing,
}

/// The decision after a failed poll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AfterError {
    pub next_poll_at: Option<DateTime<Utc>>,
    pub failures: u32,
    pub stopped: Option<&'static str>,
    pub problem: Option<Problem>,
}

/// Decide what follows an error, given the failures in a row before it.
pub fn after_error(
    err: &ConnectorError,
    failures_before: u32,
    now: DateTime<Utc>,
    seed: u64,
) -> AfterError {
    let failures = failures_before.saturating_add(1);
    let stop = |reason, problem| AfterError {
        next_poll_at: None,
        failures,
        stopped: Some(reason),
        problem: Some(problem),
    };
    match err {
        ConnectorError::Auth(_) => stop(stop::AUTH, Problem::Auth),
        ConnectorError::NotFound(_) => stop(stop::NOT_FOUND, Problem::NotFound),
        ConnectorError::Invalid { .. } => stop(stop::INVALID, Problem::Invalid),
        ConnectorError::Unreachable(_) => AfterError {
            next_poll_at: Some(now + backoff(failures, OFFLINE_MAX, seed)),
            failures,
            stopped: None,
            problem: None,
        },
        // Rate limits, 5xx, timeouts, and answers we cannot read (often a proxy's error page).
        _ => {
            // Never sooner than our own backoff: `Retry-After: 0` (or a date in the past) must
            // not make the loop spin against a struggling server.
            let ours = backoff(failures, BACKOFF_MAX, seed);
            let wait = match err.retry_after() {
                Some(d) => Duration::from_std(d)
                    .unwrap_or(RETRY_AFTER_MAX)
                    .min(RETRY_AFTER_MAX)
                    .max(ours),
                None => ours,
            };
            AfterError {
                next_poll_at: Some(now + wait),
                failures,
                stopped: None,
                problem: (failures == FAILURES_BEFORE_NOTICE).then_some(Problem::Failing),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration as Std;

    fn t0() -> DateTime<Utc> {
        crate::clock::parse("2026-11-20T01:00:00Z").expect("t0")
    }

    #[test]
    fn interval_follows_status() {
        assert_eq!(interval(Some("open")), Some(ACTIVE_INTERVAL));
        assert_eq!(interval(Some("new")), Some(ACTIVE_INTERVAL));
        assert_eq!(interval(None), Some(ACTIVE_INTERVAL));
        assert_eq!(interval(Some("stalled")), Some(WAITING_INTERVAL));
        assert_eq!(interval(Some("pending")), Some(WAITING_INTERVAL));
        assert_eq!(interval(Some("Solved")), Some(RESOLVED_INTERVAL));
        assert_eq!(interval(Some("resolved")), Some(RESOLVED_INTERVAL));
        assert_eq!(interval(Some("closed")), None);
        assert_eq!(interval(Some("rejected")), None);
        assert_eq!(interval(Some("something new")), Some(ACTIVE_INTERVAL));
    }

    #[test]
    fn backoff_doubles_within_jitter_bounds_and_is_capped() {
        for seed in 0..200u64 {
            for failures in 1..=12u32 {
                let full = (BACKOFF_BASE * (1 << (failures - 1))).min(BACKOFF_MAX);
                let d = backoff(failures, BACKOFF_MAX, seed);
                assert!(d >= full / 2 && d <= full, "f={failures} seed={seed}: {d}");
            }
        }
        // Jitter actually spreads: different seeds give different waits.
        let waits: std::collections::BTreeSet<_> =
            (0..50u64).map(|s| backoff(6, BACKOFF_MAX, s)).collect();
        assert!(waits.len() > 10, "{waits:?}");
        assert!(backoff(1000, BACKOFF_MAX, 3) <= BACKOFF_MAX);
    }

    #[test]
    fn retry_after_wins_over_backoff_and_is_capped() {
        let err = ConnectorError::RateLimited {
            retry_after: Some(Std::from_secs(120)),
        };
        let d = after_error(&err, 0, t0(), 1);
        assert_eq!(d.next_poll_at, Some(t0() + Duration::seconds(120)));
        assert_eq!(d.failures, 1);
        // After many failures our own backoff is longer than the server's 120 s: it wins.
        let d = after_error(&err, 7, t0(), 1);
        assert!(d.next_poll_at.expect("next") - t0() >= BACKOFF_MAX / 2);
        assert_eq!(d.failures, 8);
        assert_eq!(d.stopped, None);
        let err = ConnectorError::RateLimited {
            retry_after: Some(Std::from_secs(30 * 24 * 3600)),
        };
        let d = after_error(&err, 0, t0(), 1);
        assert_eq!(d.next_poll_at, Some(t0() + RETRY_AFTER_MAX));
        // Without Retry-After it is the ordinary backoff.
        let d = after_error(
            &ConnectorError::RateLimited { retry_after: None },
            0,
            t0(),
            1,
        );
        let wait = d.next_poll_at.expect("next") - t0();
        assert!(wait >= BACKOFF_BASE / 2 && wait <= BACKOFF_BASE, "{wait}");
    }

    #[test]
    fn retry_after_zero_or_past_never_spins() {
        for secs in [0u64, 1] {
            for failures in 0..10u32 {
                let err = ConnectorError::RateLimited {
                    retry_after: Some(Std::from_secs(secs)),
                };
                let d = after_error(&err, failures, t0(), u64::from(failures));
                let wait = d.next_poll_at.expect("next") - t0();
                assert!(wait >= BACKOFF_BASE / 2, "f={failures}: {wait}");
                assert!(wait >= backoff(failures + 1, BACKOFF_MAX, u64::from(failures)));
            }
        }
    }

    #[test]
    fn auth_and_404_stop_with_a_problem() {
        let d = after_error(&ConnectorError::Auth("401".into()), 0, t0(), 1);
        assert_eq!((d.next_poll_at, d.stopped), (None, Some(stop::AUTH)));
        assert_eq!(d.problem, Some(Problem::Auth));
        let d = after_error(&ConnectorError::NotFound("#9".into()), 2, t0(), 1);
        assert_eq!((d.next_poll_at, d.stopped), (None, Some(stop::NOT_FOUND)));
        assert_eq!(d.problem, Some(Problem::NotFound));
    }

    #[test]
    fn offline_backs_off_quietly_and_retries_within_15_minutes() {
        let mut failures = 0;
        for _ in 0..30 {
            let d = after_error(
                &ConnectorError::Unreachable("dns".into()),
                failures,
                t0(),
                9,
            );
            assert_eq!(d.problem, None, "offline never notifies");
            assert_eq!(d.stopped, None);
            assert!(d.next_poll_at.expect("next") - t0() <= OFFLINE_MAX);
            failures = d.failures;
        }
        assert_eq!(failures, 30);
    }

    #[test]
    fn server_errors_notify_once_at_the_threshold() {
        let notices = (0..20)
            .filter(|f| {
                after_error(&ConnectorError::Server(502), *f, t0(), 1).problem
                    == Some(Problem::Failing)
            })
            .count();
        assert_eq!(notices, 1);
        let d = after_error(&ConnectorError::Timeout, 3, t0(), 5);
        assert_eq!(d.failures, 4);
        let wait = d.next_poll_at.expect("next") - t0();
        assert!(
            wait >= Duration::minutes(4) && wait <= Duration::minutes(8),
            "{wait}"
        );
    }
}
