//! When it happened: absolute dates and clock times, relative days, "…前" and waiting durations.

use super::*;

// One temporal atom: a full date, a month-day, a dotted month.day (11.25), a day of the month
// alone (25号), a day word, "N天前", a period of the day, or a
// clock time (14:30, 14:30:05, 3点, 3点半, 3点一刻, 14点30分, 十点). Atoms next to each other form
// one moment (see `moments`).
lazy_regex!(
    TIME_ATOM = format!(
        r"(?P<ymd>(?P<y>[0-9]{{4}})\s*[-/.年]\s*(?P<mo>[0-9]{{1,2}})\s*[-/.月]\s*(?P<d>[0-9]{{1,2}})\s*[日号]?)|(?P<md>(?P<mo2>[0-9]{{1,2}}|{CN_SMALL}{{1,3}})\s*月\s*(?P<d2>[0-9]{{1,2}}|{CN_SMALL}{{1,3}})\s*(?P<ri>[日号])?)|(?P<dot>(?P<mo3>[0-9]{{1,2}})\.(?P<d3>[0-9]{{1,2}})(?P<ri3>[日号])?)|(?P<dd>(?P<d4>[0-9]{{1,2}}|{CN_SMALL}{{1,3}})\s*号)|(?P<dw>大前天|前天|昨天|昨日|今天|今日|昨晚|昨夜|前晚|今晚|今早|今晨|昨早)|(?P<ago>(?P<agon>[0-9]{{1,3}}|{CN_SMALL}{{1,3}})\s*天(?:以|之)?前)|(?P<p>凌晨|清晨|早上|早晨|上午|中午|下午|傍晚|晚上|晚间|夜里|夜间|半夜|深夜|早|晚)|(?P<colon>(?P<hh>[0-9]{{1,2}}):(?P<mm>[0-9]{{2}})(?::(?P<ss>[0-9]{{2}}))?)|(?P<dian>(?P<h>[0-9]{{1,2}}|{CN_SMALL}{{1,3}})\s*(?P<sep>[点时])(?:\s*(?P<half>半)|\s*(?P<q>[一三])刻|\s*(?P<mi>[0-9]{{1,2}}|{CN_SMALL}{{1,3}})\s*分?)?(?P<zhong>钟)?)"
    )
);

// A count of time units: 30分钟, 两个小时, 一个半小时, 两个多小时, 半小时, 3天, 一个月.
pub(super) const DURATION: &str = r"(?P<n>[0-9]{1,6}|[零〇一二两三四五六七八九十百]{1,4}|半)\s*(?P<ge>个)?\s*多?\s*(?P<half>半)?\s*(?P<u>小时|钟头|分钟|秒钟|秒|天|日|周|星期|礼拜|月)";
// "… ago": 半小时前, 30分钟前, 两个小时以前.
lazy_regex!(AGO = format!(r"{DURATION}\s*多?\s*(?:以前|之前|前)"));
// Waiting until now: 等了两个小时, 已经三天, 过了30分钟, or 一个小时了. Needs the lead-in or the 了.
lazy_regex!(
    WAITED = format!(
        r"(?P<pre>等了|等待了|过了|过去了|已经|已|都)?\s*(?:快|将近|接近|差不多|大概|大约|约|足足|整整|超过)?\s*{DURATION}\s*(?P<post>多?了)?"
    )
);
lazy_regex!(JUST_NOW = r"刚才|刚刚");

/// When it happened, in `now`'s time zone. In order of preference:
/// 1. an explicit moment (date and/or clock time; see [`resolve_moment`]);
/// 2. "… 前" (半小时前, 3天前): `now` minus that;
/// 3. a wait that lasts until now (已经等了两个小时, 一个小时了): `now` minus that; a duration after
///    another event without 了 (支付成功后30分钟未到账) is not one;
/// 4. 今天 without a clock time: today 00:00;
/// 5. 刚才/刚刚: `now`.
///
/// Invalid dates or times (2024-13-45, 25:99, 0月0日) are skipped, never a panic.
pub(super) fn occurred_at(t: &str, now: DateTime<Tz>) -> Option<DateTime<Tz>> {
    let moments = moments(t);
    // "今天" without a clock time says little ("今天必须给我一个说法"): it yields to any duration.
    let is_bare_today =
        |m: &&Moment| matches!(m.date, Some(DateSpec::DaysAgo(0, _))) && m.clock.is_none();
    moments
        .iter()
        .filter(|m| !is_bare_today(m))
        .find_map(|m| resolve_moment(m, now))
        .or_else(|| {
            AGO.captures_iter(t)
                .find_map(|c| duration_secs(t, &c, false))
                .and_then(|s| minus_secs(now, s))
        })
        .or_else(|| {
            WAITED
                .captures_iter(t)
                .filter(|c| c.name("pre").is_some() || c.name("post").is_some())
                .find_map(|c| duration_secs(t, &c, true))
                .and_then(|s| minus_secs(now, s))
        })
        .or_else(|| {
            moments
                .iter()
                .filter(is_bare_today)
                .find_map(|m| resolve_moment(m, now))
        })
        .or_else(|| JUST_NOW.is_match(t).then_some(now))
}

/// The date part of a moment, before resolution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum DateSpec {
    Ymd(u64, u64, u64),
    /// Month and day without a year: the most recent such date.
    MonthDay(u64, u64),
    /// A day of the month alone (25号): the most recent such date.
    Day(u64),
    /// 今天 = 0, 昨天 = 1, 前天 = 2, 大前天 = 3; 昨晚 etc. also imply a period.
    DaysAgo(u64, Option<Period>),
    /// "N天前": a date when a clock time follows, else `now` minus N days.
    NDaysAgo(u64),
}

/// A part of the day, which decides how a 12-hour clock reading becomes a 24-hour one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Period {
    /// 凌晨: the small hours; 12 means 0.
    Dawn,
    /// 早上, 上午 …: hours kept.
    Morning,
    /// 中午: 12 stays 12, 1–3 are afternoon hours.
    Noon,
    /// 下午, 傍晚: +12 below 12.
    Afternoon,
    /// 晚上, 夜里, 半夜 …: +12 for 5–11; 12 and 1–4 are after midnight (the next day).
    Night,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Clock {
    hour: u64,
    minute: u64,
    second: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(super) struct Moment {
    date: Option<DateSpec>,
    period: Option<Period>,
    clock: Option<Clock>,
}

/// The text's moments: adjacent atoms (only spaces or 的 between them) in the order date, period,
/// clock form one moment. An invalid atom (hour 25, day 45) is dropped with its moment.
pub(super) fn moments(t: &str) -> Vec<Moment> {
    let mut out: Vec<Moment> = Vec::new();
    let mut current: Option<(Moment, usize, Option<bool>)> = None; // (moment, end, valid)
    for c in TIME_ATOM.captures_iter(t) {
        let Some(whole) = c.get(0) else { continue };
        let atom = atom(t, &c);
        let joins = current.as_ref().is_some_and(|(m, end, _)| {
            let gap = t.get(*end..whole.start()).unwrap_or("x");
            gap.chars().all(|ch| ch == ' ' || ch == '的') && fits_after(m, &atom)
        });
        match (&mut current, joins) {
            (Some((m, end, valid)), true) => {
                merge(m, &atom, valid);
                *end = whole.end();
            }
            _ => {
                if let Some((m, _, valid)) = current.take() {
                    if valid != Some(false) {
                        out.push(m);
                    }
                }
                let mut m = Moment::default();
                let mut valid = None;
                merge(&mut m, &atom, &mut valid);
                current = Some((m, whole.end(), valid));
            }
        }
    }
    if let Some((m, _, valid)) = current {
        if valid != Some(false) {
            out.push(m);
        }
    }
    out.retain(|m| m.date.is_some() || m.clock.is_some());
    out
}

/// One parsed atom; `Invalid` keeps the place of an atom that matched but makes no sense.
pub(super) enum Atom {
    Date(DateSpec),
    Period(Period),
    Clock(Clock),
    Invalid,
    Ignored,
}

pub(super) fn fits_after(m: &Moment, atom: &Atom) -> bool {
    match atom {
        Atom::Date(_) => false,
        Atom::Period(_) => m.period.is_none() && m.clock.is_none(),
        Atom::Clock(_) | Atom::Invalid => m.clock.is_none(),
        Atom::Ignored => false,
    }
}

pub(super) fn merge(m: &mut Moment, atom: &Atom, valid: &mut Option<bool>) {
    match *atom {
        Atom::Date(d) => {
            m.date = Some(d);
            if let DateSpec::DaysAgo(_, Some(p)) = d {
                m.period = Some(p);
            }
        }
        Atom::Period(p) => m.period = Some(p),
        Atom::Clock(c) => m.clock = Some(c),
        Atom::Invalid => *valid = Some(false),
        Atom::Ignored => {}
    }
}

pub(super) fn atom(t: &str, c: &Captures) -> Atom {
    let num = |name: &str| c.name(name).and_then(|m| parse_num(m.as_str()));
    if c.name("ymd").is_some() {
        return match (num("y"), num("mo"), num("d")) {
            (Some(y), Some(mo), Some(d)) if !glued_to_digits(t, c, "ymd") => {
                Atom::Date(DateSpec::Ymd(y, mo, d))
            }
            _ => Atom::Invalid,
        };
    }
    if let Some(md) = c.name("md") {
        // Without 日/号, "5月20" must not run into a unit (12月30天, 3月20元).
        let unit_follows = c.name("ri").is_none() && followed_by_unit(t, md.end());
        return match (num("mo2"), num("d2")) {
            (Some(mo), Some(d)) if !glued_to_digits(t, c, "md") && !unit_follows => {
                Atom::Date(DateSpec::MonthDay(mo, d))
            }
            _ => Atom::Invalid,
        };
    }
    if let Some(dot) = c.name("dot") {
        return dotted_date(t, c, dot);
    }
    if let Some(dd) = c.name("dd") {
        return day_of_month(t, c, dd);
    }
    if let Some(w) = c.name("dw") {
        let (days, period) = match w.as_str() {
            "今天" | "今日" => (0, None),
            "今早" | "今晨" => (0, Some(Period::Morning)),
            "今晚" => (0, Some(Period::Night)),
            "昨天" | "昨日" => (1, None),
            "昨早" => (1, Some(Period::Morning)),
            "昨晚" | "昨夜" => (1, Some(Period::Night)),
            "前天" => (2, None),
            "前晚" => (2, Some(Period::Night)),
            _ => (3, None), // 大前天
        };
        return Atom::Date(DateSpec::DaysAgo(days, period));
    }
    if c.name("ago").is_some() {
        return match num("agon") {
            Some(n) if !glued_to_digits(t, c, "ago") => Atom::Date(DateSpec::NDaysAgo(n)),
            _ => Atom::Ignored,
        };
    }
    if let Some(p) = c.name("p") {
        return Atom::Period(match p.as_str() {
            "凌晨" => Period::Dawn,
            "清晨" | "早上" | "早晨" | "上午" | "早" => Period::Morning,
            "中午" => Period::Noon,
            "下午" | "傍晚" => Period::Afternoon,
            _ => Period::Night,
        });
    }
    if let Some(colon) = c.name("colon") {
        if glued_to_digits(t, c, "colon") || is_deadline(t, colon.end()) {
            return Atom::Ignored; // 1:100, 123:45 are not clock times
        }
        return match (num("hh"), num("mm")) {
            (Some(hour), Some(minute)) => Atom::Clock(Clock {
                hour,
                minute,
                second: num("ss").unwrap_or(0),
            }),
            _ => Atom::Invalid,
        };
    }
    dian_clock(t, c)
}

/// Month.day with a dot (11.25, 5.20), as people write dates in chats. A dotted number is more
/// often a price or a version, so it is a date only when it cannot be one: not glued to other
/// digits or letters (v1.25, 1.2.3), not after a money sign, not before a unit (11.25元, 1.5万,
/// 2.5倍), a month 1–12 and a day 1–31 written with two digits (9.9 is a price) unless 日/号
/// follows. Anything else is not a date at all, so it is ignored rather than invalid.
pub(super) fn dotted_date(t: &str, c: &Captures, dot: regex::Match) -> Atom {
    let (Some(mo), Some(d)) = (c.name("mo3"), c.name("d3")) else {
        return Atom::Ignored;
    };
    let before = char_before(t, dot.start());
    let unit_after = matches!(char_after(t, dot.end()), Some(ch) if ch.is_ascii_alphanumeric() || ch == '.')
        || t[dot.end()..]
            .trim_start_matches(' ')
            .starts_with(|ch: char| "元块刀%万千百倍折版个美".contains(ch));
    let day_ok = d.as_str().len() == 2 || c.name("ri3").is_some();
    match (parse_num(mo.as_str()), parse_num(d.as_str())) {
        (Some(mo), Some(d))
            if (1..=12).contains(&mo)
                && (1..=31).contains(&d)
                && day_ok
                && !unit_after
                && !matches!(before, Some(ch) if ch.is_ascii_alphanumeric() || "¥$.:".contains(ch)) =>
        {
            Atom::Date(DateSpec::MonthDay(mo, d))
        }
        _ => Atom::Ignored,
    }
}

/// A day of the month alone (25号, 二十八号). Not a number of something (3号线, 1号店, 2号机,
/// 订单尾号, 第3号): the characters around it decide. Days outside 1–31 are not dates.
pub(super) fn day_of_month(t: &str, c: &Captures, dd: regex::Match) -> Atom {
    let Some(d) = c.name("d4") else {
        return Atom::Ignored;
    };
    let before = char_before(t, dd.start());
    let after = char_after(t, dd.end());
    if glued_to_digits(t, c, "d4")
        || matches!(before, Some(ch) if ch.is_ascii_alphanumeric() || "第尾单账码型几".contains(ch))
        || matches!(after, Some(ch) if "区机线楼位店服床口码段台门卡院室码牌".contains(ch))
    {
        return Atom::Ignored;
    }
    match parse_num(d.as_str()) {
        Some(d) if (1..=31).contains(&d) => Atom::Date(DateSpec::Day(d)),
        _ => Atom::Ignored,
    }
}

/// "3点", "14点30分", "3点半", "十点", "14时": an hour with 点/时. Guards against readings that are
/// not a time: 100点券 (digits before), 3点券 / 5点数 (points), 一点 (a little: a Chinese 一 needs
/// minutes, 半 or 钟 to be 1 o'clock; with a date or period word in front it is merged anyway via
/// [`moments`]), 一时 (Chinese numerals only take 点).
pub(super) fn dian_clock(t: &str, c: &Captures) -> Atom {
    let (Some(whole), Some(h)) = (c.name("dian"), c.name("h")) else {
        return Atom::Ignored;
    };
    let cn_hour = !h.as_str().starts_with(|ch: char| ch.is_ascii_digit());
    let has_minutes = c.name("half").is_some() || c.name("q").is_some() || c.name("mi").is_some();
    if glued_to_digits(t, c, "dian")
        || is_deadline(t, whole.end())
        || matches!(
            char_before(t, whole.start()),
            Some('第' | '百' | '千' | '万')
        )
        || (cn_hour && c.name("sep").is_some_and(|s| s.as_str() == "时"))
        || (!has_minutes
            && ["券", "数", "卡密", "赞", "击"]
                .iter()
                .any(|w| t[whole.end()..].starts_with(w)))
    {
        return Atom::Ignored;
    }
    let bare_one = cn_hour && h.as_str() == "一" && !has_minutes && c.name("zhong").is_none();
    if bare_one && !after_time_word(t, whole.start()) {
        return Atom::Ignored;
    }
    let minute = if c.name("half").is_some() {
        Some(30)
    } else if let Some(q) = c.name("q") {
        Some(if q.as_str() == "一" { 15 } else { 45 })
    } else {
        c.name("mi").map_or(Some(0), |m| parse_num(m.as_str()))
    };
    match (parse_num(h.as_str()), minute) {
        (Some(hour), Some(minute)) => Atom::Clock(Clock {
            hour,
            minute,
            second: 0,
        }),
        _ => Atom::Invalid,
    }
}

/// A clock time followed by 前 is a deadline (晚上12点前能处理好吗), not when something happened.
pub(super) fn is_deadline(t: &str, end: usize) -> bool {
    let rest = t[end..].trim_start();
    ["前", "之前", "以前"].iter().any(|w| rest.starts_with(w))
}

/// A date or period word ends right before `i` (spaces allowed): 下午一点, 昨天一点.
pub(super) fn after_time_word(t: &str, i: usize) -> bool {
    let head = t[..i].trim_end();
    [
        "凌晨", "早上", "上午", "中午", "下午", "晚上", "今天", "昨天", "昨晚", "今晚", "日", "号",
    ]
    .iter()
    .any(|w| head.ends_with(w))
}

/// The named group sits inside a longer number (2024-05-201, 123:45, 100点).
pub(super) fn glued_to_digits(t: &str, c: &Captures, group: &str) -> bool {
    let Some(m) = c.name(group) else { return false };
    let digit =
        |ch: Option<char>| ch.is_some_and(|ch| ch.is_ascii_digit() || ch == '.' || ch == ':');
    let first_digit = m.as_str().starts_with(|ch: char| ch.is_ascii_digit());
    let last_digit = m.as_str().ends_with(|ch: char| ch.is_ascii_digit());
    (first_digit && digit(char_before(t, m.start())))
        || (last_digit && digit(char_after(t, m.end())))
}

/// A moment as a point in time in `now`'s zone, or `None` if it is impossible.
/// * A clock time without a date is today, or yesterday if that is still ahead of `now`.
/// * A month-day is the most recent such date not after tomorrow (so 12月1日 said on 11月25日 is
///   last year's).
/// * A date without a clock time is 00:00 of that date.
pub(super) fn resolve_moment(m: &Moment, now: DateTime<Tz>) -> Option<DateTime<Tz>> {
    let today = now.date_naive();
    let (time, next_day) = match m.clock {
        Some(c) => {
            let (hour, next_day) = to_24h(c.hour, m.period)?;
            (
                NaiveTime::from_hms_opt(
                    u32::try_from(hour).ok()?,
                    small(c.minute)?,
                    small(c.second)?,
                )?,
                next_day,
            )
        }
        None => {
            if let Some(DateSpec::NDaysAgo(n)) = m.date {
                return minus_secs(now, i64::try_from(n).ok()?.checked_mul(86_400)?);
            }
            (NaiveTime::MIN, false)
        }
    };
    let date = match m.date {
        Some(DateSpec::Ymd(y, mo, d)) => {
            NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, small(mo)?, small(d)?)?
        }
        Some(DateSpec::MonthDay(mo, d)) => recent_month_day(today, small(mo)?, small(d)?)?,
        Some(DateSpec::Day(d)) => recent_day(today, small(d)?)?,
        Some(DateSpec::DaysAgo(n, _) | DateSpec::NDaysAgo(n)) => {
            today.checked_sub_days(Days::new(n))?
        }
        None => today,
    };
    let date = if next_day {
        date.checked_add_days(Days::new(1))?
    } else {
        date
    };
    let at = local(now.timezone(), date.and_time(time))?;
    if m.date.is_none() && at > now {
        // A bare clock time still ahead of now was yesterday's.
        return local(
            now.timezone(),
            date.checked_sub_days(Days::new(1))?.and_time(time),
        );
    }
    Some(at)
}

pub(super) fn small(v: u64) -> Option<u32> {
    u32::try_from(v).ok().filter(|&v| v < 100)
}

/// The 24-hour hour for a reading in a period, and whether it falls on the next day
/// (晚上12点 = 0:00, 晚上1点 = 1:00 of the next day). Hours above 23 are invalid.
pub(super) fn to_24h(hour: u64, period: Option<Period>) -> Option<(u64, bool)> {
    let h = match (period, hour) {
        (_, h) if h > 24 => return None,
        (Some(_), h) if h >= 13 => (h, false), // already 24-hour: 下午15点
        (Some(Period::Dawn), 12) => (0, false),
        (Some(Period::Noon), 1..=3) | (Some(Period::Afternoon), 1..=11) => (hour + 12, false),
        (Some(Period::Night), 12) => (0, true),
        (Some(Period::Night), 1..=4) => (hour, true),
        (Some(Period::Night), 5..=11) => (hour + 12, false),
        (_, h) => (h, false),
    };
    (h.0 <= 23).then_some(h)
}

/// The most recent `month`/`day` not after `today` + 1 day (looking back far enough for 2月29日).
pub(super) fn recent_month_day(today: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let limit = today.checked_add_days(Days::new(1))?;
    (0..=8).find_map(|back| {
        let d = NaiveDate::from_ymd_opt(today.year().checked_sub(back)?, month, day)?;
        (d <= limit).then_some(d)
    })
}

/// The most recent day `day` of a month not after `today` + 1 day (this month, else an earlier one
/// that has that day: 31号 said on 4月10日 is 3月31日).
pub(super) fn recent_day(today: NaiveDate, day: u32) -> Option<NaiveDate> {
    let limit = today.checked_add_days(Days::new(1))?;
    let mut first = today.with_day(1)?;
    for _ in 0..=12 {
        if let Some(d) = first.with_day(day).filter(|d| *d <= limit) {
            return Some(d);
        }
        first = first.checked_sub_months(chrono::Months::new(1))?;
    }
    None
}

/// A local date-time in `tz`; in a DST gap the first valid instant after it.
pub(super) fn local(tz: Tz, naive: NaiveDateTime) -> Option<DateTime<Tz>> {
    tz.from_local_datetime(&naive).earliest().or_else(|| {
        tz.from_local_datetime(&naive.checked_add_signed(TimeDelta::try_hours(1)?)?)
            .earliest()
    })
}

/// Nobody asks after-sales help about a purchase older than this; a longer "duration" is noise.
pub(super) const MAX_AGO_SECS: i64 = 10 * 366 * 86_400;

pub(super) fn minus_secs(now: DateTime<Tz>, secs: i64) -> Option<DateTime<Tz>> {
    (secs <= MAX_AGO_SECS).then_some(())?;
    now.checked_sub_signed(TimeDelta::try_seconds(secs)?)
}

/// Seconds in a [`DURATION`] match. 个月 counts 30 days (月 needs 个: 3月 is March). In a wait,
/// 半天 ("ages") is not a duration.
pub(super) fn duration_secs(t: &str, c: &Captures, waiting: bool) -> Option<i64> {
    if glued_to_digits(t, c, "n") {
        return None;
    }
    let n = c.name("n")?.as_str();
    let unit = c.name("u")?.as_str();
    let half_n = n == "半";
    if (unit == "月" && c.name("ge").is_none())
        || (waiting && half_n && unit == "天")
        || (waiting && unit == "日")
    {
        return None;
    }
    let unit_secs: i64 = match unit {
        "秒" | "秒钟" => 1,
        "分钟" => 60,
        "小时" | "钟头" => 3600,
        "天" | "日" => 86_400,
        "周" | "星期" | "礼拜" => 7 * 86_400,
        _ => 30 * 86_400,
    };
    let count = if half_n {
        0
    } else {
        i64::try_from(parse_num(n)?).ok()?
    };
    let halves = count.checked_mul(2)? + i64::from(half_n || c.name("half").is_some());
    (halves > 0).then_some(())?;
    halves.checked_mul(unit_secs).map(|s| s / 2)
}
