//! Time as an argument: the tracker never reads the system clock itself, so every rule (backoff,
//! deadlines, countdowns) is tested at fixed moments with [`FakeClock`], and nothing sleeps.

use std::future::Future;
use std::pin::Pin;

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use tokio::sync::watch;

/// A wait that ends at a moment of a [`Clock`].
pub type Sleep<'a> = Pin<Box<dyn Future<Output = ()> + Send + 'a>>;

/// Where "now" comes from, and how to wait for a later moment of it.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
    /// Ends once `now()` has reached `at` (at once if it has). A pass waits on it for the next
    /// alarm while a helpdesk is slow to answer.
    fn sleep_until(&self, at: DateTime<Utc>) -> Sleep<'_>;
}

/// The real clock, for the app and the CLI. Its waits need a tokio runtime with timers.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn sleep_until(&self, at: DateTime<Utc>) -> Sleep<'_> {
        let wait = (at - Utc::now()).to_std().unwrap_or_default();
        Box::pin(tokio::time::sleep(wait))
    }
}

/// A clock tests set and move by hand; its waits end when it is moved past them (no timer).
#[derive(Debug)]
pub struct FakeClock(watch::Sender<DateTime<Utc>>);

impl FakeClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        FakeClock(watch::Sender::new(at))
    }

    /// A clock at an RFC 3339 moment; panics on a bad literal (tests only).
    #[allow(clippy::expect_used)]
    pub fn at(rfc3339: &str) -> Self {
        FakeClock::new(parse(rfc3339).expect("an RFC 3339 time"))
    }

    pub fn set(&self, at: DateTime<Utc>) {
        self.0.send_replace(at);
    }

    pub fn advance(&self, by: Duration) {
        self.0.send_modify(|t| *t += by);
    }
}

impl Clock for FakeClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.borrow()
    }

    fn sleep_until(&self, at: DateTime<Utc>) -> Sleep<'_> {
        let mut moved = self.0.subscribe();
        Box::pin(async move {
            // The sender lives as long as the clock, which outlives the wait.
            let _ = moved.wait_for(|now| *now >= at).await;
        })
    }
}

/// A moment as the store keeps it: RFC 3339 in UTC with a `Z`, so text order is time order.
pub fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A stored moment back as an instant (any offset is accepted).
pub fn parse(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fake_clock_moves_only_when_told() {
        let c = FakeClock::at("2026-11-20T09:00:00+08:00");
        assert_eq!(stamp(c.now()), "2026-11-20T01:00:00Z");
        c.advance(Duration::minutes(90));
        assert_eq!(stamp(c.now()), "2026-11-20T02:30:00Z");
        assert_eq!(parse("nonsense"), None);
    }
}
