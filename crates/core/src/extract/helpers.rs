//! Shared helpers of the extractors: character windows, numerals, clause breaks.

/// Chinese digits and the units 十 百 千 万, in the everyday and the financial (大写) forms.
pub(super) const CN_NUM: &str = "零〇一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟";
/// Chinese numerals small enough for hours, minutes, days and months (no 百 千 万).
pub(super) const CN_SMALL: &str = "[零〇一二两三四五六七八九十]";

pub(super) fn char_before(t: &str, i: usize) -> Option<char> {
    t.get(..i)?.chars().next_back()
}

pub(super) fn char_after(t: &str, i: usize) -> Option<char> {
    t.get(i..)?.chars().next()
}

pub(super) fn is_cn_numeral(c: char) -> bool {
    CN_NUM.contains(c)
}

/// Ends a clause for the "nearby words" windows below. Both ASCII and CJK forms are listed because
/// [`normalize`] folds only the full-width ASCII block (`，` → `,`) and keeps `。…`.
pub(super) fn is_break(c: char) -> bool {
    matches!(c, ',' | ';' | '!' | '?' | '.' | '。' | '…' | '\n' | '\r')
}

/// Up to `n` characters right before byte `i`, stopping at a clause boundary.
pub(super) fn window_before(t: &str, i: usize, n: usize) -> &str {
    let head = t.get(..i).unwrap_or("");
    let mut start = head.len();
    for (j, c) in head.char_indices().rev().take(n) {
        if is_break(c) {
            break;
        }
        start = j;
    }
    &head[start..]
}

/// Up to `n` characters from byte `i` on, stopping at a clause boundary.
pub(super) fn window_after(t: &str, i: usize, n: usize) -> &str {
    let tail = t.get(i..).unwrap_or("");
    let end = tail
        .char_indices()
        .take(n)
        .find(|&(_, c)| is_break(c))
        .map(|(j, _)| j)
        .unwrap_or_else(|| tail.char_indices().nth(n).map_or(tail.len(), |(j, _)| j));
    &tail[..end]
}

/// A number written with ASCII digits or Chinese numerals (see [`parse_cn`]).
pub(super) fn parse_num(s: &str) -> Option<u64> {
    let s = s.trim();
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        parse_cn(s)
    }
}

pub(super) fn cn_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

pub(super) fn cn_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        '万' => 10_000,
        _ => return None,
    })
}

/// A Chinese numeral: 十五 = 15, 两百 = 200, 一百零五 = 105, 三万 = 30000. A digit trailing a unit
/// counts one place lower, as people say it: 一百五 = 150, 两千五 = 2500, 一万五 = 15000. Without
/// any unit the digits are positional (二零二四 = 2024). Malformed or overflowing → `None`.
pub(super) fn parse_cn(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    if !s.chars().any(|c| cn_unit(c).is_some()) {
        return s.chars().try_fold(0u64, |acc, c| {
            acc.checked_mul(10)?.checked_add(cn_digit(c)?)
        });
    }
    let (mut total, mut section) = (0u64, 0u64);
    let mut digit: Option<u64> = None;
    let mut last_unit = 1u64;
    let mut zero_since_unit = false;
    // Units below 万 must fall within a section (二百三十, not 十百).
    let mut section_unit = u64::MAX;
    for c in s.chars() {
        if let Some(d) = cn_digit(c) {
            if d == 0 {
                zero_since_unit = true;
            } else if digit.is_some_and(|x| x != 0) {
                return None; // 二三: two digits in a row is not a numeral
            }
            digit = Some(d);
        } else if let Some(u) = cn_unit(c) {
            if u == 10_000 {
                section = section.checked_add(digit.take().unwrap_or(0))?;
                if section == 0 && total > 0 {
                    return None; // 万万
                }
                total = total.checked_add(section.max(1).checked_mul(u)?)?;
                section = 0;
                section_unit = u64::MAX;
            } else {
                if u >= section_unit {
                    return None;
                }
                section = section.checked_add(digit.take().unwrap_or(1).checked_mul(u)?)?;
                section_unit = u;
            }
            last_unit = u;
            zero_since_unit = false;
        } else {
            return None;
        }
    }
    if let Some(d) = digit {
        let place = if zero_since_unit {
            1
        } else {
            (last_unit / 10).max(1)
        };
        section = section.checked_add(d.checked_mul(place)?)?;
    }
    total.checked_add(section)
}
