//! Redaction for public complaint sites (黑猫投诉 is public and cannot be withdrawn).

use super::*;

/// Mask what must not appear in a public, permanent complaint (黑猫投诉):
///
/// - **e-mail addresses**: the local part keeps its first character (`z***@example.com`);
/// - **mobile numbers** (`1[3-9]` + 9 digits, also `+86`/`86`-prefixed or written `138 1234 5678` /
///   `138-1234-5678`): `138****5678`;
/// - **ID-card numbers**: 18 characters with a valid check digit and birth date, or any code after
///   身份证/证件号: the first 3 and last 4 stay (`110***********002X`);
/// - **card keys**: the first 4 and last 2 characters stay, separators are kept
///   (`ABCD**********78`, `ABCD-****-****-**78`);
/// - **labelled personal fields** (`姓名:`, `联系人:`, `投诉人:`, `账号:`, `平台账号:`, `用户名:`, `QQ:`,
///   `微信:`, `地址:` …): names keep the surname, accounts their first characters, addresses their
///   first 6 characters. `【…】` placeholders are left alone.
///
/// **Order number or card key?** A code is a maximal run of ASCII letters and digits (groups joined by
/// `-`). It is decided by the words right before it first, then by its shape:
/// 1. after 订单号/订单编号/单号/工单号/编号/流水号/交易号/order → kept (order and ticket numbers
///    must stay readable, or the complaint is useless);
/// 2. after 卡密/卡号/密码/激活码/兑换码/CDK/CDKEY/序列号/授权码/注册码/礼包码/key … → masked
///    as a card key if it has at least 6 characters, digits-only included;
/// 3. otherwise by shape: a mobile number or a valid ID number is masked as such; a code mixing letters
///    and digits with at least 12 characters, or written in 3+ groups of 4+ characters
///    (`XXXX-XXXX-XXXX`), is masked as a card key; anything else — plain numbers such as order
///    numbers, amounts, dates — stays readable.
///
/// So a digits-only card number written without any keyword is not recognised; the composer's own
/// texts never contain card keys, and the UI should still show the redacted text for review.
/// Names written in running prose (without a label) are not detected either.
pub fn redact_for_public(text: &str) -> String {
    let text = redact_emails(text);
    let text = redact_spaced_phones(&text);
    let text = redact_codes(&text);
    redact_labelled(&text)
}

pub(super) static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([A-Za-z0-9._%+\-]+)@([A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})")
        .expect("valid e-mail regex")
});
pub(super) static SPACED_PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(1[3-9][0-9])[ -]([0-9]{4})[ -]([0-9]{4})").expect("valid phone regex")
});
pub(super) static CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*").expect("valid code regex"));
pub(super) static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(被投诉方地址|投诉人|联系人|姓名|真实姓名|平台账号|游戏账号|充值账号|账号|用户名|昵称|QQ号|QQ|微信号|微信|通讯地址|收货地址|地址)([:\x{FF1A}][ \t]*)([^\n,。;、()\x{FF0C}\x{FF1B}\x{FF08}\x{FF09}]+)",
    )
    .expect("valid label regex")
});

pub(super) fn is_alnum(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Whether the match `[start, end)` stands alone (no ASCII letter or digit glued to either side).
pub(super) fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    !is_alnum(text[..start].chars().next_back()) && !is_alnum(text[end..].chars().next())
}

pub(super) fn redact_emails(text: &str) -> String {
    // Addresses can overlap (`a@b.cc@d.ee`: the first one's domain starts the second one), and
    // one pass skips the overlapped one, so mask until none is left. Each pass masks at least one
    // more `@` (a masked local part ends in `*`, which no address has), so this ends.
    let mut out = text.to_string();
    loop {
        let next = EMAIL
            .replace_all(&out, |c: &Captures| {
                let first = c[1].chars().next().map(String::from).unwrap_or_default();
                format!("{first}***@{}", &c[2])
            })
            .into_owned();
        if next == out {
            return out;
        }
        out = next;
    }
}

pub(super) fn redact_spaced_phones(text: &str) -> String {
    SPACED_PHONE
        .replace_all(text, |c: &Captures| {
            let m = c
                .get(0)
                .map(|m| (m.start(), m.end(), m.as_str()))
                .unwrap_or((0, 0, ""));
            if stands_alone(text, m.0, m.1) {
                format!("{}****{}", &c[1], &c[3])
            } else {
                m.2.to_string()
            }
        })
        .into_owned()
}

pub(super) fn redact_codes(text: &str) -> String {
    CODE.replace_all(text, |c: &Captures| {
        let m = c.get(0).map(|m| (m.start(), m.as_str())).unwrap_or((0, ""));
        redact_code(m.1, &text[..m.0])
    })
    .into_owned()
}

pub(super) const ORDER_WORDS: &[&str] = &[
    "订单号",
    "订单编号",
    "订单",
    "单号",
    "编号",
    "流水号",
    "交易号",
    "order",
    "orderid",
];
pub(super) const KEY_WORDS: &[&str] = &[
    "卡密",
    "卡号",
    "密码",
    "激活码",
    "兑换码",
    "充值码",
    "礼包码",
    "礼品码",
    "券码",
    "序列号",
    "授权码",
    "注册码",
    "cdk",
    "cdkey",
    "cd-key",
    "key",
];
pub(super) const ID_WORDS: &[&str] = &["身份证", "身份证号", "身份证号码", "证件号", "证件号码"];

/// The words right before a code, without the glue between them (`卡密: ` → `卡密`), lower-cased.
pub(super) fn context_before(before: &str) -> String {
    let glue = [
        ' ', '\t', ':', FW_COLON, '=', '是', '为', '"', '\'', '“', '‘', '「', '(', FW_PAREN, '#',
    ];
    let tail: String = before
        .chars()
        .rev()
        .take(16)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    tail.trim_end_matches(glue).to_lowercase()
}

pub(super) fn after_any(ctx: &str, words: &[&str]) -> bool {
    words.iter().any(|w| ctx.ends_with(w))
}

pub(super) fn redact_code(code: &str, before: &str) -> String {
    let compact: String = code.chars().filter(char::is_ascii_alphanumeric).collect();
    let n = compact.len();
    let ctx = context_before(before);
    if after_any(&ctx, ORDER_WORDS) {
        return code.to_string();
    }
    if after_any(&ctx, ID_WORDS) && n >= 15 {
        return mask(code, 3, 4);
    }
    if after_any(&ctx, KEY_WORDS) && n >= 6 {
        return mask_key(code, n);
    }
    if let Some(masked) = mask_phone(&compact) {
        return masked;
    }
    if is_id_number(&compact) {
        return mask(code, 3, 4);
    }
    let has_letter = compact.chars().any(|c| c.is_ascii_alphabetic());
    let has_digit = compact.chars().any(|c| c.is_ascii_digit());
    let groups: Vec<&str> = code.split('-').collect();
    let grouped = groups.len() >= 3 && groups.iter().all(|g| g.len() >= 4);
    if (has_letter && has_digit && n >= 12) || grouped {
        return mask_key(code, n);
    }
    code.to_string()
}

/// `13812345678` / `8613812345678` → `138****5678` / `86138****5678`.
pub(super) fn mask_phone(compact: &str) -> Option<String> {
    let (prefix, number) = match compact.len() {
        11 => ("", compact),
        13 if compact.starts_with("86") => ("86", &compact[2..]),
        _ => return None,
    };
    let b = number.as_bytes();
    let mobile = b.iter().all(u8::is_ascii_digit) && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]);
    mobile.then(|| format!("{prefix}{}****{}", &number[..3], &number[7..]))
}

/// 18 characters, a real birth date and the GB 11643 check digit.
pub(super) fn is_id_number(s: &str) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let b = s.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) || b[0] == b'0' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let (y, m, dd) = (num(6..10), num(10..12), num(12..14));
    let date_ok = (1900..=2099).contains(&y) && NaiveDate::from_ymd_opt(y as i32, m, dd).is_some();
    let sum: u32 = b[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(c, w)| u32::from(c - b'0') * w)
        .sum();
    date_ok && b[17].to_ascii_uppercase() == CHECK[(sum % 11) as usize]
}

/// Card keys keep their first 4 and last 2 characters (fewer for short codes).
pub(super) fn mask_key(code: &str, n: usize) -> String {
    mask(code, (n / 3).min(4), (n / 4).min(2))
}

/// Replace every letter or digit except the first `head` and last `tail` with `*`; separators stay.
pub(super) fn mask(code: &str, head: usize, tail: usize) -> String {
    let n = code.chars().filter(char::is_ascii_alphanumeric).count();
    let mut i = 0;
    code.chars()
        .map(|c| {
            if !c.is_ascii_alphanumeric() {
                return c;
            }
            let keep = i < head || i + tail >= n;
            i += 1;
            if keep {
                c
            } else {
                '*'
            }
        })
        .collect()
}

pub(super) fn redact_labelled(text: &str) -> String {
    LABELLED
        .replace_all(text, |c: &Captures| {
            let (label, sep, value) = (&c[1], &c[2], c[3].trim_end());
            let trailing = &c[3][value.len()..];
            if label == "被投诉方地址" || value.starts_with('【') || value.contains('*') {
                return c[0].to_string();
            }
            let chars: Vec<char> = value.chars().collect();
            let masked: String = match label {
                "投诉人" | "联系人" | "姓名" | "真实姓名" => chars
                    .iter()
                    .enumerate()
                    .map(|(i, &ch)| if i == 0 { ch } else { '*' })
                    .collect(),
                "通讯地址" | "收货地址" | "地址" => {
                    let keep = if chars.len() > 8 {
                        6
                    } else {
                        2.min(chars.len())
                    };
                    chars[..keep].iter().collect::<String>() + "****"
                }
                _ => {
                    let keep = if chars.len() >= 5 {
                        2
                    } else {
                        1.min(chars.len())
                    };
                    chars
                        .iter()
                        .enumerate()
                        .map(|(i, &ch)| if i < keep { ch } else { '*' })
                        .collect()
                }
            };
            format!("{label}{sep}{masked}{trailing}")
        })
        .into_owned()
}
