//! Checks on what callers pass in, so a bad value becomes `Error::Invalid` naming the field
//! instead of a constraint failure deep in SQLite (or a 50 MB paste filling the disk).

use crate::error::{Error, Result};

/// Largest text accepted in any one field. Intake JSON and notes are a few KB; anything near
/// this is a paste gone wrong, and refusing it keeps every list query cheap.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;

/// The statuses a case can have; the schema enforces the same list.
pub const CASE_STATUSES: [&str; 4] = ["open", "waiting", "resolved", "closed"];

pub(crate) fn text(field: &'static str, value: &str) -> Result<()> {
    if value.len() > MAX_TEXT_BYTES {
        return Err(Error::invalid(
            field,
            format!(
                "{} bytes is over the limit of {MAX_TEXT_BYTES} bytes",
                value.len()
            ),
        ));
    }
    Ok(())
}

pub(crate) fn opt_text(field: &'static str, value: Option<&str>) -> Result<()> {
    value.map_or(Ok(()), |v| text(field, v))
}

/// Text that must also say something (titles, keys, kinds, times).
pub(crate) fn required(field: &'static str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    text(field, value)
}

pub(crate) fn status(value: &str) -> Result<()> {
    if CASE_STATUSES.contains(&value) {
        Ok(())
    } else {
        Err(Error::invalid(
            "status",
            format!("`{value}` is not one of {}", CASE_STATUSES.join(", ")),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_is_inclusive_and_names_the_field() {
        assert!(text("note", &"a".repeat(MAX_TEXT_BYTES)).is_ok());
        let err = text("note", &"a".repeat(MAX_TEXT_BYTES + 1)).unwrap_err();
        assert!(
            matches!(err, Error::Invalid { field: "note", .. }),
            "{err:?}"
        );
    }

    #[test]
    fn blank_is_not_required_text() {
        assert!(required("title", " \t").is_err());
        assert!(required("title", "退款").is_ok());
    }

    #[test]
    fn only_known_statuses() {
        for s in CASE_STATUSES {
            assert!(status(s).is_ok());
        }
        assert!(status("Open").is_err());
        assert!(status("").is_err());
    }
}
