//! The user's platform directory: the shops and services they deal with, each with a core
//! `PlatformProfile` as TOML (opaque here). Deleting a platform never deletes cases: the schema's
//! `ON DELETE SET NULL` unlinks them.

use rusqlite::{OptionalExtension, Row};

use crate::error::{Error, Result};
use crate::rows::PlatformRow;
use crate::store::Store;
use crate::validate;

const COLUMNS: &str = "id, name, profile_toml, vip, verified, updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<PlatformRow> {
    Ok(PlatformRow {
        id: r.get(0)?,
        name: r.get(1)?,
        profile_toml: r.get(2)?,
        vip: r.get(3)?,
        verified: r.get(4)?,
        updated_at: r.get(5)?,
    })
}

fn validate_fields(name: &str, profile_toml: &str, at: &str) -> Result<()> {
    validate::required("name", name)?;
    validate::text("profile_toml", profile_toml)?;
    validate::required("updated_at", at)
}

impl Store {
    /// Insert or replace the platform with `p.id` (ids chosen by the caller, e.g. a built-in
    /// profile's slug). Cases pointing at it stay linked.
    pub fn upsert_platform(&self, p: &PlatformRow) -> Result<()> {
        validate::required("id", &p.id)?;
        validate::text("id", &p.id)?;
        validate_fields(&p.name, &p.profile_toml, &p.updated_at)?;
        // ON CONFLICT DO UPDATE, not INSERT OR REPLACE: a REPLACE deletes the old row first,
        // which would fire ON DELETE SET NULL and unlink every case.
        self.conn().execute(
            "INSERT INTO platforms (id, name, profile_toml, vip, verified, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name,
                 profile_toml = excluded.profile_toml, vip = excluded.vip,
                 verified = excluded.verified, updated_at = excluded.updated_at",
            (
                &p.id,
                &p.name,
                &p.profile_toml,
                p.vip,
                p.verified,
                &p.updated_at,
            ),
        )?;
        Ok(())
    }

    /// Add a platform the user typed in; the id is 16 random lowercase hex characters.
    pub fn create_platform(
        &self,
        name: &str,
        profile_toml: &str,
        vip: bool,
        verified: bool,
        at: &str,
    ) -> Result<PlatformRow> {
        validate_fields(name, profile_toml, at)?;
        Ok(self.conn().query_row(
            &format!(
                "INSERT INTO platforms (id, name, profile_toml, vip, verified, updated_at)
                 VALUES (lower(hex(randomblob(8))), ?1, ?2, ?3, ?4, ?5) RETURNING {COLUMNS}"
            ),
            (name, profile_toml, vip, verified, at),
            from_row,
        )?)
    }

    /// By name, then id.
    pub fn list_platforms(&self) -> Result<Vec<PlatformRow>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM platforms ORDER BY name, id"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn get_platform(&self, id: &str) -> Result<PlatformRow> {
        self.conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM platforms WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?
            .ok_or_else(|| Error::not_found("platform", id))
    }

    /// Cases of this platform keep working with `platform_id = None`.
    pub fn delete_platform(&self, id: &str) -> Result<()> {
        let changed = self
            .conn()
            .execute("DELETE FROM platforms WHERE id = ?1", [id])?;
        if changed == 0 {
            return Err(Error::not_found("platform", id));
        }
        Ok(())
    }
}
