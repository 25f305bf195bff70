//! Time as an argument: the tracker never reads the system clock itself, so every rule (backoff,
//! deadlines, countdowns) is tested at fixed moments with [`FakeClock`], and nothing sleeps.

use std::sync::{Mutex, PoisonError};

use chrono::{DateTime, Duration, SecondsFormat, Utc};

/// Where "now" comes from.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// The real clock, for the app and the CLI.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock tests set and move by hand.
#[derive(Debug)]
pub struct FakeClock(Mutex<DateTime<Utc>>);

impl FakeClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        FakeClock(Mutex::new(at))
    }

    /// A clock at an RFC 3339 moment; panics on a bad literal (tests only).
    #[allow(clippy::expect_used)]
    pub fn at(rfc3339: &str) -> Self {
        FakeClock::new(parse(rfc3339).expect("an RFC 3339 time"))
    }

    pub fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = at;
    }

    pub fn advance(&self, by: Duration) {
        let mut t = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        *t += by;
    }
}

impl Clock for FakeClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner)
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
