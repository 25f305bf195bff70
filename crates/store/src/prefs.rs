//! Small key/value state: wizard drafts (saved as the user types, so closing the window loses
//! nothing) and settings (language, text size, theme, the user's contact details).

use rusqlite::OptionalExtension;

use crate::error::Result;
use crate::rows::DraftRow;
use crate::store::Store;
use crate::validate;

impl Store {
    /// Insert or overwrite the draft under `key` (e.g. "wizard" or "case:<id>").
    pub fn save_draft(&self, key: &str, body: &str, at: &str) -> Result<()> {
        validate::required("key", key)?;
        validate::text("body", body)?;
        validate::required("at", at)?;
        self.conn().execute(
            "INSERT INTO drafts (key, body, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
            (key, body, at),
        )?;
        Ok(())
    }

    pub fn load_draft(&self, key: &str) -> Result<Option<DraftRow>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT key, body, updated_at FROM drafts WHERE key = ?1",
                [key],
                |r| {
                    Ok(DraftRow {
                        key: r.get(0)?,
                        body: r.get(1)?,
                        updated_at: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    /// Deleting a draft that is not there is fine: "discard" after "submit" must not fail.
    pub fn delete_draft(&self, key: &str) -> Result<()> {
        self.conn()
            .execute("DELETE FROM drafts WHERE key = ?1", [key])?;
        Ok(())
    }

    /// Insert or overwrite a setting.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.set_settings(&[(key, value)])
    }

    /// Insert or overwrite several settings in one transaction: a settings form is saved whole or
    /// not at all.
    pub fn set_settings(&self, pairs: &[(&str, &str)]) -> Result<()> {
        for (key, value) in pairs {
            validate::required("key", key)?;
            validate::text("value", value)?;
        }
        self.write(|tx| {
            for (key, value) in pairs {
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )?;
            }
            Ok(())
        })
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// All settings, by key.
    pub fn settings(&self) -> Result<Vec<(String, String)>> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT key, value FROM settings ORDER BY key")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
