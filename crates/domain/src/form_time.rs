//! The one reader of a time typed in a form. The date-time input gives `YYYY-MM-DDTHH:MM` without
//! a zone: the case's fields mean the platform's zone (Beijing time for most), the tracking forms
//! ("paid at", "called at") mean the machine's own offset. Both read the same formats here.

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone};

use crate::error::{Error, Result};

/// The form's date-time format (an HTML `datetime-local` value).
pub const FORM_TIME: &str = "%Y-%m-%dT%H:%M";

const LOCAL_FORMATS: [&str; 4] = [
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
];

/// A time from the form: `2024-05-20T14:30`, `2024-05-20 14:30[:00]` in `zone`, or RFC 3339 with
/// its own offset. Empty means not given.
pub fn parse_local_time<Z>(field: &str, s: &str, zone: Z) -> Result<Option<DateTime<FixedOffset>>>
where
    Z: TimeZone + std::fmt::Debug,
{
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(Some(t));
    }
    let naive = LOCAL_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .ok_or_else(|| {
            Error::invalid(
                field,
                format!("{s:?} is not a date and time like 2024-05-20 14:30"),
            )
        })?;
    // A local time that a DST change skips does not exist; China has no DST, other zones might.
    zone.from_local_datetime(&naive)
        .earliest()
        .map(|t| Some(t.fixed_offset()))
        .ok_or_else(|| Error::invalid(field, format!("{s:?} does not exist in {zone:?}")))
}

/// A moment typed in a tracking form, in the machine's offset (`now`'s); empty means `now`.
pub fn moment(field: &str, s: &str, now: DateTime<FixedOffset>) -> Result<DateTime<FixedOffset>> {
    Ok(parse_local_time(field, s, *now.offset())?.unwrap_or(now))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reachright_tz::Tz;

    #[test]
    fn form_times_are_in_the_platform_zone() {
        let tz: Tz = "Asia/Shanghai".parse().unwrap();
        let t = parse_local_time("occurred_at", "2024-05-20T14:30", tz)
            .unwrap()
            .unwrap();
        assert_eq!(t.to_rfc3339(), "2024-05-20T14:30:00+08:00");
        let t = parse_local_time("occurred_at", "2024-05-20T14:30:00+09:00", tz)
            .unwrap()
            .unwrap();
        assert_eq!(t.offset().local_minus_utc(), 9 * 3600);
        let e = parse_local_time("occurred_at", "2024-02-30 10:00", tz).unwrap_err();
        assert_eq!(e.field(), Some("occurred_at"));
    }

    #[test]
    fn a_tracking_moment_is_in_the_machines_offset_and_empty_is_now() {
        let n = DateTime::parse_from_rfc3339("2026-11-20T15:00:00+08:00").unwrap();
        assert_eq!(moment("x", "", n).expect("now"), n);
        assert_eq!(
            moment("x", "2026-11-20T14:30", n)
                .expect("local")
                .to_rfc3339(),
            "2026-11-20T14:30:00+08:00"
        );
        assert_eq!(
            moment("x", "2026-11-20T14:30:00+09:00", n)
                .expect("rfc3339")
                .to_rfc3339(),
            "2026-11-20T14:30:00+09:00"
        );
        let e = moment("x", "soon", n).unwrap_err();
        assert_eq!(e.field(), Some("x"));
    }
}
