//! Safe names for exported files. The user's own file names may hold anything (`../../x`, `CON`,
//! control characters, 300 characters of Chinese); inside the zip each file gets
//! `NN-<kind>-<cleaned stem>.<ext>`: the number keeps names unique, the cleaning keeps them inside
//! the folder on every OS.

const MAX_STEM_CHARS: usize = 60;
/// Device names Windows will not use as a file name (with any extension). Superscript digits
/// count as digits there (`COM¹`), and `clean` keeps them (they are alphanumeric).
const WINDOWS_RESERVED: [&str; 30] = [
    "CON", "PRN", "AUX", "NUL", "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
    "COM8", "COM9", "COM¹", "COM²", "COM³", "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6",
    "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
];

/// Letters (any script), digits, `-` and `_` survive; everything else (dots and separators
/// included, so no `..` can form) becomes `_`.
pub fn clean(text: &str) -> String {
    let mut s: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(MAX_STEM_CHARS)
        .collect();
    if s.is_empty() || WINDOWS_RESERVED.contains(&s.to_ascii_uppercase().as_str()) {
        s.insert(0, '_');
    }
    s
}

/// The extension for a media type, else the original's (cleaned), else `bin`.
pub fn extension(media_type: &str, original: &str) -> String {
    let known = match media_type {
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "image/bmp" => "bmp",
        "application/pdf" => "pdf",
        "text/plain" => "txt",
        "video/mp4" => "mp4",
        "video/quicktime" => "mov",
        "image/heic" => "heic",
        "image/heif" => "heif",
        "image/avif" => "avif",
        _ => "",
    };
    if !known.is_empty() {
        return known.into();
    }
    let ext = original.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let ext: String = ext
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect();
    if ext.is_empty() {
        "bin".into()
    } else {
        ext.to_ascii_lowercase()
    }
}

/// `files/NN-kind-stem.ext`
pub fn entry_name(index: usize, kind_label: &str, original: &str, media_type: &str) -> String {
    let stem = original.rsplit_once('.').map_or(original, |(s, _)| s);
    format!(
        "files/{:02}-{}-{}.{}",
        index + 1,
        clean(kind_label),
        clean(stem),
        extension(media_type, original)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_stay_inside_the_folder() {
        for hostile in [
            "../../etc/passwd",
            "..\\..\\boot.ini",
            "/abs/path.png",
            "CON",
            "a\u{0}b\nc",
            "...",
            "",
        ] {
            let n = entry_name(0, "聊天截图", hostile, "image/png");
            let inner = n.strip_prefix("files/").expect("prefix");
            assert!(
                !inner.contains('/') && !inner.contains('\\') && !inner.contains(".."),
                "{n}"
            );
            assert!(!inner.chars().any(char::is_control), "{n}");
        }
    }

    #[test]
    fn chinese_names_survive_and_numbers_keep_them_apart() {
        assert_eq!(
            entry_name(0, "转账记录", "支付宝 转账.PNG", "image/png"),
            "files/01-转账记录-支付宝_转账.png"
        );
        assert_ne!(
            entry_name(0, "其他", "a.png", "image/png"),
            entry_name(1, "其他", "a.png", "image/png")
        );
        assert_eq!(
            entry_name(2, "其他", "notes.weird", "application/octet-stream"),
            "files/03-其他-notes.weird"
        );
        assert_eq!(
            entry_name(2, "其他", "CON.txt", "text/plain"),
            "files/03-其他-_CON.txt"
        );
    }

    /// Found by the `safe_names` fuzz target's oracle: `COM0` and `COM¹` (superscript digits
    /// are alphanumeric, so they survived) are Windows device names too; a platform named so
    /// exported its profile to `COM¹.reachright-profile.toml`, which Windows cannot create.
    #[test]
    fn superscript_and_zero_device_names_are_escaped() {
        for name in ["COM0", "com¹", "LPT²", "lpt0", "COM³"] {
            assert_eq!(clean(name), format!("_{name}"), "{name}");
        }
        assert_eq!(clean("COM10"), "COM10");
    }
}
