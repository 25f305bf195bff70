//! Business days and phone hours in the platform's time zone.
//!
//! A business day is Monday–Friday, minus official Chinese public holidays, plus official make-up
//! working days (调休). The holiday data comes from the maintained `chinese_holiday` crate (State
//! Council notices, 2004 to its last published year); dates outside that range fall back to
//! Monday–Friday, as domain.md asks, and a profile may add days the data does not know yet.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Weekday};
use reachright_tz::Tz;

use crate::profile::{PlatformProfile, Window};

/// The first and last dates the bundled holiday data answers for; `chinese_holiday` panics outside.
const HOLIDAY_DATA_FIRST: (i32, u32, u32) = (2004, 1, 1);
const HOLIDAY_DATA_LAST: (i32, u32, u32) = (2026, 12, 25);

#[derive(Debug, Clone)]
pub struct BusinessCalendar {
    tz: Tz,
    extra_holidays: Vec<NaiveDate>,
    extra_workdays: Vec<NaiveDate>,
}

impl BusinessCalendar {
    pub fn new(profile: &PlatformProfile) -> Self {
        BusinessCalendar {
            tz: profile.tz(),
            extra_holidays: profile.calendar.extra_holidays.clone(),
            extra_workdays: profile.calendar.extra_workdays.clone(),
        }
    }

    pub fn tz(&self) -> Tz {
        self.tz
    }

    /// Whether the official data covers this date (outside it, only weekends are days off).
    pub fn has_holiday_data(date: NaiveDate) -> bool {
        let ymd = (date.year(), date.month(), date.day());
        HOLIDAY_DATA_FIRST <= ymd && ymd <= HOLIDAY_DATA_LAST
    }

    pub fn is_business_day(&self, date: NaiveDate) -> bool {
        if self.extra_workdays.contains(&date) {
            return true;
        }
        if self.extra_holidays.contains(&date) {
            return false;
        }
        if Self::has_holiday_data(date) {
            let ymd =
                chinese_holiday::Ymd::new(date.year() as u16, date.month() as u8, date.day() as u8);
            return chinese_holiday::chinese_holiday(ymd).is_workday();
        }
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// The first business day strictly after `date`.
    pub fn next_business_day(&self, date: NaiveDate) -> NaiveDate {
        let mut d = date;
        // A year holds far fewer than 400 consecutive days off; the bound only guards bad data.
        for _ in 0..400 {
            d = d.succ_opt().unwrap_or(d);
            if self.is_business_day(d) {
                return d;
            }
        }
        d
    }

    /// `t` moved to the Nth following business day at the same clock time
    /// (Friday 17:00 + 3 business days = Wednesday 17:00).
    pub fn add_business_days(&self, t: DateTime<Tz>, n: u32) -> DateTime<Tz> {
        let t = t.with_timezone(&self.tz);
        let mut d = t.date_naive();
        for _ in 0..n {
            d = self.next_business_day(d);
        }
        self.at(d, t.time())
    }

    /// A local date and clock time as an instant; a time skipped by a DST change moves forward.
    pub fn at(&self, date: NaiveDate, time: NaiveTime) -> DateTime<Tz> {
        let naive = date.and_time(time);
        self.tz
            .from_local_datetime(&naive)
            .earliest()
            .or_else(|| {
                self.tz
                    .from_local_datetime(&(naive + Duration::hours(1)))
                    .earliest()
            })
            .unwrap_or_else(|| self.tz.from_utc_datetime(&naive))
    }
}

/// The phone line's opening hours and peak windows, read from a profile.
#[derive(Debug, Clone)]
pub struct PhoneHours<'a> {
    calendar: &'a BusinessCalendar,
    hours: Window,
    business_days_only: bool,
    peaks: &'a [Window],
}

impl<'a> PhoneHours<'a> {
    pub fn new(calendar: &'a BusinessCalendar, profile: &'a PlatformProfile) -> Self {
        PhoneHours {
            calendar,
            hours: profile.phone.hours,
            business_days_only: profile.phone.business_days_only,
            peaks: &profile.phone.peaks,
        }
    }

    fn is_phone_day(&self, date: NaiveDate) -> bool {
        !self.business_days_only || self.calendar.is_business_day(date)
    }

    /// `hours.start <= t < hours.end` on a day the line works.
    pub fn is_open(&self, now: DateTime<Tz>) -> bool {
        let local = now.with_timezone(&self.calendar.tz());
        self.is_phone_day(local.date_naive()) && self.hours.contains(local.time())
    }

    /// Today's opening if it is still ahead on a phone day, else the opening of the next phone day.
    pub fn next_opening(&self, now: DateTime<Tz>) -> DateTime<Tz> {
        let local = now.with_timezone(&self.calendar.tz());
        let today = local.date_naive();
        if self.is_phone_day(today) && local.time() < self.hours.start {
            return self.calendar.at(today, self.hours.start);
        }
        let next = if self.business_days_only {
            self.calendar.next_business_day(today)
        } else {
            today.succ_opt().unwrap_or(today)
        };
        self.calendar.at(next, self.hours.start)
    }

    /// The peak window `now` falls in, if any.
    pub fn peak_at(&self, now: DateTime<Tz>) -> Option<Window> {
        let t = now.with_timezone(&self.calendar.tz()).time();
        self.peaks.iter().copied().find(|w| w.contains(t))
    }

    pub fn hours(&self) -> Window {
        self.hours
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cal() -> BusinessCalendar {
        BusinessCalendar::new(&PlatformProfile::default())
    }

    fn t(s: &str) -> DateTime<Tz> {
        DateTime::parse_from_rfc3339(s)
            .unwrap()
            .with_timezone(&Tz::SHANGHAI)
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn friday_1700_plus_3_business_days_is_wednesday_1700() {
        // 2026-11-20 is a Friday.
        let due = cal().add_business_days(t("2026-11-20T17:00:00+08:00"), 3);
        assert_eq!(due, t("2026-11-25T17:00:00+08:00"));
    }

    #[test]
    fn national_day_week_skips_holidays_and_counts_the_make_up_saturday() {
        let c = cal();
        // 2026: 10-01..10-07 off; Sat 10-10 is a make-up working day; Sun 09-20 too.
        assert!(!c.is_business_day(d(2026, 10, 1)));
        assert!(!c.is_business_day(d(2026, 10, 5)));
        assert!(c.is_business_day(d(2026, 10, 10)));
        assert!(c.is_business_day(d(2026, 9, 20)));
        // Wed 09-30 17:00 + 3: Thu 10-08, Fri 10-09, Sat 10-10 (make-up day).
        let due = c.add_business_days(t("2026-09-30T17:00:00+08:00"), 3);
        assert_eq!(due, t("2026-10-10T17:00:00+08:00"));
        // Spring festival 2026: Sat 02-14 works, 02-15..02-23 off.
        let due = c.add_business_days(t("2026-02-13T10:00:00+08:00"), 2);
        assert_eq!(due, t("2026-02-24T10:00:00+08:00"));
    }

    #[test]
    fn years_without_data_fall_back_to_weekdays_and_profile_days_apply() {
        let c = cal();
        assert!(c.is_business_day(d(2030, 1, 2))); // a Wednesday
        assert!(!c.is_business_day(d(2030, 1, 5))); // a Saturday
        let mut p = PlatformProfile::default();
        p.calendar.extra_holidays.push(d(2030, 1, 2));
        p.calendar.extra_workdays.push(d(2030, 1, 5));
        let c = BusinessCalendar::new(&p);
        assert!(!c.is_business_day(d(2030, 1, 2)));
        assert!(c.is_business_day(d(2030, 1, 5)));
        // Crossing the end of the data must not panic.
        let due = c.add_business_days(t("2026-12-24T10:00:00+08:00"), 5);
        assert_eq!(due.date_naive(), d(2026, 12, 31));
    }

    #[test]
    fn phone_hours_are_half_open() {
        let c = cal();
        let p = PlatformProfile::default();
        let ph = PhoneHours::new(&c, &p);
        assert!(!ph.is_open(t("2026-11-25T08:59:59+08:00")));
        assert!(ph.is_open(t("2026-11-25T09:00:00+08:00")));
        assert!(ph.is_open(t("2026-11-25T17:59:59+08:00")));
        assert!(!ph.is_open(t("2026-11-25T18:00:00+08:00")));
        assert!(!ph.is_open(t("2026-11-28T14:00:00+08:00"))); // Saturday
        assert!(!ph.is_open(t("2026-10-02T14:00:00+08:00"))); // National Day
        assert!(ph.is_open(t("2026-10-10T14:00:00+08:00"))); // make-up Saturday
    }

    #[test]
    fn next_opening_is_today_if_ahead_else_next_business_day() {
        let c = cal();
        let p = PlatformProfile::default();
        let ph = PhoneHours::new(&c, &p);
        assert_eq!(
            ph.next_opening(t("2026-11-25T08:59:00+08:00")),
            t("2026-11-25T09:00:00+08:00")
        );
        assert_eq!(
            ph.next_opening(t("2026-11-25T18:00:00+08:00")),
            t("2026-11-26T09:00:00+08:00")
        );
        assert_eq!(
            ph.next_opening(t("2026-11-27T18:30:00+08:00")),
            t("2026-11-30T09:00:00+08:00")
        );
        assert_eq!(
            ph.next_opening(t("2026-11-28T08:00:00+08:00")),
            t("2026-11-30T09:00:00+08:00")
        );
        assert_eq!(
            ph.next_opening(t("2026-09-30T20:00:00+08:00")),
            t("2026-10-08T09:00:00+08:00")
        );
    }

    #[test]
    fn peaks_are_half_open() {
        let c = cal();
        let p = PlatformProfile::default();
        let ph = PhoneHours::new(&c, &p);
        assert!(ph.peak_at(t("2026-11-25T08:59:59+08:00")).is_none());
        assert!(ph.peak_at(t("2026-11-25T09:00:00+08:00")).is_some());
        assert!(ph.peak_at(t("2026-11-25T09:59:59+08:00")).is_some());
        assert!(ph.peak_at(t("2026-11-25T10:00:00+08:00")).is_none());
        assert!(ph.peak_at(t("2026-11-25T19:00:00+08:00")).is_some());
        assert!(ph.peak_at(t("2026-11-25T21:00:00+08:00")).is_none());
    }
}
