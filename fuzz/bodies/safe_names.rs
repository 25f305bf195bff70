//! Fuzz body: safe names for exported files (`vault::names`): a file's original name, a case's
//! title, a platform's name. The input is split at its first newline into a kind label and a
//! file name. Oracle: a cleaned stem is never empty, holds no path separator, dot, control
//! character or character Windows refuses, is at most 60 characters, and is never a Windows
//! device name (`CON`, `COM1`, `LPT¹` …); a zip entry stays in `files/`.

use reachright_vault::{export_entry_name, safe_file_stem};

/// Every name Windows reserves for a device, whatever extension follows.
fn is_device(stem: &str) -> bool {
    let upper = stem.to_uppercase();
    let upper = upper.split('.').next().unwrap_or("");
    if ["CON", "PRN", "AUX", "NUL"].contains(&upper) {
        return true;
    }
    let mut chars = upper.chars();
    let head: String = chars.by_ref().take(3).collect();
    let tail: Vec<char> = chars.collect();
    (head == "COM" || head == "LPT")
        && tail.len() == 1
        && (tail[0].is_ascii_digit() || matches!(tail[0], '¹' | '²' | '³'))
}

fn assert_safe(what: &str, stem: &str) {
    assert!(!stem.is_empty(), "{what}: empty");
    assert!(
        stem.chars().count() <= 61,
        "{what}: {} characters",
        stem.chars().count()
    );
    for c in stem.chars() {
        assert!(
            !c.is_control() && !"/\\.:*?\"<>| ".contains(c),
            "{what}: {c:?} in {stem:?}"
        );
    }
    assert!(
        !is_device(stem),
        "{what}: {stem:?} is a Windows device name"
    );
}

const TYPES: [&str; 5] = [
    "image/png",
    "image/jpeg",
    "application/octet-stream",
    "video/mp4",
    "",
];

pub fn run(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (kind, original) = text.split_once('\n').unwrap_or(("其他", &text));
    for s in [kind, original, &*text] {
        assert_safe("stem", &safe_file_stem(s));
    }
    let media_type = TYPES[data.len() % TYPES.len()];
    let entry = export_entry_name(data.len() % 120, kind, original, media_type);
    let inner = entry.strip_prefix("files/").expect("in files/");
    let (stem, ext) = inner.rsplit_once('.').expect("an extension");
    assert!(!stem.contains('.') && !ext.is_empty(), "{entry:?}");
    // `NN-kind-stem`: starts with the number, so never a device name itself.
    assert!(stem.starts_with(|c: char| c.is_ascii_digit()), "{entry:?}");
    assert!(stem.chars().count() <= 3 + 2 * 62, "{entry:?}");
    for c in stem.chars() {
        assert!(
            !c.is_control() && !"/\\.:*?\"<>| ".contains(c),
            "{c:?} in {entry:?}"
        );
    }
    assert!(ext.chars().all(|c| c.is_ascii_alphanumeric()), "{entry:?}");
}
