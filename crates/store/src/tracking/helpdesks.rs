//! The helpdesks the user's tickets live in: name, kind and address (never the token).

use rusqlite::Row;

use super::{by_key, list, one_of};
use crate::error::{Error, Result};
use crate::store::Store;
use crate::validate;

/// The helpdesk backends a ticket can live in; the schema enforces the same list.
pub const HELPDESK_KINDS: [&str; 3] = ["rt", "zendesk", "manual"];

/// A helpdesk the user's tickets live in. No token: see [`crate::tracking`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpdeskRow {
    pub name: String,
    /// One of [`HELPDESK_KINDS`].
    pub kind: String,
    /// The helpdesk's base address (`https://rt.example.com`); empty for a manual helpdesk.
    pub url: String,
    pub queue: Option<String>,
    pub email: Option<String>,
    pub created_at: String,
}

const HELPDESK_COLUMNS: &str = "name, kind, url, queue, email, created_at";

fn helpdesk(r: &Row<'_>) -> rusqlite::Result<HelpdeskRow> {
    Ok(HelpdeskRow {
        name: r.get(0)?,
        kind: r.get(1)?,
        url: r.get(2)?,
        queue: r.get(3)?,
        email: r.get(4)?,
        created_at: r.get(5)?,
    })
}

fn validate_helpdesk(h: &HelpdeskRow) -> Result<()> {
    validate::required("name", &h.name)?;
    if h.name.chars().count() > 64 || h.name.chars().any(char::is_control) {
        return Err(Error::invalid(
            "name",
            "must be at most 64 characters, without control characters",
        ));
    }
    one_of("kind", &h.kind, &HELPDESK_KINDS)?;
    validate::text("url", &h.url)?;
    let web = h.url.starts_with("https://") || h.url.starts_with("http://");
    if h.kind != "manual" && !web {
        return Err(Error::invalid("url", "must be an http(s) address"));
    }
    if h.kind == "manual" && !(h.url.is_empty() || web) {
        return Err(Error::invalid("url", "must be empty or an http(s) address"));
    }
    if h.url.chars().any(char::is_whitespace) {
        return Err(Error::invalid("url", "must not contain spaces"));
    }
    validate::opt_text("queue", h.queue.as_deref())?;
    if let Some(email) = &h.email {
        if !email.contains('@') || email.chars().any(char::is_whitespace) {
            return Err(Error::invalid("email", "is not an e-mail address"));
        }
    }
    validate::required("created_at", &h.created_at)
}

impl HelpdeskRow {
    /// The checks [`Store::save_helpdesk`] makes, for callers that must refuse a bad address
    /// before asking the user for a token.
    pub fn check(&self) -> Result<()> {
        validate_helpdesk(self)
    }
}

impl Store {
    /// Add a helpdesk, or update its address, queue and e-mail when the name exists
    /// (`created_at` then stays the first one).
    pub fn save_helpdesk(&self, h: &HelpdeskRow) -> Result<HelpdeskRow> {
        validate_helpdesk(h)?;
        self.write(|tx| {
            Ok(tx.query_row(
                &format!(
                    "INSERT INTO helpdesks (name, kind, url, queue, email, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, url = excluded.url,
                         queue = excluded.queue, email = excluded.email
                     RETURNING {HELPDESK_COLUMNS}"
                ),
                (&h.name, &h.kind, &h.url, &h.queue, &h.email, &h.created_at),
                helpdesk,
            )?)
        })
    }

    pub fn helpdesk(&self, name: &str) -> Result<HelpdeskRow> {
        by_key(
            &self.conn(),
            &format!("SELECT {HELPDESK_COLUMNS} FROM helpdesks WHERE name = ?1"),
            name,
            "helpdesk",
            helpdesk,
        )
    }

    /// By name.
    pub fn helpdesks(&self) -> Result<Vec<HelpdeskRow>> {
        list(
            &self.conn(),
            &format!("SELECT {HELPDESK_COLUMNS} FROM helpdesks ORDER BY name"),
            [],
            helpdesk,
        )
    }

    /// Refused while tickets still point at it (their history would lose its source).
    pub fn delete_helpdesk(&self, name: &str) -> Result<()> {
        self.write(|tx| {
            let used: i64 = tx.query_row(
                "SELECT count(*) FROM tickets WHERE helpdesk = ?1",
                [name],
                |r| r.get(0),
            )?;
            if used > 0 {
                return Err(Error::invalid(
                    "name",
                    format!("{used} tickets still use this helpdesk"),
                ));
            }
            if tx.execute("DELETE FROM helpdesks WHERE name = ?1", [name])? == 0 {
                return Err(Error::not_found("helpdesk", name));
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tracking::tests::{rt, store};

    #[test]
    fn helpdesk_is_upserted_and_checked() {
        let (_t, s) = store();
        s.save_helpdesk(&rt("rt")).expect("save");
        let mut again = rt("rt");
        again.url = "https://rt.example.com".into();
        again.created_at = "2027-01-01T00:00:00Z".into();
        let row = s.save_helpdesk(&again).expect("update");
        assert_eq!(row.url, "https://rt.example.com");
        assert_eq!(row.created_at, "2026-11-20T01:00:00Z");
        assert_eq!(s.helpdesks().expect("list").len(), 1);

        let mut bad = rt("x");
        bad.kind = "jira".into();
        assert!(matches!(
            s.save_helpdesk(&bad),
            Err(Error::Invalid { field: "kind", .. })
        ));
        let mut bad = rt("x");
        bad.url = "ftp://x".into();
        assert!(matches!(
            s.save_helpdesk(&bad),
            Err(Error::Invalid { field: "url", .. })
        ));
        let mut manual = rt("hand");
        manual.kind = "manual".into();
        manual.url = String::new();
        assert!(s.save_helpdesk(&manual).is_ok());
        assert!(matches!(s.helpdesk("nope"), Err(Error::NotFound { .. })));
    }
}
